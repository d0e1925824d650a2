"""Align stage: group the sentences of a story's articles that state the same fact.

Takes a normalized `Story`; gives its `AlignedGroup`s in reading order, each
with a confidence, and for every article that has none of its sentences in a
group, the nearest it comes to it. Order-free: every pair of sentences from
different articles gets a probability of stating one fact (`pairs`: shared
words weighted by rarity and paraphrase, sentence meaning by embeddings, how
each ranks the other in its article); sentences are grouped by
average-linkage clustering over those probabilities, at most one sentence per
article per group unless the article repeats itself, so reordered facts meet
wherever they stand. A sentence that packs several facts then also joins the
other groups whose members it matches, with the span of the matching clause.
Deterministic: every tie is broken by sentence order.

`method="baseline"` is the aligner before the semantic layer (the lexical
pair score with fixed thresholds), kept as a yardstick for `make eval`.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from ..model import AlignedGroup, Alike, Member, Nearest, Sentence, Story, is_headline
from ..text.memo import per_object
from ..text.people import PRONOUNS, speech_verbs
from ..text.tokens import (
    CLOSING_QUOTES,
    RELATIVE_DAYS,
    Analysis,
    analyze,
    attribution_span,
    clause_spans,
    is_reporting,
)
from .differences.number import counted_values

if TYPE_CHECKING:
    from collections.abc import Iterable

    import numpy as np

    from ..text.tokens import Token
    from .pairs import Pairs
    from .semantic import Embeddings

Method = Literal["learned", "baseline"]


@dataclass(slots=True)
class AlignConfig:
    """Tunable constants of the aligner (the defaults are measured in docs/evaluation.md).

    With the learned pair model (the default) the thresholds are probabilities; with the baseline
    they are lexical pair scores (`BASELINE`).
    """

    link: float = 0.45
    """Least pair score for two sentences to state the same fact."""
    merge: float = 0.35
    """Least average score between two groups for them to merge."""
    join: float = 0.40
    """Least mean score with a group's members for a sentence to join that group as well as its own."""
    headline_join: float = 0.60
    """The same for a headline: it joins a body fact besides the other headlines only on a strong match."""
    repeat: float = 0.35
    """Least lexical score between two sentences of one article for them to count as a repeat."""
    merge_overlap: float = 0.50
    """Least average score to merge two groups that hold different (non-repeating) sentences of one article."""
    clause_factor: float = 0.7
    """A pair of clauses scores this share of what two whole sentences would (0 turns clauses off)."""
    overlap: float = 0.5
    """Groups that share at least this share of the smaller one's sentences are merged."""
    postings_per_article: int = 6
    """A word in more sentences than this many per article proposes no candidates: it is a topic word,
    not a fact's (it still counts in the pair score). This keeps the candidates linear in the text."""
    min_postings: int = 30
    """Floor of that limit, for stories of two or three articles."""
    index_words: int = 12
    """How many of a sentence's rarest words propose candidates for it."""
    class_weight: float = 0.8
    """Weight of a paraphrase match ("paused" for "suspended") relative to the same word."""
    reporting_weight: float = 0.15
    """Weight of words that report speech ("said", "according")."""
    attribution_weight: float = 0.3
    """Weight of the words naming who said it ("Stephane Kasriel, a Meta vice president, said")."""
    containment_floor: float = 1.0
    """The least total word weight that a sentence's share held by another is taken over (about half a rare
    word's weight): a sentence that says almost nothing ("Have you gone today?") is not contained in every
    sentence that has its one word."""


REPEAT_CHECKS = 8
"""How many sentences of one article on each side the repeat check compares (see `_Clusters.compatible`)."""

BASELINE = AlignConfig(link=0.40, merge=0.36, join=0.30, headline_join=0.30, merge_overlap=0.36,
                       containment_floor=0.0)
"""The thresholds of the lexical aligner before the pair model (its own scale)."""


@dataclass(slots=True)
class Unit:
    """A sentence being aligned."""

    index: int
    """Global order (articles in file order, sentences in reading order)."""
    article: int
    """Index of its article."""
    article_id: str
    sentence: Sentence
    position: float
    """Relative position in its article, 0 (first) to 1 (last)."""
    analysis: Analysis
    words: dict[str, tuple[float, frozenset[str]]] = field(default_factory=dict)
    """Primary concept of each content word -> (IDF weight, its paraphrase classes)."""
    classes: frozenset[str] = frozenset()
    """Every paraphrase class of its words."""
    total: float = 0.0
    """Sum of the words' weights."""
    clauses: list[Unit] = field(default_factory=list)
    """The sentence's clauses as units of their own, when it has more than one."""
    span: tuple[int, int] | None = None
    """For a clause: its offsets in the sentence."""
    keys: frozenset[str] = frozenset()
    """The primary concepts (the keys of `words`), for fast intersection."""
    weights: dict[str, float] = field(default_factory=dict)
    """Primary concept -> weight."""
    classed: list[tuple[str, float, frozenset[str]]] = field(default_factory=list)
    """The words that have paraphrase classes: (primary, weight, classes)."""
    speaker: frozenset[str] | None = None
    """The words that say who speaks its quoted words ("she", "former vice president"); None when it quotes
    no one or does not say who (`_speaker_words`)."""
    named_speaker: bool = False
    """Its speaker is named ("Trump said"), not only described or a pronoun."""

    @property
    def headline(self) -> bool:
        """The sentence is its article's headline (the title, sentence 0)."""
        return is_headline(self.sentence.id)

    def index_words(self) -> None:
        """Fill keys, weights, classed, classes and total from `words`."""
        self.keys = frozenset(self.words)
        self.weights = {p: weight for p, (weight, _) in self.words.items()}
        self.classed = [(p, weight, classes) for p, (weight, classes) in self.words.items() if classes]
        self.classes = frozenset(c for _, _, classes in self.classed for c in classes)
        self.total = sum(self.weights.values())


