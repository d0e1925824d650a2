"""The site side of the pipeline: from compared stories to the files of the website.

`publish` decides what may be shown of the articles (excerpts or full text);
`views` works out what the pages show (rows, cells, marks, quotations,
sources, with `diagram` for the drawing of who cites whom); `worksheet` makes
the classroom sheet and the CSV; `render` fills the theme's templates
(`theme` finds them, the project's first); `write` swaps the new site in.
It reads the model, `text/` and the public registries (difference kinds, junk
rules), never an analysis module's internals.
"""
