"""Wording: words swapped in the same place of otherwise matching sentences ("illegal" / "undocumented")."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Difference
from ...text.labels import medoid
from ...text.lexicon import MONTHS, WEEKDAYS
from ...text.messages import N_
from ...text.tokens import Token, attribution_span, only_who_says
from ...text.variants import all_variants, contraction, silent_e
from .base import Found, Item, Kind, difference, differs, is_year, register, shortened
from .number import VAGUE


@dataclass(slots=True)
class Hunk:
    """A run of the word diff between two members."""

    op: int
    """0 equal, -1 only in the first, 1 only in the second."""
    first: list[Token]
    second: list[Token]


def word_diff(first: list[Token], second: list[Token]) -> list[Hunk]:
    """diff-match-patch over word tokens (punctuation ignored), on their comparison forms."""
    from diff_match_patch import diff_match_patch

    a = [t for t in first if t.kind != "punct"]
    b = [t for t in second if t.kind != "punct"]
    alphabet: dict[str, str] = {}

    def encode(tokens: list[Token]) -> str:
        return "".join(alphabet.setdefault(t.norm, chr(0xE000 + len(alphabet))) for t in tokens)

    engine = diff_match_patch()
    engine.Diff_Timeout = 0.5
    diffs = engine.diff_main(encode(a), encode(b), False)
    engine.diff_cleanupSemantic(diffs)
    hunks: list[Hunk] = []
    i = j = 0
    for op, chunk in diffs:
        size = len(chunk)
        if op == 0:
            hunks.append(Hunk(0, a[i:i + size], b[j:j + size]))
            i, j = i + size, j + size
        elif op == -1:
            hunks.append(Hunk(-1, a[i:i + size], []))
            i += size
        else:
            hunks.append(Hunk(1, [], b[j:j + size]))
            j += size
    return hunks


_MAX_WORDING = 3


def _same_words(old: list[Token], new: list[Token]) -> bool:
    """The same words in another grammatical form ("Service" / "Services") or one word shortened ("Mat Maid" /
    "Matanuska Maid", "Ft. Hood" / "Fort Hood"): no other wording."""
    if len(old) != len(new):
        return False
    return all((x.stem or x.norm) == (y.stem or y.norm) or shortened(x.norm, y.norm)
               or (x.text[:1].isupper() and y.text[:1].isupper() and not x.text.isupper() and not y.text.isupper()
                   and contraction(x.norm, y.norm))
               for x, y in zip(old, new, strict=True))


def _alike(old: list[Token], new: list[Token]) -> bool:
    return _same_words(old, new) or all_variants([" ".join(t.text for t in old), " ".join(t.text for t in new)])


_QUANTITY_WORDS = frozenset(VAGUE) | {"tens", "billions"}


def _who_says(item: Item, tokens: list[Token]) -> bool:
    """The words are inside the part of the sentence that names who said it ("Grimm's lawyer, William
    McGinley, said" / "Mr. McGinley said")."""
    span = attribution_span(item.analysis)
    if span is None:
        return False
    first, last = item.analysis.tokens[span[0]], item.analysis.tokens[span[1] - 1]
    return all(first.start <= t.start and t.end <= last.end for t in tokens)


def _counts(tokens: list[Token]) -> bool:
    """Words that give a quantity ("Ten" / "Twelve", "a million dollars" / "$1 million", "tens of thousands" /
    "more than 10,000 people"): the number and precision kinds' business, not a choice of words."""
    return any(t.value is not None or t.norm in _QUANTITY_WORDS for t in tokens)


def _surname_spelt_two_ways(ours: list[Token], theirs: list[Token], after: list[Token]) -> bool:
    """A surname spelt with and without a final "e" ("Ilene Wolff" / "Ilene Wolfe", "Rait" / "Raite"): one
    person, as the name kind reads it (`variants.one_person`); not a given name before the same surname
    ("Simon Biles" / "Simone Biles")."""
    return len(ours) == len(theirs) == 1 and ours[0].text[:1].isupper() and theirs[0].text[:1].isupper() \
        and silent_e(ours[0].norm, theirs[0].norm) and not (after and after[0].text[:1].isupper())


def _classes(tokens: list[Token]) -> set[str]:
    return {c for t in tokens for c in t.concepts if c.startswith("c:")}


def _one_class(old: list[Token], new: list[Token]) -> bool:
    """Words the paraphrase lexicon (`data/paraphrases.txt`) gives as outlets' words for the same thing:
    "hikes" / "rises", "head" / "chief", "suspended" / "paused". Annotators of real stories count such
    synonyms as no difference, as they do "attorney" / "lawyer"; a loaded word among them is marked on its
    own by the examine stage."""
    return bool(_classes(old) & _classes(new))


_TIME_WORDS = frozenset("""today yesterday tomorrow tonight morning afternoon evening night week weekend month year
day earlier later last next this ago hour minute""".split())


def _when(tokens: list[Token]) -> bool:
    """Words that only say when ("on Thursday" / "yesterday"): the date and precision kinds' business, with
    the article's date at hand, not a choice of words."""
    content = [t for t in tokens if t.content or t.kind == "number" or t.value is not None]
    # "July 1": a day of a month; "10 days ago": days counted back
    dated = any(t.norm.rstrip(".") in MONTHS or t.norm.rstrip("s") in _TIME_WORDS for t in content)
    return bool(content) and all(t.norm.rstrip(".") in WEEKDAYS or t.norm.rstrip(".") in MONTHS
                                 or t.norm in _TIME_WORDS or t.norm.rstrip("s") in _TIME_WORDS or is_year(t)
                                 or (dated and t.value is not None) for t in content)


def _pieces(old: list[Token], new: list[Token]) -> list[tuple[list[Token], list[Token]]]:
    """The swap cut at the small words both sides give in the same place: the word diff merges two swaps a
    word apart into one run ("monitored by national" / "observed by local" is "monitored" / "observed" and
    "national" / "local")."""
    if len(old) != len(new):
        return [(old, new)]
    pieces: list[tuple[list[Token], list[Token]]] = []
    start = 0
    for k in range(len(old) + 1):
        if k == len(old) or (old[k].norm == new[k].norm and not old[k].content):
            if k > start:
                pieces.append((old[start:k], new[start:k]))
            start = k + 1
    return pieces


_TRIM_SIZES = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1))
"""How many words of each side `_trimmed` compares at an end: a variant may be one word or a few ("world
view" / "worldview", "United States" / "U.S.")."""


