"""Parallax: a static site generator that shows how news outlets covered the same story.

The build is a chain of stages over the plain data types in `generator.model`:
load -> normalize (`content/`) -> align -> compare -> examine (`analysis/`) ->
render -> write (`site/`), with the word knowledge they share in `text/`.
`build.py` reads as the list of stages; docs/architecture.md draws the map.
"""

__version__ = "0.1.0"
