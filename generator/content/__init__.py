"""The content side of the pipeline: from the files an editor delivers to normalized articles.

`load` reads `content/` (with `frontmatter` checking every field), `normalize`
turns each article into blocks and sentences (Markdown with markdown-it-py,
saved web pages with `savedpage`), with page junk cut by the named rules of
`junk` and sentences split by `segment`. `importer` is `parallax import`,
which turns saved pages into article files.
"""