def _trimmed(old: list[Token], new: list[Token]) -> tuple[list[Token], list[Token]]:
    """The swap without the words at either end that both sides say alike: the word diff merges a variant and
    a swap a word apart into one run ("FBI rules or" / "F.B.I. rules and" is "or" / "and"; "worldview" /
    "world view or his" is only "or his" added)."""
    trimmed = True
    while trimmed and old and new:
        trimmed = False
        for i, j in _TRIM_SIZES:
            if i <= len(old) and j <= len(new) and _alike(old[:i], new[:j]):
                old, new, trimmed = old[i:], new[j:], True
                break
            if i <= len(old) and j <= len(new) and _alike(old[-i:], new[-j:]):
                old, new, trimmed = old[:-i], new[:-j], True
                break
    return old, new


@register(Kind(name="wording", title=N_("Wording"), verb="words it differently", legend=N_("wording"), mark_rank=5, weight=3))
def wording(items: list[Item]) -> list[Difference]:
    """Words swapped in the same place of otherwise matching sentences: "illegal" / "undocumented"; not words
    the paraphrase lexicon gives for one thing ("suspended" / "paused")."""
    if len({i.article for i in items}) < 2:
        return []
    reference = items[medoid([{t.norm for t in item.tokens() if t.content} for item in items])]
    ref_tokens = reference.tokens()
    slots: dict[tuple[int, int], list[Found]] = {}
    for item in items:
        if item.article == reference.article:
            continue
        hunks = word_diff(ref_tokens, item.tokens())
        matched = sum(len(h.first) for h in hunks if h.op == 0)
        if matched < 0.5 * min(len([t for t in ref_tokens if t.kind != "punct"]),
                               len([t for t in item.tokens() if t.kind != "punct"])):
            continue  # not close enough for a word-for-word reading
        for k in range(len(hunks) - 1):
            removed, added = hunks[k], hunks[k + 1]
            if removed.op != -1 or added.op != 1:
                continue
            # The same place: matching words on both sides, or before it at the end of both sentences, or
            # after it at their start ("Anti-abortion activists rallied" / "Pro-life activists rallied").
            before = hunks[k - 1].op == 0 if k > 0 else None
            after = hunks[k + 2].op == 0 if k + 2 < len(hunks) else None
            if before is False or after is False or (before is None and after is None):
                continue
            old, new = _trimmed(removed.first, added.second)
            if not (1 <= len(old) <= 4 and 1 <= len(new) <= 4):
                continue
            if before is None and (len(old) > 2 or len(new) > 2 or sum(t.content for t in hunks[k + 2].first) < 3):
                # At the start only a term for a term, before a run of matching words ("Gibbs was" / "Speaking
                # earlier", then "on ABC's This Week", are two ways into a sentence, not two terms).
                continue
            for ours, theirs in _pieces(old, new):
                if not any(t.content and t.kind == "word" for t in ours) \
                        or not any(t.content and t.kind == "word" for t in theirs):
                    continue
                if _same_words(ours, theirs) or _one_class(ours, theirs) or (_when(ours) and _when(theirs)) \
                        or only_who_says(ours) or only_who_says(theirs) \
                        or (_counts(ours) and _counts(theirs)):  # "he said" / "from pirates"; "Ten" / "Twelve"
                    continue
                if _surname_spelt_two_ways(ours, theirs, hunks[k + 2].first if after else []):
                    continue
                if _who_says(reference, ours) and _who_says(item, theirs):
                    continue  # who said it, in both: the attribution kind's business
                key = (ours[0].start, ours[-1].end)
                slot = slots.setdefault(key, [Found(reference, ours[0].start, ours[-1].end,
                                                    tuple(t.norm for t in ours))])
                slot.append(Found(item, theirs[0].start, theirs[-1].end, tuple(t.norm for t in theirs)))
    ranked = sorted(slots.values(), key=lambda found: (-len(found), found[0].start))
    return [difference("wording", found) for found in ranked[:_MAX_WORDING] if differs(found)]
