"""Parallax: a static site generator that shows how news outlets covered the same story.

The build is a chain of stages, one module each, over the plain data types in
`generator.model`: load -> normalize -> align -> compare -> render -> write.
"""

__version__ = "0.1.0"
