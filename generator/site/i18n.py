"""The pages' own words in the site's language: gettext catalogs of the theme, read with Babel.

A theme keeps `locale/<language>/LC_MESSAGES/messages.po` beside `templates/`;
the project's theme folder comes first, as for templates. Catalogs are read as
they are (no compile step): Babel parses the `.po` file and the Jinja2 i18n
extension looks each string up. A string with no translation stays English.
Dates are written by Babel in the site's language. `untranslated` lists the
theme's strings that the site's language has no translation for (`parallax
check` reports them).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

CATALOG = Path("LC_MESSAGES") / "messages.po"


def catalog_paths(theme_folders: list[Path], language: str) -> list[Path]:
    """The catalogs for `language` ("fr-CA", then "fr") in the theme's folders, the project's first."""
    tags = list(dict.fromkeys([language.replace("-", "_"), language.split("-")[0]]))
    return [folder / "locale" / tag / CATALOG for folder in theme_folders for tag in tags
            if (folder / "locale" / tag / CATALOG).is_file()]


def translations(theme_folders: list[Path], language: str) -> NullTranslations:
    """The theme's translations into `language`: a project's catalog first, each string it lacks from the
    built-in one (as templates fall back one file at a time). None for a language with no catalog."""
    paths = catalog_paths(theme_folders, language)
    if not paths:
        return NullTranslations()
    first = _read(paths[0])
    for path in paths[1:]:
        first.add_fallback(_read(path))
    return first


def _read(path: Path) -> Translations:
    """A catalog parsed from its .po file (a few milliseconds, once per build: no compiled .mo to go stale)."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    data = io.BytesIO()
    write_mo(data, catalog)
    data.seek(0)
    return Translations(fp=data)


def human_date(value: str | None, language: str = "en") -> str:
    """`2026-06-22` -> `22 June 2026` (English), `22 juin 2026`, `22 de junio de 2026`, `22. Juni 2026`;
    other text unchanged."""
    if not value:
        return ""
    try:
        parsed = dt.date.fromisoformat(value[:10])
    except ValueError:
        return value
    english = f"{parsed.day} {parsed.strftime('%B')} {parsed.year}"  # unambiguous for every English reader
    if language.split("-")[0] == "en":
        return english
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return english
    return str(format_date(parsed, format="long", locale=locale))


def template_strings(theme_folders: list[Path]) -> list[str]:
    """The strings the theme's templates mark for translation (`_("...")`, `{% trans %}`)."""
    from babel.messages.extract import extract_from_file

    found: dict[str, None] = {}
    names: set[str] = set()
    for folder in theme_folders:
        for template in sorted((folder / "templates").glob("*.*")) if (folder / "templates").is_dir() else []:
            if template.name in names:
                continue  # the project's copy of a template replaces the built-in one
            names.add(template.name)
            for _, message, _, _ in extract_from_file("jinja2.ext:babel_extract", str(template),
                                                      options={"extensions": "jinja2.ext.i18n"}):
                text = message[0] if isinstance(message, tuple) else message  # a plural's id is its singular
                if text:
                    found.setdefault(text, None)
    return list(found)


def untranslated(theme_folders: list[Path], language: str) -> list[str] | None:
    """The theme's strings that no catalog for `language` translates; None when it has no catalog at all."""
    paths = catalog_paths(theme_folders, language)
    if not paths:
        return None
    known: set[str] = set()
    for path in paths:
        with path.open("rb") as handle:
            for message in read_po(handle):
                text = str(message.id[0] if isinstance(message.id, tuple | list) else message.id)
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                if text and all(strings):
                    known.add(text)
    return [text for text in template_strings(theme_folders) if text not in known]