def align_story(story: Story, config: AlignConfig | None = None, embeddings: Embeddings | None = None,
                method: Method = "learned") -> list[AlignedGroup]:
    """Fact groups over the story's sentences, in reading order; every sentence is in one or more.

    `embeddings`: sentence vectors (the semantic layer); without them the pair model uses words alone.
    """
    config = config or (BASELINE if method == "baseline" else AlignConfig())
    units = _units(story)
    if not units:
        return []
    _weigh(units, config)
    pairs: Pairs | None = None
    if method == "baseline":
        scores = _pair_scores(units, config)
    else:
        from .pairs import score_pairs
        pairs = score_pairs(units, config, embeddings)
        scores = _heard_right(units, pairs.scores())
    clusters = _cluster(units, scores, config)
    partners = _partners(scores)
    memberships = _secondary_memberships(units, clusters, partners, config)
    groups = _groups(units, *_merge_overlapping(clusters, memberships, config, units))
    return _with_confidence(groups, units, partners, _alike_pairs(pairs)) if pairs is not None else groups


# --- units and weights ---------------------------------------------------------------

def _units(story: Story) -> list[Unit]:
    units: list[Unit] = []
    for article_index, article in enumerate(story.articles):
        sentences = article.sentences
        for position, sentence in enumerate(sentences):
            analysis = analyze(sentence.text)
            speaker = _speaker_words(analysis)
            units.append(Unit(index=len(units), article=article_index, article_id=article.id,
                              sentence=sentence, position=position / max(1, len(sentences) - 1),
                              analysis=analysis, speaker=speaker,
                              named_speaker=_names_someone(analysis, speaker)))
    return units


def _weigh(units: list[Unit], config: AlignConfig) -> None:
    """Give each unit its words: primary concept -> (IDF weight, paraphrase classes)."""
    document_frequency: dict[str, int] = defaultdict(int)
    drafts = [_concepts(unit.analysis, config.reporting_weight, config.attribution_weight) for unit in units]
    for words in drafts:
        for primary in words:
            document_frequency[primary] += 1
    n = len(units)
    for unit, words in zip(units, drafts, strict=True):
        unit.words = {p: (factor * math.log((n + 1) / (document_frequency[p] + 0.5)), classes)
                      for p, (factor, classes) in words.items()}
        unit.index_words()
        if config.clause_factor > 0:
            unit.clauses = _clause_units(unit)


@per_object()
def _concepts(analysis: Analysis, reporting_weight: float,
              attribution_weight: float) -> dict[str, tuple[float, frozenset[str]]]:
    """A sentence's words before the story's weights: primary concept -> (its factor, paraphrase classes).
    Remembered for the analysis object (`memo.per_object`): an edit's rebuild works them out again only for
    changed sentences. Read-only."""
    words: dict[str, tuple[float, frozenset[str]]] = {}
    speaker = attribution_span(analysis) or (0, 0)
    for position, token in enumerate(analysis.tokens):
        if not token.concepts:
            continue
        # A relative day weighs as little as a verb of saying; a capital inside the sentence makes it a name
        # (NBC's "Today" show).
        relative_day = token.norm in RELATIVE_DAYS and not token.capitalized
        factor = reporting_weight if is_reporting(token) or relative_day else 1.0
        if speaker[0] <= position < speaker[1]:
            factor = min(factor, attribution_weight)
        primary, classes = token.concepts[0], frozenset(token.concepts[1:])
        if primary.startswith("c:"):
            classes |= {primary}  # a phrase ("put on hold") stands for its class
        old_factor, old_classes = words.get(primary, (0.0, frozenset()))
        words[primary] = (max(old_factor, factor), old_classes | classes)
    return words


def _clause_units(unit: Unit) -> list[Unit]:
    """The clauses of a sentence with the sentence's word weights, when there are several."""
    spans = clause_spans(unit.analysis)
    if len(spans) < 2:
        return []
    clauses = []
    for start, end in spans:
        primaries = {t.concepts[0] for t in unit.analysis.tokens if t.concepts and start <= t.start < end}
        # In the sentence's word order, not the set's: the clause's sums are then the same floats whatever
        # the hash seed.
        words = {p: weight for p, weight in unit.words.items() if p in primaries}
        clause = Unit(index=unit.index, article=unit.article, article_id=unit.article_id, sentence=unit.sentence,
                      position=unit.position, analysis=unit.analysis, words=words, span=(start, end))
        clause.index_words()
        clauses.append(clause)
    return clauses


