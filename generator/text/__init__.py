"""Shared word knowledge: what every stage knows about the words of news text.

`norm` (comparison form, slugs), `lexicon` (stopwords, numbers, months,
spelling, stems, paraphrase classes), `tokens` (a sentence's tokens and
concepts, its attribution and clauses), `people` (quotation marks, speech
verbs, titles, roles, names), `labels` (short fact labels), `ids` (unique ids
from words) and `words_to_examine` (the hedges and loaded-words lexicon), with
their data files in `data/`. Nothing here knows about stages.
"""
