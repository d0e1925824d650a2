"""The lexical pair score of many sentence pairs at once, as array operations (part of the align stage).

`align.pair_score` scores one pair in Python: the weight of the words each
sentence shares with the other (a paraphrase at `class_weight`), as the mean
of Dice and containment. A story's candidate pairs number in the hundreds of
thousands, so `LexicalIndex` scores them together with NumPy: every word of
every sentence is one entry of flat arrays, a pair's shared words are found
by looking the other sentence's (sentence, word) codes up in one sorted array,
and each pair's sum is a `bincount` over its entries.

The sums are the same floating-point numbers as `align.pair_score`'s, bit for
bit: `bincount` adds a pair's entries one after the other in array order, and
the entries stand in the order the Python sum takes them (the sentence's
words in order, then its paraphrase matches in order). A test holds that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .align import AlignConfig, Unit


DENSE = 1 << 24
"""Rows x words up to which word lookups use a flag per code (16 MB) instead of a binary search."""
CHUNK = 20_000
"""Pairs scored at once (about 30 MB of word arrays for sentences of ordinary length)."""


class LexicalIndex:
    """A story's sentences and clauses as flat arrays of words, for `scores`."""

    def __init__(self, units: list[Unit], config: AlignConfig) -> None:
        self.config = config
        rows: list[Unit] = list(units)  # whole sentences first (row = unit index), then clauses
        unit_rows: list[list[int]] = []
        for unit in units:
            if unit.clauses:
                unit_rows.append(list(range(len(rows), len(rows) + len(unit.clauses))))
                rows.extend(unit.clauses)
            else:
                unit_rows.append([unit.index])
        concepts: dict[str, int] = {}
        word_rows: list[int] = []
        word_ids: list[int] = []
        word_weights: list[float] = []
        word_lengths: list[int] = []
        entry_ids: list[int] = []
        entry_weights: list[float] = []
        entry_lengths: list[int] = []
        class_entries: list[int] = []
        class_ids: list[int] = []
        self.total = np.array([row.total for row in rows], dtype=np.float64)
        for number, row in enumerate(rows):
            word_lengths.append(len(row.weights))
            for primary, weight in row.weights.items():  # the order `_covered` sums them in
                word_rows.append(number)
                word_ids.append(concepts.setdefault(primary, len(concepts)))
                word_weights.append(weight)
            entry_lengths.append(len(row.classed))
            for primary, weight, classes in row.classed:
                entry = len(entry_ids)
                entry_ids.append(concepts.setdefault(primary, len(concepts)))
                entry_weights.append(weight)
                for name in sorted(classes):
                    class_entries.append(entry)
                    class_ids.append(concepts.setdefault(name, len(concepts)))
        self.width = max(1, len(concepts))
        # Each unit's rows: its clauses' (contiguous) or its own.
        self.part_start = np.array([parts[0] for parts in unit_rows], dtype=np.int64)
        self.part_count = np.array([len(parts) for parts in unit_rows], dtype=np.int64)
        self.word_start = run_starts(word_lengths)
        self.word_length = np.array(word_lengths, dtype=np.int64)
        self.word_id = np.array(word_ids, dtype=np.int64)
        self.word_weight = np.array(word_weights, dtype=np.float64)
        self.keys = np.unique(np.array(word_rows, dtype=np.int64) * self.width + self.word_id)
        self.entry_start = run_starts(entry_lengths)
        self.entry_length = np.array(entry_lengths, dtype=np.int64)
        self.entry_id = np.array(entry_ids, dtype=np.int64)
        self.entry_weight = np.array(entry_weights, dtype=np.float64)
        entry_row = np.repeat(np.arange(len(rows), dtype=np.int64), self.entry_length)
        self.class_entry = np.array(class_entries, dtype=np.int64)
        self.class_id = np.array(class_ids, dtype=np.int64)
        # Every paraphrase class a row has, as row * width + class.
        self.row_classes = np.unique(entry_row[self.class_entry] * self.width + self.class_id) \
            if len(self.class_entry) else np.zeros(0, dtype=np.int64)
        # Entries by the entry they belong to, for looking up an entry's classes.
        self.class_order = np.argsort(self.class_entry, kind="stable")
        self.class_by_entry = self.class_entry[self.class_order]
        # A story of ordinary size: every (row, word) and (row, class) code as one flag each, so a lookup
        # is an index instead of a binary search (the same answers).
        codes = len(rows) * self.width
        self.has_word: np.ndarray | None = None
        self.has_class: np.ndarray | None = None
        if codes <= DENSE:
            self.has_word = np.zeros(codes, dtype=bool)
            self.has_word[self.keys] = True
            self.has_class = np.zeros(codes, dtype=bool)
            self.has_class[self.row_classes] = True

    def scores(self, left: list[int] | np.ndarray, right: list[int] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """`align.lexical_scores` of each pair of units (left[k], right[k]): the whole sentences' score, and
        the best of it and `clause_factor` times the score of any two of their clauses. Pairs are taken
        CHUNK at a time: the arrays of their words stay a few tens of megabytes however many pairs."""
        if len(left) > CHUNK:
            parts = [self.scores(left[start:start + CHUNK], right[start:start + CHUNK])
                     for start in range(0, len(left), CHUNK)]
            return np.concatenate([w for w, _ in parts]), np.concatenate([c for _, c in parts])
        a = np.asarray(left, dtype=np.int64)
        b = np.asarray(right, dtype=np.int64)
        whole = self._pair_score(a, b)
        best = whole.copy()
        split = np.flatnonzero((self.part_count[a] > 1) | (self.part_count[b] > 1))
        if len(split):
            # Every clause of one with every clause of the other, pair by pair in order.
            count_a, count_b = self.part_count[a[split]], self.part_count[b[split]]
            owners, offset = expand_runs(np.zeros(len(split), dtype=np.int64), count_a * count_b)
            x = self.part_start[a[split]][owners] + offset // count_b[owners]
            y = self.part_start[b[split]][owners] + offset % count_b[owners]
            clause = self.config.clause_factor * self._pair_score(x, y)
            np.maximum.at(best, split[owners], clause)
        return whole, best

    def _pair_score(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """`align.pair_score` of rows a[k] and b[k]."""
        in_a, in_b = self._covered(a, b), self._covered(b, a)
        total_a, total_b = self.total[a], self.total[b]
        with np.errstate(divide="ignore", invalid="ignore"):
            dice = (in_a + in_b) / (total_a + total_b)
            floor = self.config.containment_floor
            containment = np.where(total_a <= total_b, in_a / np.maximum(total_a, floor),
                                   in_b / np.maximum(total_b, floor))
            score = (dice + containment) / 2
        zero = (total_a <= 0) | (total_b <= 0) | ((in_a <= 0) & (in_b <= 0))
        return np.where(zero, 0.0, score)

    def _covered(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """`align._covered` of rows a[k] by rows b[k]: a's words b has, then a's paraphrases of b's words."""
        pairs = len(a)
        pair, entry = expand_runs(self.word_start[a], self.word_length[a])
        other = b[pair] * self.width
        exact = np.where(self._word_in(other + self.word_id[entry]), self.word_weight[entry], 0.0)
        pair_c, entry_c = expand_runs(self.entry_start[a], self.entry_length[a])
        if len(entry_c):
            other_c = b[pair_c] * self.width
            absent = ~self._word_in(other_c + self.entry_id[entry_c])
            # Which (pair, entry) share a class with the other row: each of the entry's classes looked up.
            first = np.searchsorted(self.class_by_entry, entry_c)
            count = np.searchsorted(self.class_by_entry, entry_c, side="right") - first
            slot, offset = expand_runs(first, count)
            codes = other_c[slot] + self.class_id[self.class_order[offset]]
            hit = self.has_class[codes] if self.has_class is not None else in_sorted(self.row_classes, codes)
            shares = np.bincount(slot[hit], minlength=len(entry_c)) > 0
            paraphrase = np.where(absent & shares, self.entry_weight[entry_c] * self.config.class_weight, 0.0)
        else:
            paraphrase = np.zeros(0)
        # One bincount, words before paraphrases: each pair's entries are added in `_covered`'s order.
        return np.bincount(np.concatenate([pair, pair_c]), weights=np.concatenate([exact, paraphrase]),
                           minlength=pairs)


    def _word_in(self, codes: np.ndarray) -> np.ndarray:
        """Whether each (row, word) code is one of a row's words."""
        return self.has_word[codes] if self.has_word is not None else in_sorted(self.keys, codes)


def run_starts(lengths: list[int]) -> np.ndarray:
    """Where each run of these lengths starts when the runs stand one after another."""
    starts = np.zeros(len(lengths), dtype=np.int64)
    if lengths:
        np.cumsum(lengths[:-1], out=starts[1:])
    return starts


def expand_runs(starts: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For runs (start, length): the run number and the position of each of their elements, in order."""
    owner = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    if not len(owner):
        return owner, owner
    first = np.repeat(np.cumsum(lengths) - lengths, lengths)
    return owner, np.repeat(starts, lengths) + np.arange(len(owner), dtype=np.int64) - first


def in_sorted(sorted_codes: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Whether each code is in the sorted array."""
    if not len(sorted_codes):
        return np.zeros(len(codes), dtype=bool)
    at = np.searchsorted(sorted_codes, codes)
    found: np.ndarray = sorted_codes[np.minimum(at, len(sorted_codes) - 1)] == codes
    return found