# --- pair scores ---------------------------------------------------------------------

def lexical_candidates(units: list[Unit], config: AlignConfig) -> list[tuple[int, int]]:
    """Pairs of sentences of different articles that share a rare word or paraphrase class."""
    n = len(units)
    return [(key // n, key % n) for key in lexical_candidate_keys(units, config).tolist()]


def lexical_candidate_keys(units: list[Unit], config: AlignConfig) -> np.ndarray:
    """`lexical_candidates` as sorted keys a * len(units) + b (a < b), built posting list by posting list
    with array operations (a wide story has hundreds of thousands of such pairs)."""
    import numpy as np

    postings: dict[str, list[int]] = defaultdict(list)
    for unit in units:
        # A sentence is found through its rarest words (and their paraphrase classes) only.
        rarest = sorted(unit.words.items(), key=lambda item: (-item[1][0], item[0]))[:config.index_words]
        for concept in sorted({c for primary, (_, classes) in rarest for c in (primary, *classes)}):
            postings[concept].append(unit.index)
    articles = len({unit.article for unit in units})
    limit = max(config.min_postings, config.postings_per_article * articles)
    article = np.array([unit.article for unit in units], dtype=np.int64)
    keys = [np.zeros(0, dtype=np.int64)]
    pairs_of: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # the (i, j) index pairs of a list of each length
    for members in postings.values():
        if not 2 <= len(members) <= limit:
            continue
        if len(members) not in pairs_of:
            pairs_of[len(members)] = np.triu_indices(len(members), 1)
        first, second = pairs_of[len(members)]
        indexes = np.array(members, dtype=np.int64)  # in unit order: a < b in every pair
        a, b = indexes[first], indexes[second]
        apart = article[a] != article[b]
        keys.append(a[apart] * len(units) + b[apart])
    return np.unique(np.concatenate(keys))


def lexical_scores(a: Unit, b: Unit, config: AlignConfig) -> tuple[float, float]:
    """The lexical pair score of the whole sentences, and the same where a sentence that packs several
    facts may match each of them with one of its clauses (at `clause_factor` of a whole sentence's score)."""
    whole = value = pair_score(a, b, config)
    if a.clauses or b.clauses:
        for x in a.clauses or [a]:
            for y in b.clauses or [b]:
                value = max(value, config.clause_factor * pair_score(x, y, config))
    return whole, value


def pair_score_with_clauses(a: Unit, b: Unit, config: AlignConfig) -> float:
    """The lexical pair score, clauses counted (see `lexical_scores`)."""
    return lexical_scores(a, b, config)[1]


def _pair_scores(units: list[Unit], config: AlignConfig) -> dict[tuple[int, int], float]:
    """The baseline's scores: lexical, for the candidates the word index proposes."""
    scores: dict[tuple[int, int], float] = {}
    for a, b in lexical_candidates(units, config):
        value = pair_score_with_clauses(units[a], units[b], config)
        if value > 0:
            scores[(a, b)] = value
    return scores


def _covered(a: Unit, b: Unit, class_weight: float) -> float:
    """Weight of the words of `a` that `b` has too: in full for the same word, in part for a paraphrase."""
    others_keys = b.keys
    # In `a`'s word order, not a set's: the same float sum in every run (set order varies with the hash seed).
    covered = sum(weight for primary, weight in a.weights.items() if primary in others_keys)
    if b.classes:
        others = b.keys
        for primary, weight, classes in a.classed:
            if primary not in others and not classes.isdisjoint(b.classes):
                covered += weight * class_weight
    return covered


def pair_score(a: Unit, b: Unit, config: AlignConfig) -> float:
    """How strongly two sentences state one fact: the mean of Dice and containment over shared word weight
    (the shorter sentence's share held by the other, over at least `containment_floor`)."""
    if a.total <= 0 or b.total <= 0:
        return 0.0
    in_a, in_b = _covered(a, b, config.class_weight), _covered(b, a, config.class_weight)
    floor = config.containment_floor
    if in_a <= 0 and in_b <= 0:
        return 0.0
    dice = (in_a + in_b) / (a.total + b.total)
    containment = in_a / max(a.total, floor) if a.total <= b.total else in_b / max(b.total, floor)
    return (dice + containment) / 2


# --- clustering ----------------------------------------------------------------------

class _Clusters:
    """Average-linkage agglomerative clustering over sparse pair scores.

    Two groups merge when the mean score over their cross-article pairs is high
    enough, and only if every article found in both says the same thing in both
    (its sentences there repeat each other): one fact is told once per article,
    except where an article repeats itself.
    """

    def __init__(self, units: list[Unit], scores: dict[tuple[int, int], float], config: AlignConfig) -> None:
        self.units = units
        self.config = config
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(units))}
        self.per_article: dict[int, dict[int, int]] = {i: {unit.article: 1} for i, unit in enumerate(units)}
        # The first REPEAT_CHECKS members of each article in each group: what `compatible` compares.
        self.sample: dict[int, dict[int, list[int]]] = {i: {unit.article: [i]} for i, unit in enumerate(units)}
        self.between: dict[int, dict[int, float]] = defaultdict(dict)
        for (a, b), value in scores.items():
            self.between[a][b] = value
            self.between[b][a] = value
        self._same_article: dict[tuple[int, int], float] = {}

    def cross_pairs(self, x: int, y: int) -> int:
        """Pairs of members of x and y from different articles."""
        ours, theirs = self.per_article[x], self.per_article[y]
        if len(ours) > len(theirs):
            ours, theirs = theirs, ours  # walk the smaller side
        same = sum(count * theirs.get(article, 0) for article, count in ours.items())
        return len(self.members[x]) * len(self.members[y]) - same

    def linkage(self, x: int, y: int) -> float:
        count = self.cross_pairs(x, y)
        return self.between[x].get(y, 0.0) / count if count else 0.0

    def repeat_score(self, p: int, q: int) -> float:
        """How alike two sentences of one article are; -1 when they give the same words to two speakers
        ("..., she continued" / "..., the former vice president said"): two facts, however alike, one
        echoing the other, never one group."""
        key = (min(p, q), max(p, q))
        if key not in self._same_article:
            a, b = self.units[p], self.units[q]
            self._same_article[key] = -1.0 if _speakers_differ(a, b) or _counts_differ(a, b) \
                else pair_score(a, b, self.config)
        return self._same_article[key]

    def compatible(self, x: int, y: int) -> bool:
        """Every article in both groups repeats itself across them (some pair of its sentences does).

        Only the first REPEAT_CHECKS sentences of each article on each side are compared, and an article
        is settled by its first repeat: a group of many identical sentences costs no more than a small one.
        """
        first, second = self.sample[x], self.sample[y]
        for article, ours in first.items():
            theirs = second.get(article)
            if theirs and not any(self.repeat_score(p, q) >= self.config.repeat for p in ours for q in theirs):
                return False
        return True

    def echoes(self, x: int, y: int) -> bool:
        """An article in both groups gives one of its sentences here and another there to two speakers."""
        first, second = self.sample[x], self.sample[y]
        return any(self.repeat_score(p, q) < 0 for article, ours in first.items() for p in ours
                   for q in second.get(article, ()))

    def run(self) -> list[list[int]]:
        config = self.config
        heap = [(-value, x, y) for x in self.between for y, value in self.between[x].items()
                if x < y and value >= config.link]
        heapq.heapify(heap)
        alive = set(self.members)
        while heap:
            negative, x, y = heapq.heappop(heap)
            if x not in alive or y not in alive:
                continue
            current = self.linkage(x, y)
            if current < -negative - 1e-12:
                # Stale: one side grew and the mean fell. Back to its true place in the queue (lazily, so a
                # merge costs the smaller side's neighbours, not every neighbour of the grown group).
                if current >= config.merge:
                    heapq.heappush(heap, (-current, x, y))
                continue
            if current > -negative + 1e-12:
                continue  # a fresher entry with the higher mean is in the queue
            singletons = len(self.members[x]) == len(self.members[y]) == 1
            needed = config.link if singletons else config.merge
            if self.echoes(x, y):
                continue
            if not self.compatible(x, y):
                # An article would tell this fact twice in different words: only on strong evidence.
                needed = max(needed, config.merge_overlap)
            if current < needed:
                continue
            keep, gone = (x, y) if len(self.members[x]) >= len(self.members[y]) else (y, x)
            moved = [z for z in self.between.get(gone, {}) if z != keep]
            self._merge(keep, gone)
            alive.discard(gone)
            # Only the absorbed side's neighbours can now be linked more strongly; the others' means can
            # only have fallen, and are corrected when they come up.
            between = self.between[keep]
            for z in moved:
                # The mean over at least one cross pair is at most the sum: most neighbours' sums of small
                # probabilities are below the bar without counting their pairs.
                if z in alive and between.get(z, 0.0) >= config.merge:
                    value = self.linkage(keep, z)
                    if value >= config.merge:
                        heapq.heappush(heap, (-value, min(keep, z), max(keep, z)))
        return sorted((sorted(m) for m in self.members.values()), key=lambda m: m[0])

    def _merge(self, x: int, y: int) -> None:
        self.members[x].extend(self.members.pop(y))
        for article, count in self.per_article.pop(y).items():
            self.per_article[x][article] = self.per_article[x].get(article, 0) + count
        for article, sample in self.sample.pop(y).items():
            kept = self.sample[x].setdefault(article, [])
            kept.extend(sample[:REPEAT_CHECKS - len(kept)])
        for z, value in self.between.pop(y, {}).items():
            self.between[z].pop(y, None)
            if z != x:
                self.between[x][z] = self.between[x].get(z, 0.0) + value
                self.between[z][x] = self.between[x][z]
        self.between[x].pop(x, None)


