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
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from ..text.lexicon import primary
from ..text.messages import N_

__all__ = ["N_", "clauses", "gettext", "join", "quoted", "speaking"]

CATALOG = Path("LC_MESSAGES") / "messages.po"


def catalog_paths(theme_folders: list[Path], language: str) -> list[Path]:
    """The catalogs for `language` ("fr-CA", then "fr") in the theme's folders, the project's first."""
    tags = list(dict.fromkeys([language.replace("-", "_"), primary(language)]))
    return [folder / "locale" / tag / CATALOG for folder in theme_folders for tag in tags
            if (folder / "locale" / tag / CATALOG).is_file()]


def translations(theme_folders: list[Path], language: str) -> NullTranslations:
    """The theme's translations into `language`: a project's catalog first, each string it lacks from the
    built-in one (as templates fall back one file at a time). English as written for a language with no
    catalog."""
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
    if primary(language) == "en":
        return english
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return english
    return str(format_date(parsed, format="long", locale=locale))


def template_strings(theme_folders: list[Path]) -> list[str]:
    """The strings the pages show that a catalog translates (a plural by its singular)."""
    return list(theme_messages(theme_folders))


def theme_messages(theme_folders: list[Path]) -> dict[str, str | None]:
    """Each string the pages show that a catalog translates, with its plural (None for none): those the
    theme's templates mark (`_("...")`, `{% trans %}`), then those Parallax makes in Python (`N_`,
    `gettext`), then the page-junk rules' descriptions."""
    from babel.messages.extract import extract_from_file

    found: dict[str, str | None] = {}
    names: set[str] = set()
    for folder in theme_folders:
        for template in sorted((folder / "templates").glob("*.*")) if (folder / "templates").is_dir() else []:
            if template.name in names:
                continue  # the project's copy of a template replaces the built-in one
            names.add(template.name)
            for _, message, _, _ in extract_from_file("jinja2.ext:babel_extract", str(template),
                                                      options={"extensions": "jinja2.ext.i18n"}):
                _add(found, message)
    package = Path(__file__).resolve().parent.parent
    for pattern in PYTHON_SOURCES:
        for source in sorted(package.glob(pattern)):
            for _, message, _, _ in extract_from_file("python", str(source), keywords=KEYWORDS):
                _add(found, message)
    from ..content.junk import RULES

    for rule in RULES.values():
        _add(found, rule.description)
    return found


def _add(found: dict[str, str | None], message: str | tuple[str | None, ...]) -> None:
    if isinstance(message, tuple):
        if message[0] and message[0] not in found:
            found[message[0]] = message[1] if len(message) > 1 else None
    elif message and message not in found:
        found[message] = None


PYTHON_SOURCES = ("site/i18n.py", "site/views.py", "site/worksheet.py", "analysis/differences/*.py", "text/words_to_examine.py")
"""The modules whose marked strings the pages show (relative to the `generator` package)."""
KEYWORDS = {"N_": None, "gettext": None}
"""Babel's extraction keywords for those modules."""


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


def install_template_words(env: Environment, catalog: NullTranslations) -> None:
    """`_`, `gettext` and `ngettext` for the templates, as Jinja2's newstyle i18n makes them (the translation,
    marked safe where the page escapes, always used as a format string and filled with the escaped values),
    with each message looked up once per site and no alias in between: a story page says hundreds of them,
    and Jinja2's own calls go through three context calls for each. `{% trans %}` blocks call these too."""
    env.install_gettext_translations(catalog, newstyle=True)  # type: ignore[attr-defined]  # pgettext, ...
    looked_up: dict[str, tuple[str, Markup, bool]] = {}

    def lookup(message: str) -> tuple[str, Markup, bool]:
        found = looked_up.get(message)
        if found is None:
            text = catalog.gettext(message)
            found = looked_up[message] = (text, Markup(text), "%" in text)
        return found

    @pass_context
    def gettext(context: Context, message: str, /, **values: object) -> str:
        text, markup, formats = lookup(message)
        if not context.eval_ctx.autoescape:
            return text % values
        return markup % values if formats else markup  # a text with no % is its own format, whatever the values

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, number: int, /, **values: object) -> str:
        values.setdefault("num", number)
        text = catalog.ngettext(singular, plural, number)
        return (Markup(text) if context.eval_ctx.autoescape else text) % values

    env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext)


# --- the active language, for words made in Python (views, worksheet questions) -------------------

_ACTIVE: ContextVar[tuple[NullTranslations, str]] = ContextVar("parallax_translations",
                                                               default=(NullTranslations(), "en"))


@contextmanager
def speaking(catalog: NullTranslations, language: str) -> Iterator[None]:
    """Within the block, `gettext`, `join`, `quoted` and `clauses` speak `language` through `catalog`
    (the renderer sets it around each page; elsewhere, as in `parallax compare`, they speak English)."""
    token = _ACTIVE.set((catalog, language))
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def gettext(message: str, **values: object) -> str:
    """`message` in the active language, with `%(name)s` filled from `values`."""
    text = _ACTIVE.get()[0].gettext(message)
    return text % values if values else text


def join(items: list[str]) -> str:
    """"A, B and C" in the active language ("A, B et C", "A, B y C", "A, B und C"), by Babel's list patterns."""
    if len(items) < 2:
        return "".join(items)
    language = _ACTIVE.get()[1]
    if primary(language) != "en":
        try:
            return str(format_list(items, locale=Locale.parse(language.replace("-", "_"))))
        except (UnknownLocaleError, ValueError):
            pass
    return ", ".join(items[:-1]) + " and " + items[-1]  # no serial comma, as the pages always wrote it


_QUOTE_MARKS = "\"“”„«»‘’‚‹›「」『』"


def quoted(text: str) -> str:
    """`text` between the active language's quotation marks: “x”, « x », „x“; a text that is one quotation
    already (a fact's label that quotes someone) keeps its own marks."""
    stripped = text.strip()
    if len(stripped) > 1 and stripped[0] in _QUOTE_MARKS and stripped[-1] in _QUOTE_MARKS \
            and not any(mark in stripped[1:-1] for mark in _QUOTE_MARKS):
        return stripped
    return gettext("“%(text)s”", text=text)


def clauses(parts: list[str]) -> str:
    """Clauses that each say who says what, one after the other: "A says x; B says y" ("A écrit x ; B …")."""
    return gettext("; ").join(parts)
