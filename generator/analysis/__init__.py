"""The analysis side of the pipeline: from normalized articles to what they share and where they differ.

`align` groups the sentences that state one fact; `compare` finds each
group's typed differences (one file per kind in `differences/`), marks,
label and status, and what each article leaves out; `examine` reads the
compared story for a class: `quotations`, `sources` and `words` to examine.
"""