def _speaker_words(analysis: Analysis) -> frozenset[str] | None:
    """The words that say who speaks a sentence's quoted words ("she", "former vice president"); None when it
    quotes no one or does not say who."""
    tokens = analysis.tokens
    if not any(t.quoted for t in tokens):
        return None  # only speakers of quoted words: "According to the Times, ..." names a source
    span = attribution_span(analysis)
    if span is not None and tokens[span[0]].norm in ("according", "citing"):
        return None
    if span is None:
        # "“…,” she continued.": a few words after the closing quotation mark, with a verb that closes one.
        closing = max((i for i, t in enumerate(tokens) if t.kind == "punct" and t.text in CLOSING_QUOTES), default=-1)
        after = [t for t in tokens[closing + 1:] if t.kind == "word"] if closing >= 0 else []
        if not 2 <= len(after) <= 6 or not any(t.norm in QUOTE_VERBS for t in after):
            return None
        span = (closing + 1, len(tokens))
    verbs = [i for i in range(span[0], span[1]) if tokens[i].norm in QUOTE_VERBS and not tokens[i].quoted]
    if not verbs:
        return None
    # The subject right before the verb ("the former vice president said"), or after it ("said Father Reese").
    verb = verbs[0]
    before: list[Token] = []
    i = verb - 1
    while i >= span[0] and tokens[i].kind == "word" and not tokens[i].quoted and len(before) < 6:
        before.append(tokens[i])
        i -= 1
    after_verb: list[Token] = []
    i = verb + 1
    while i < span[1] and tokens[i].kind == "word" and not tokens[i].quoted and len(after_verb) < 6:
        after_verb.append(tokens[i])
        i += 1
    words = frozenset(t.norm for t in before or after_verb if t.norm not in QUOTE_VERBS and t.norm not in SPEAKER_FILLER)
    return words or None


