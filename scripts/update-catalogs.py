"""Bring the default theme's catalogs up to date with the strings the pages show (as `pybabel update`).

Usage: .venv/bin/python scripts/update-catalogs.py [--check]

Reads every string the templates and Parallax's page code mark (generator.site.i18n.theme_messages),
and rewrites themes/default/locale/<language>/LC_MESSAGES/messages.po: translations of strings still
shown are kept, strings no longer shown are dropped, new strings are added untranslated. Prints, per
language, the strings with no translation. With --check it writes nothing and exits 1 when a catalog
lacks a string or holds one no page shows.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.site.i18n import CATALOG, theme_messages  # noqa: E402

THEME = ROOT / "themes" / "default"


def updated(path: Path, messages: dict[str, str | None]) -> tuple[Catalog, list[str], list[str]]:
    """The catalog at `path` with `messages`, the strings it lacks a translation for, and those dropped."""
    with path.open("rb") as handle:
        old = read_po(handle)
    new = Catalog(locale=old.locale, project=old.project, version=old.version,
                  header_comment=old.header_comment, last_translator=old.last_translator,
                  language_team=old.language_team, fuzzy=False)
    new.creation_date = old.creation_date
    new.revision_date = old.revision_date
    missing = []
    for text, plural in messages.items():
        key = text if plural is None else (text, plural)
        before = old.get(text)
        string: str | tuple[str, ...] = ""
        if before is not None and bool(plural) == isinstance(before.id, tuple | list):
            string = before.string
        if plural is not None and not isinstance(string, tuple | list):
            string = ("",) * new.num_plurals
        flags = ["python-format"] if "%(" in text else []
        new.add(key, string, flags=flags)
        if not (all(string) if isinstance(string, tuple | list) else string):
            missing.append(text)
    dropped = [str(m.id[0] if isinstance(m.id, tuple | list) else m.id) for m in old
               if m.id and (m.id[0] if isinstance(m.id, tuple | list) else m.id) not in messages]
    return new, missing, dropped


def main(argv: list[str]) -> int:
    check = "--check" in argv
    messages = theme_messages([THEME])
    failed = False
    for path in sorted(THEME.glob(f"locale/*/{CATALOG.as_posix()}")):
        catalog, missing, dropped = updated(path, messages)
        language = path.parent.parent.name
        print(f"{language}: {len(messages) - len(missing)} of {len(messages)} strings translated"
              + (f", {len(dropped)} no longer shown" if dropped else ""))
        for text in missing:
            print(f"  untranslated: {text[:100]}")
        failed = failed or bool(missing or dropped)
        if not check:
            with path.open("wb") as handle:
                write_po(handle, catalog, width=0, omit_header=False, sort_output=False)
    return 1 if check and failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
