"""`N_`: marks an English string shown on the pages where it is defined, for the theme's catalogs.

The string stays English in the comparison JSON and the command line; the
renderer translates it where a page shows it (`generator.site.i18n.gettext`).
`scripts/update-catalogs.py` and `parallax check` find every string marked so.
"""


def N_(message: str) -> str:
    """`message`, unchanged: the mark is for the catalogs' extractor."""
    return message