QUOTE_VERBS = speech_verbs("q") | speech_verbs("a")
"""Verbs that close a quotation or attribute a claim ("continued", "said")."""
SPEAKER_FILLER = frozenset({
    "the", "a", "an", "in", "to", "of", "on", "for", "and", "at", "by", "with", "that", "according", "citing",
    "also", "then", "later", "again", "statement", "interview", "reporters", "journalists", "but", "so", "yet",
    "mr", "mrs", "ms", "dr", "his", "her", "their", "its", "who", "which", "this", "last", "week", "friday",
    "monday", "tuesday", "wednesday", "thursday", "saturday", "sunday"})
"""Words of an attribution that do not tell who speaks."""


def _speakers_differ(a: Unit, b: Unit) -> bool:
    """Both sentences say who says them, in words that share nothing: "she continued" / "the former vice
    president said"."""
    first, second = a.speaker, b.speaker
    if first is None or second is None or first & second:
        return False
    # "he said" after "Trump said" is the usual way to name one speaker twice: a pronoun and a name differ
    # in words only.
    return not ((first <= PRONOUNS and b.named_speaker) or (second <= PRONOUNS and a.named_speaker))


def _counts_another(counts: dict[str, frozenset[str]], others: list[dict[str, frozenset[str]]]) -> bool:
    """A sentence counts two or more things the group's members count, each with numbers none of them gives
    ("six rifles, 12 magazines, 300 rounds" against "14 rifles, 31 magazines, 923 rounds"): another fact, not
    one told with a different number, so it does not join the group for another of its facts."""
    shared = sum(1 for head in counts if any(head in other for other in others))
    return shared >= 2 and _agreeing(counts, others) == 0


def _agreeing(counts: dict[str, frozenset[str]], others: list[dict[str, frozenset[str]]]) -> int:
    """How many of the things a sentence counts some of `others` count with the same number."""
    return sum(1 for head, values in counts.items() if any(values & other.get(head, frozenset()) for other in others))


def _counts_differ(a: Unit, b: Unit) -> bool:
    """Two sentences of one article count the same thing with different numbers and no number in common
    ("six AK-47 rifles ... were found" / "a total of 14 AK-47 rifles ... during the five operations"): an
    article does not contradict itself, so they state two facts, however alike their words."""
    first, second = counted_values(a.sentence.text), counted_values(b.sentence.text)
    for head, values in first.items():
        theirs = second.get(head)
        if theirs and not values & theirs:
            return True
    return False


def _heard_right(units: list[Unit], scores: dict[tuple[int, int], float]) -> dict[tuple[int, int], float]:
    """Where an article gives the same quoted words to two speakers (an echo), a sentence of another article
    that names the speaker of one of them ("she wrote") is not scored with the other's ("the former vice
    president said"): the words are the same, the fact is not."""
    by_article: dict[int, list[tuple[Unit, frozenset[str], frozenset[str]]]] = defaultdict(list)
    for unit in units:
        if unit.speaker is None:
            continue
        quoted = frozenset(t.norm for t in unit.analysis.tokens if t.quoted and t.content)
        if len(quoted) >= 3:
            by_article[unit.article].append((unit, unit.speaker, quoted))
    echoes = [(a, a_words, b, b_words) for quoting in by_article.values()
              for (a, a_words, a_quoted), (b, b_words, b_quoted) in itertools.combinations(quoting[:ECHO_CHECKS], 2)
              if len(a_quoted & b_quoted) >= 0.6 * min(len(a_quoted), len(b_quoted)) and _speakers_differ(a, b)]
    if not echoes:
        return scores
    dropped: set[tuple[int, int]] = set()
    partners = _partners(scores)
    for a, a_words, b, b_words in echoes:
        for other in set(partners.get(a.index, {})) | set(partners.get(b.index, {})):
            heard = units[other].speaker
            if heard is None:
                continue
            if heard & a_words and not heard & b_words:
                dropped.add((min(other, b.index), max(other, b.index)))
            elif heard & b_words and not heard & a_words:
                dropped.add((min(other, a.index), max(other, a.index)))
    return {pair: value for pair, value in scores.items() if pair not in dropped}


ECHO_CHECKS = 100
"""At most this many quoting sentences of one article are checked for echoes (the cost stays linear)."""


def _names_someone(analysis: Analysis, speaker: frozenset[str] | None) -> bool:
    """Its speaker is named ("Trump said"), not only described ("the former vice president said")."""
    if not speaker:
        return False
    tokens = {t.norm: t for t in analysis.tokens if t.kind == "word" and not t.quoted}
    return any(w in tokens and tokens[w].text[:1].isupper() and w not in PRONOUNS for w in speaker)


def _cluster(units: list[Unit], scores: dict[tuple[int, int], float], config: AlignConfig) -> list[list[int]]:
    return _Clusters(units, scores, config).run()


# --- a sentence in several groups --------------------------------------------------------

Span = tuple[int, int] | None


def _partners(scores: dict[tuple[int, int], float]) -> dict[int, dict[int, float]]:
    """Each unit's scored partners and their scores (the pair scores, from both sides)."""
    partners: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), value in scores.items():
        partners[a][b] = value
        partners[b][a] = value
    return partners


def _secondary_memberships(units: list[Unit], clusters: list[list[int]], partners: dict[int, dict[int, float]],
                           config: AlignConfig) -> dict[int, list[tuple[int, Span]]]:
    """Extra members of each group: sentences that pack its fact besides their own group's.

    A sentence joins a group whose members it matches on average about as well
    as members of one group match each other (a headline only on a strong match,
    `headline_join`: below it, headlines joined to body facts were wrong 5 times
    in 7 links on the gold and demo stories, above it right 3 times in 5), its
    article has no sentence in that group yet, and that group does not hold words its own group gives to another speaker
    in the same article (an echo: "..., she continued" / "..., the former vice president said").
    Numbers tell facts apart: of an article's sentences that count one thing differently only one joins a
    group (the one whose numbers its members give), and a sentence that counts two or more of the group's
    things, each with a number no member gives, does not join it (`_counts_another`).
    Its span is the clause that carries the match.
    """
    cluster_of = {u: i for i, members in enumerate(clusters) for u in members}
    candidates: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for unit in units:
        own = cluster_of[unit.index]
        scored = partners.get(unit.index, {})
        for target in sorted({cluster_of[n] for n in scored} - {own}):
            members = clusters[target]
            if any(units[m].article == unit.article for m in members):
                continue
            if any(units[m].article == units[o].article and _speakers_differ(units[m], units[o])
                   for m in members[:REPEAT_CHECKS] for o in clusters[own][:REPEAT_CHECKS]):
                continue
            values = [scored.get(m, 0.0) for m in members]
            join = config.headline_join if unit.headline else config.join
            mean = sum(values) / len(values)
            if mean >= join and max(values) >= config.link:
                candidates[target].append((mean, unit.index))
    extra: dict[int, list[tuple[int, Span]]] = defaultdict(list)
    for target, joining in candidates.items():
        kept: list[int] = []
        group_counts = [counted_values(units[m].sentence.text) for m in clusters[target]]
        for _, _, index in sorted((-_agreeing(counted_values(units[i].sentence.text), group_counts), -mean, i)
                                  for mean, i in joining):
            if _counts_another(counted_values(units[index].sentence.text), group_counts):
                continue
            # Two sentences of one article that count one thing differently state two facts: only one joins,
            # the one whose numbers the group's members give, else the closer ("six rifles" in this
            # operation, not "14 rifles" in five).
            if not any(units[k].article == units[index].article and _counts_differ(units[k], units[index])
                       for k in kept):
                kept.append(index)
        for index in sorted(kept):
            extra[target].append((index, _matching_clause(units[index], [units[m] for m in clusters[target]])))
    return extra


def _matching_clause(unit: Unit, group: list[Unit]) -> Span:
    """The clause of `unit` with the most weight shared with `group`; None if the sentence is one clause."""
    clauses = clause_spans(unit.analysis)
    if len(clauses) == 1:
        return None
    words = {w for member in group for w in member.words}
    classes = {c for member in group for c in member.classes}

    def shared(span: tuple[int, int]) -> float:
        total = 0.0
        for token in unit.analysis.tokens:
            if span[0] <= token.start < span[1] and token.concepts:
                weight = unit.words.get(token.concepts[0], (0.0, frozenset()))[0]
                if token.concepts[0] in words or set(token.concepts[1:]) & classes:
                    total += weight
        return total

    return max(clauses, key=shared)


def _merge_overlapping(clusters: list[list[int]], extra: dict[int, list[tuple[int, Span]]],
                       config: AlignConfig, units: list[Unit] | None = None,
                       ) -> tuple[list[list[int]], dict[int, list[tuple[int, Span]]]]:
    """Merge groups that, with their extra members, mostly hold the same sentences: one fact, one row;
    never two whose sentences of one article give the same words to two speakers (`_speakers_differ`)."""
    groups: list[dict[int, Span]] = []
    for i, members in enumerate(clusters):
        group: dict[int, Span] = dict.fromkeys(members)
        group.update(extra.get(i, []))
        groups.append(group)
    primary = [set(members) for members in clusters]
    holding: dict[int, set[int]] = defaultdict(set)  # sentence -> groups that hold it
    for i, group in enumerate(groups):
        for m in group:
            holding[m].add(i)
    pending = deque(sorted({(min(i, j), max(i, j)) for groups_of in holding.values() if len(groups_of) > 1
                            for i, j in itertools.combinations(sorted(groups_of), 2)}))
    while pending:
        i, j = pending.popleft()
        if not groups[i] or not groups[j]:
            continue
        common = groups[i].keys() & groups[j].keys()
        if len(common) < 2 or len(common) < config.overlap * min(len(groups[i]), len(groups[j])):
            continue
        if units is not None and (_echo_between(units, primary[i] - common, primary[j] - common)
                                  or _counted_apart(units, groups[i].keys() - common, groups[j].keys() - common)):
            continue
        for m, span in groups[j].items():
            groups[i].setdefault(m, span)
            holding[m].discard(j)
            holding[m].add(i)
        primary[i] |= primary[j]
        groups[j], primary[j] = {}, set()
        # the grown group may now overlap others enough
        pending.extend(sorted({(min(i, k), max(i, k)) for m in groups[i] for k in holding[m] if k != i}))
    kept = [i for i, g in enumerate(groups) if g]
    new_clusters = [sorted(primary[i] or groups[i]) for i in kept]
    new_extra = {k: sorted(((m, span) for m, span in groups[i].items() if m not in primary[i]), key=lambda e: e[0])
                 for k, i in enumerate(kept)}
    return new_clusters, new_extra


def _echo_between(units: list[Unit], first: set[int], second: set[int]) -> bool:
    """A sentence of one side and one of the other, of one article, give the same words to two speakers."""
    theirs = [units[q] for q in second if units[q].speaker is not None]
    return bool(theirs) and any(units[p].article == q.article and _speakers_differ(units[p], q)
                                for p in first if units[p].speaker is not None for q in theirs)


def _counted_apart(units: list[Unit], first: Iterable[int], second: Iterable[int]) -> bool:
    """A sentence of one side and one of the other, of one article, count one thing with different numbers
    (`_counts_differ`), as members or as sentences that join for another of their facts."""
    by_article: dict[int, list[Unit]] = defaultdict(list)
    for q in second:
        by_article[units[q].article].append(units[q])
    return any(_counts_differ(units[p], other) for p in first for other in by_article.get(units[p].article, ()))


def _primary_spans(units: list[Unit], clusters: list[list[int]],
                   extra: dict[int, list[tuple[int, Span]]]) -> dict[tuple[int, int], tuple[int, int]]:
    """For a sentence in several groups, the clause that carries its own group's fact, when that is
    a different clause from the ones it joined other groups with (cluster index, unit) -> span."""
    elsewhere: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for joined in extra.values():
        for m, span in joined:
            if span is not None:
                elsewhere[m].add(span)
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for index, cluster in enumerate(clusters):
        for m in cluster:
            if m not in elsewhere:
                continue
            others = [units[o] for o in cluster if o != m and units[o].article != units[m].article]
            span = _matching_clause(units[m], others) if others else None
            if span is not None and span not in elsewhere[m]:
                spans[(index, m)] = span
    return spans


# --- groups in reading order ---------------------------------------------------------

def _groups(units: list[Unit], clusters: list[list[int]],
            extra: dict[int, list[tuple[int, Span]]]) -> list[AlignedGroup]:
    primary_spans = _primary_spans(units, clusters, extra)
    entries = []
    for index, members in enumerate(clusters):
        all_members: list[tuple[int, Span]] = [(m, primary_spans.get((index, m))) for m in members]
        all_members += extra.get(index, [])
        all_members.sort(key=lambda entry: entry[0])
        entries.append((_reading_position(units, [m for m, _ in all_members]), index, all_members))
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    return [AlignedGroup(members=[Member(article=units[m].article_id, sentence=units[m].sentence.id,
                                         span=list(span) if span else None) for m, span in all_members])
            for _, _, all_members in entries]


ALIKE = 0.6
"""Two sentences of different articles whose embeddings' cosine is at least this mean nearly the same (about
the same event); found in different groups, compare checks whether one reports as done what the other gives
as only expected."""


def _alike_pairs(pairs: Pairs) -> dict[int, dict[int, float]]:
    """Each unit's partners whose sentence means nearly the same (cosine >= ALIKE); empty without embeddings."""
    if "cosine" not in pairs.names:
        return {}
    cosine = pairs.features[:, pairs.names.index("cosine")]
    alike: dict[int, dict[int, float]] = defaultdict(dict)
    for k in (cosine >= ALIKE).nonzero()[0].tolist():
        a, b, value = pairs.left[k], pairs.right[k], round(float(cosine[k]), 3)
        alike[a][b] = alike[b][a] = value
    return alike


NEAR = 0.2
"""An article that has no sentence in a fact's group, but one whose mean probability of stating it with the
group's members is at least this, may state it in other words: "possibly covered", not "left out"."""


def _with_confidence(groups: list[AlignedGroup], units: list[Unit], partners: dict[int, dict[int, float]],
                     alike: dict[int, dict[int, float]] | None = None) -> list[AlignedGroup]:
    """Each group's and member's confidence, how near each absent article comes to the group, and its
    members' look-alikes outside it.

    An absent article comes near a group through a member that packs several facts when one of its own
    sentences shares another group with that member and comes near it on its own (pair probability at
    least NEAR): the two state one fact, and may state this one too.
    """
    index = {unit.sentence.id: unit.index for unit in units}
    member_lists = [[index[m.sentence] for m in group.members] for group in groups]
    member_sets = [set(members) for members in member_lists]
    groups_of: dict[int, list[int]] = defaultdict(list)
    for number, members in enumerate(member_lists):
        for m in members:
            groups_of[m].append(number)
    result = []
    for number, group in enumerate(groups):
        members = member_lists[number]
        articles = {units[m].article_id for m in members}
        inside = member_sets[number]
        look_alikes = [Alike(sentence=units[m].sentence.id, other=units[o].sentence.id, similarity=value)
                       for m in members for o, value in sorted((alike or {}).get(m, {}).items()) if o not in inside]
        group = replace(group, alike=look_alikes)
        if len(articles) < 2:
            result.append(group)
            continue
        # One pass over each member's scored partners (pairs without a score count 0), linear in the
        # scores, not quadratic in the group, which may hold thousands of one article's repeats: partners
        # in the group from other articles make its confidence; partners from articles with no sentence
        # in the group are the only sentences that can come near it.
        of_article = Counter(units[m].article for m in members)
        confident, cross_sum = [], 0.0
        near: dict[int, float] = defaultdict(float)
        for member, m in zip(group.members, members, strict=True):
            article = units[m].article
            crossing = []
            for o, value in partners.get(m, {}).items():
                if o in inside:
                    if units[o].article != article:
                        crossing.append(value)
                elif units[o].article_id not in articles:
                    near[o] += value
            summed = math.fsum(crossing)
            cross_sum += summed
            confident.append(replace(member, confidence=round(summed / (len(members) - of_article[article]), 3)))
        cross_pairs = (len(members) ** 2 - sum(count * count for count in of_article.values())) // 2
        best_of: dict[str, tuple[float, int]] = {}
        for c, total in near.items():
            article_id = units[c].article_id
            if (total, -c) > best_of.get(article_id, (0.0, 0)):
                best_of[article_id] = (total, -c)
        through = _through_shared_groups(number, members, articles, units, partners, groups_of, member_sets)
        nearest = []
        for article_id in sorted(best_of.keys() | through.keys()):
            total, c = best_of.get(article_id, (0.0, 0))
            if article_id in through and round(total / len(members), 3) < NEAR:
                _, m, c = through[article_id]
                nearest.append(Nearest(article=article_id, sentence=units[-c].sentence.id,
                                       confidence=round(near.get(-c, 0.0) / len(members), 3),
                                       through=units[-m].sentence.id))
            elif total / len(members) >= 0.02:
                nearest.append(Nearest(article=article_id, sentence=units[-c].sentence.id,
                                       confidence=round(total / len(members), 3)))
        result.append(replace(group, members=confident, confidence=round(cross_sum / 2 / cross_pairs, 3),
                              nearest=nearest))
    return result


def _through_shared_groups(number: int, members: list[int], articles: set[str], units: list[Unit],
                           partners: dict[int, dict[int, float]], groups_of: dict[int, list[int]],
                           member_sets: list[set[int]]) -> dict[str, tuple[float, int, int]]:
    """For each article absent from group `number`: its sentence that shares another group with one of the
    group's members and comes near that member on its own (pair probability at least NEAR), as the best
    such (probability, -member, -sentence): the likeliest pair, then the earliest member and sentence.

    Linear in the memberships and the members' scored partners, never in the product of two groups' sizes
    (a group may hold thousands of one article's repeats).
    """
    shared: dict[int, list[int]] = defaultdict(list)  # another group -> this group's members in it
    for m in members:
        for other in groups_of[m]:
            if other != number:
                shared[other].append(m)
    best: dict[str, tuple[float, int, int]] = {}
    for other, both in shared.items():
        for m in both:
            for c, value in partners.get(m, {}).items():
                article_id = units[c].article_id
                if value >= NEAR and article_id not in articles and c in member_sets[other] \
                        and (value, -m, -c) > best.get(article_id, (-1.0, 0, 0)):
                    best[article_id] = (value, -m, -c)
    return best


def _reading_position(units: list[Unit], members: list[int]) -> float:
    """Consensus position: the mean of its first relative position in each article that reports it,
    drawn toward the middle by how few articles do, so that what all report first comes first."""
    first: dict[int, float] = {}
    for m in members:
        unit = units[m]
        first[unit.article] = min(first.get(unit.article, 1.0), unit.position)
    prior_weight = 0.5
    return (sum(first.values()) + prior_weight * 0.5) / (len(first) + prior_weight)
