"""The plain data types every stage reads and writes.

Stages import their types from here, never from each other. Serialisation
lives beside this module, in `serialize`: a field marked `internal` here stays
out of the comparison JSON.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

BlockKind = Literal["heading", "paragraph", "list-item", "summary", "byline", "quote"]
ArticleFormat = Literal["markdown", "html"]
GroupStatus = Literal["agreement", "differs", "single-source"]
FactVerdict = Literal["confirmed", "rejected"]
"""What an editor says of a fact group in the review file: its members state one fact, or they do not."""
DifferenceKind = str
"""A registered kind of difference (`generator.analysis.differences.KINDS`): number, date, name, ..."""

COMPARISON_SCHEMA = "parallax.comparison/1"


def internal(default: Any = dataclasses.MISSING, **kwargs: Any) -> Any:
    """A field that the pipeline uses but the comparison JSON leaves out."""
    if default is not dataclasses.MISSING:
        kwargs["default"] = default
    return field(metadata={"internal": True}, **kwargs)


# --- configuration -----------------------------------------------------------

@dataclass(slots=True)
class NormalizeConfig:
    """The `[normalize]` table of `parallax.toml`."""

    skip_rules: list[str] = field(default_factory=list)
    """Names of junk rules not to apply (see `parallax check --rules`)."""


@dataclass(slots=True)
class AlignSettings:
    """The `[align]` table of `parallax.toml`."""

    semantic: bool = True
    """Match sentences by meaning too (sentence embeddings), when the semantic extra is installed."""
    model: str = ""
    """A folder holding `model.onnx` and `tokenizer.json` of another sentence encoder; empty: the bundled
    all-MiniLM-L6-v2. Relative to the project folder."""


@dataclass(slots=True)
class SiteConfig:
    """`parallax.toml`, validated. Paths are resolved against `root`."""

    root: Path
    """The project folder (the one holding `parallax.toml`)."""
    title: str = "Parallax"
    """Site title, shown in the header of every page."""
    description: str = ""
    """One line about the site, for the index page and the feed."""
    base_url: str = ""
    """Public address of the site, such as `https://example.org/news/`; empty for local use."""
    language: str = "en"
    """Default language of the pages and of articles that do not say."""
    theme: str = "default"
    """Folder name under `themes/`."""
    content_dir: str = "content"
    """Where the stories are, relative to `root`."""
    output_dir: str = "site"
    """Where the site is written, relative to `root`."""
    publish: str = ""
    """`excerpts` or `full`; empty means excerpts when `base_url` is set (a public site), full otherwise."""
    excerpt_words: int = 250
    """With `publish = "excerpts"`: at most this many words of each article are shown."""
    paginate: int = 20
    """Stories per page of the index and of each tag and outlet page (Hugo's `paginate`)."""
    normalize: NormalizeConfig = field(default_factory=NormalizeConfig)
    """Settings of the normalize stage."""
    align: AlignSettings = field(default_factory=AlignSettings)
    """Settings of the align stage."""
    cluster: str = ""
    """`[build] cluster`: where stories are processed: a Dask scheduler's address, `local:N`, or empty (this
    machine's processes). It changes where the work runs, never what comes out."""
    file: Path | None = None
    """The `parallax.toml` this came from, or None when defaults were used."""

    @property
    def publish_mode(self) -> str:
        """What the pages show of the articles: `excerpts` or `full`."""
        return self.publish or ("excerpts" if self.base_url else "full")

    @property
    def content_path(self) -> Path:
        return (self.root / self.content_dir).resolve()

    @property
    def output_path(self) -> Path:
        return (self.root / self.output_dir).resolve()


# --- loaded content (before normalization) -----------------------------------

@dataclass(slots=True)
class ArticleFile:
    """One article file as the editor delivered it: front matter and raw body (an input file, not a cited source)."""

    id: str
    """The file name without extension; unique within its story, used in URLs."""
    path: Path
    """The file it was read from."""
    format: ArticleFormat
    """`markdown` for `.md` (Markdown or plain text), `html` for saved pages."""
    outlet: str
    """Who published it, as shown to readers: "India Today", or a neutral "Source 000"."""
    body: str
    """The article text exactly as delivered, junk included."""
    body_line: int = 1
    """Line of `path` on which `body` starts (after the front matter)."""
    title: str | None = None
    """Headline, when known."""
    url: str | None = None
    """Address of the original, when known (http or https only)."""
    author: str | None = None
    """Author named by the outlet, when known."""
    published: str | None = None
    """Publication date (ISO 8601), when known."""
    language: str | None = None
    """Language tag such as `en`; None means the site's language."""
    draft: bool = False
    """A draft is left out of the build unless `--drafts` is given."""
    publish_after: str | None = None
    """Embargo: the article is left out until this date or time (ISO 8601) unless `--drafts`."""


@dataclass(slots=True)
class StoryFolder:
    """One story folder: `_story.md` and its article files."""

    slug: str
    """The folder name; the story's URL is `/<slug>/`."""
    path: Path
    """The story folder."""
    title: str
    """Title of the comparison page."""
    date: str | None = None
    """Date of the story (ISO 8601), used to sort the index newest first."""
    summary: str = ""
    """One or two sentences for the index and the feed."""
    tags: list[str] = field(default_factory=list)
    """Free tags."""
    questions: list[str] = field(default_factory=list)
    """The editor's discussion questions, printed on the worksheet."""
    draft: bool = False
    """A draft story is left out of the build unless `--drafts` is given."""
    publish_after: str | None = None
    """Embargo: the story is left out until this date or time (ISO 8601) unless `--drafts`."""
    intro: str = ""
    """The editor's introduction, Markdown."""
    articles: list[ArticleFile] = field(default_factory=list)
    """The articles, ordered by file name."""
    review: Review | None = None
    """The editor's corrections to the comparison (`_review.yaml`), when the story has them."""


# --- the editor's review (_review.yaml) ------------------------------------------

@dataclass(slots=True)
class FactReview:
    """One `facts:` entry of a review file: what the editor says of one fact group."""

    sentences: list[str]
    """Sentence ids; the entry is about the group that holds the first of them."""
    line: int = 0
    """Line of the entry in the review file."""
    says: str = ""
    """The first words of the first sentence as the editor saw it: a check that the text did not change."""
    verdict: FactVerdict | None = None
    """confirmed (its members state one fact) or rejected (they do not: each becomes a fact of its own)."""
    label: str = ""
    """The editor's label for the fact (replaces the generated one)."""
    note: str = ""
    """The editor's note, shown with the fact."""
    dismiss: list[str] = field(default_factory=list)
    """Difference kinds the editor dismisses in this fact (they are not real differences)."""


@dataclass(slots=True)
class SentenceSet:
    """A `merge:` or `split:` entry: sentence ids, and its line in the review file."""

    sentences: list[str]
    line: int = 0


@dataclass(slots=True)
class OmissionReview:
    """An `omissions:` entry: whether an article really leaves a fact out."""

    sentences: list[str]
    """The fact: the group that holds the first of these sentences."""
    article: str
    """The article that leaves it out (or, with `real: false`, states it in other words)."""
    real: bool = True
    line: int = 0


@dataclass(slots=True)
class Review:
    """A story's review file, as read: the editor's corrections, applied by the build."""

    path: str
    """The file (for messages)."""
    reviewed: bool = False
    """The editor has checked the whole comparison."""
    reviewer: str = ""
    date: str | None = None
    note: str = ""
    """Shown at the top of the story page."""
    facts: list[FactReview] = field(default_factory=list)
    merge: list[SentenceSet] = field(default_factory=list)
    """Each: the groups holding these sentences become one fact."""
    split: list[SentenceSet] = field(default_factory=list)
    """Each: these sentences leave their groups and become one fact of their own."""
    omissions: list[OmissionReview] = field(default_factory=list)


# --- parsed, not yet normalized ------------------------------------------------

@dataclass(slots=True)
class RawBlock:
    """A block as parsed from Markdown or HTML, before junk removal and classification."""

    kind: BlockKind
    """What the markup says it is (a paragraph may still turn out a heading or byline)."""
    text: str
    """Plain text, inline markup removed."""
    line: int | None = None
    """Line in the article file where the block starts."""
    level: int = 0
    """Heading level from the markup; 0 when the markup gave none."""
    raw: str = ""
    """The block's lines as delivered, markup included (what a removal records)."""


# --- normalized text ---------------------------------------------------------

def is_headline(sentence_id: str) -> bool:
    """The sentence of this id is its article's headline (`<article>.s0`)."""
    return sentence_id.endswith(".s0")


@dataclass(slots=True)
class Sentence:
    """One sentence of a content block."""

    id: str
    """Unique across the story: `<article>.s<n>`; the headline is `<article>.s0`."""
    text: str
    """The sentence as the outlet wrote it (original quotes, dashes and case)."""
    start: int
    """Offset of the sentence in its block's text."""
    end: int
    """End offset (exclusive) in its block's text."""
    norm: str = internal("")
    """Comparison form: straight quotes, plain dashes and spaces, lower case."""
    withheld: bool = False
    """Published as an excerpt, this sentence's text is left out (`text` is empty)."""


@dataclass(slots=True)
class Block:
    """A heading, paragraph, list item, summary bullet, byline or quotation."""

    id: str
    """Unique across the story: `<article>.b<n>`."""
    kind: BlockKind
    """What the block is; headings and bylines carry no sentences."""
    text: str
    """The block's plain text as delivered (inline markup removed)."""
    sentences: list[Sentence] = field(default_factory=list)
    """The block split into sentences; the headline is one sentence (`<article>.s0`); other headings
    and bylines have none."""
    level: int = 0
    """Heading level (1 = headline); 0 for other kinds."""
    line: int | None = None
    """Line of the article file where the block starts, when known."""


@dataclass(slots=True)
class Removed:
    """A line of page junk that normalization removed, and why."""

    text: str
    """The removed text, as delivered."""
    rule: str
    """Name of the rule that removed it (see docs/normalization.md)."""
    line: int | None = None
    """Line of the article file, when known."""


@dataclass(slots=True)
class Article:
    """A normalized article: metadata, content blocks, and the junk taken out."""

    id: str
    """The file name without extension; unique within its story."""
    outlet: str
    """Who published it, as shown to readers."""
    title: str | None
    """Headline, from front matter or page metadata."""
    url: str | None
    """Address of the original."""
    published: str | None
    """Publication date (ISO 8601)."""
    author: str | None = None
    """Author, from front matter or the byline."""
    language: str | None = None
    """Language tag."""
    byline: str | None = None
    """The byline line as printed ("by Om Gupta · India Today"), kept as metadata."""
    removed: list[Removed] = field(default_factory=list)
    """Every line of junk removed, with the rule that removed it."""
    blocks: list[Block] = field(default_factory=list)
    """The article's content in reading order."""
    @property
    def sentences(self) -> list[Sentence]:
        return [s for block in self.blocks for s in block.sentences]

    @property
    def word_count(self) -> int:
        return sum(len(s.text.split()) for s in self.sentences)


# --- comparison (made by align and compare) ----------------------------------

MarkKind = str
"""`differs` (words no other member shares), or the kind of a typed difference."""


@dataclass(slots=True)
class Mark:
    """A span of a member sentence that the aligned view marks."""

    start: int
    """Offset in the sentence."""
    end: int
    """End offset (exclusive)."""
    kind: MarkKind
    """`differs` for words no other member shares; otherwise the kind of the typed difference."""
    difference: int | None = None
    """Index of the typed difference in the group's `differences`, when there is one."""


@dataclass(slots=True)
class Member:
    """A sentence (or a clause of it) that belongs to a group."""

    article: str
    """Article id."""
    sentence: str
    """Sentence id."""
    span: list[int] | None = None
    """[start, end] offsets in the sentence when only a clause belongs to the group."""
    marks: list[Mark] = field(default_factory=list)
    """Word-level marks from the comparison (filled by compare)."""
    confidence: float | None = None
    """How surely it belongs: its mean probability of stating the fact with the other articles' members
    (0 to 1; None for a fact only one article reports, or when the aligner gives no probabilities)."""


@dataclass(slots=True)
class Nearest:
    """How near an article that has no sentence in a group comes to that group's fact."""

    article: str
    """Article id."""
    sentence: str
    """Its sentence most likely to state the fact."""
    confidence: float
    """That sentence's mean probability of stating the fact with the group's members (0 to 1)."""
    through: str | None = None
    """A member of the group that packs several facts, one of which this sentence states with it (they share
    another group, and their pair probability is at least `align.NEAR`): the article may state this one too."""


@dataclass(slots=True)
class Alike:
    """A member of a group and a sentence of another article outside it that mean nearly the same."""

    sentence: str
    """The member's sentence id."""
    other: str
    """The other sentence's id (in another group)."""
    similarity: float
    """The cosine of their sentence embeddings (0 to 1)."""


@dataclass(slots=True)
class DifferenceValue:
    """How one article words a differing span."""

    article: str
    """Article id."""
    sentence: str
    """Sentence id."""
    text: str
    """The differing span as this article words it."""
    start: int | None = None
    """Offset of `text` in the sentence, when it is one span of it."""
    end: int | None = None
    """End offset of `text` in the sentence."""


@dataclass(slots=True)
class Difference:
    """A typed difference between the members of a group."""

    kind: DifferenceKind
    """A registered kind: number, date, name, quote, attribution, wording, ..."""
    values: list[DifferenceValue] = field(default_factory=list)
    """One value per article that words it differently."""
    group: str | None = None
    """The id of another fact when the values come from two facts: a sentence of this group and a sentence
    of that one, which mean nearly the same but differ in what they report (done / only expected)."""


@dataclass(slots=True)
class AlignedGroup:
    """Sentences (or clauses) of different articles that the align stage found to state one fact."""

    members: list[Member] = field(default_factory=list)
    """The sentences, in reading order (no marks yet: compare adds them)."""
    confidence: float | None = None
    """How surely its members state one fact: their mean pair probability (None: no probabilities)."""
    nearest: list[Nearest] = field(default_factory=list)
    """For each article with no sentence in the group, its nearest sentence, when it comes near at all."""
    alike: list[Alike] = field(default_factory=list)
    """Members' look-alikes in other groups (from other articles): where two facts may conflict."""


@dataclass(slots=True)
class Group:
    """Sentences from different articles that state the same fact."""

    id: str
    """Stable id, used as the page anchor."""
    label: str
    """A short label for the fact."""
    status: GroupStatus
    """agreement, differs or single-source."""
    members: list[Member] = field(default_factory=list)
    """The sentences in the group."""
    differences: list[Difference] = field(default_factory=list)
    """Typed differences between the members."""
    confidence: float | None = None
    """How surely its members state one fact (0 to 1; None for a single-article fact or no probabilities)."""
    verdict: FactVerdict | None = None
    """`confirmed` when an editor confirmed, in the review file, that the members state one fact."""
    labelled: bool = False
    """The label is the editor's (from the review file), not made from the sentences."""
    note: str = ""
    """The editor's note on this fact."""
    dismissed: list[str] = field(default_factory=list)
    """Kinds of differences an editor dismissed here (they are no longer in `differences`)."""


@dataclass(slots=True)
class Omission:
    """What an article leaves out: facts at least two other articles report and it does not."""

    article: str
    """Article id."""
    groups: list[str] = field(default_factory=list)
    """Ids of the facts none of its sentences comes near: it leaves them out."""
    possibly_covered: list[PossibleCoverage] = field(default_factory=list)
    """Facts it has no sentence grouped with, but one of its sentences may state in other words."""
    confirmed: list[str] = field(default_factory=list)
    """Ids of the facts in `groups` that an editor confirmed it leaves out."""


@dataclass(slots=True)
class PossibleCoverage:
    """A fact an article may state in other words: its sentence that comes nearest to it."""

    group: str
    """Group id of the fact."""
    sentence: str
    """The article's sentence that may state it."""
    confidence: float
    """That sentence's mean probability of stating the fact with the group's members (0 to 1)."""
    through: str | None = None
    """A member of the group, packing several facts, that shares another group with this sentence and comes
    near it on its own: why it may state this fact even when its mean probability is low (None: that alone)."""


# --- media literacy (filled by the examine stage) ----------------------------

QuoteKind = Literal["verbatim", "trimmed", "altered", "paraphrased"]
SourceKind = Literal["outlet", "person", "anonymous", "organisation", "document", "unspecified"]
WordCategory = Literal["hedge", "report-verb", "loaded"]


@dataclass(slots=True)
class QuoteRendering:
    """How one article carries a quotation: quoted (verbatim, trimmed, altered) or paraphrased."""

    article: str
    """Article id."""
    sentence: str
    """Id of the sentence the quotation (or the paraphrase) starts in."""
    text: str
    """The quoted words as this article prints them; for a paraphrase, the sentence or clause."""
    kind: QuoteKind
    """Compared with the fullest quoted wording: verbatim, trimmed, altered; or paraphrased (no quote marks)."""
    start: int | None = None
    """Offset of `text` in the sentence, when it lies within it."""
    end: int | None = None
    """End offset of `text` in the sentence."""
    speaker: str | None = None
    """To whom this article attributes it, as written ("a company spokesperson", "he")."""
    refers_to: str | None = None
    """Whom a pronoun or a bare role ("he", "the spokesperson") stands for, from the article's earlier sentences."""
    changes: list[list[int]] = field(default_factory=list)
    """[start, end] offsets in `text` of words that differ from the fullest wording (altered quotations)."""
    left_out: str = ""
    """Words of the fullest wording this rendering leaves out (trimmed quotations), runs joined by " … "."""
    spelling: bool = False
    """The words differ from the fullest wording in spelling only (programme / program)."""


@dataclass(slots=True)
class Quotation:
    """One quotation as every article carries it."""

    id: str
    """Stable id, used as the page anchor."""
    text: str
    """The fullest quoted wording."""
    speaker: str | None
    """The most specific attribution any article gives."""
    renderings: list[QuoteRendering] = field(default_factory=list)
    """One per article that quotes or paraphrases it, in article order."""


@dataclass(slots=True)
class Citation:
    """One place where an article cites a source."""

    article: str
    """Article id."""
    sentence: str
    """Sentence id."""
    text: str
    """The citation as written ("according to Reuters", "screenshots obtained by Business Insider")."""
    start: int | None = None
    """Offset of `text` in the sentence (none when the sentence is not published)."""
    end: int | None = None
    """End offset of `text` in the sentence."""


@dataclass(slots=True)
class Source:
    """Someone or something the articles cite for their facts."""

    id: str
    """Stable id."""
    name: str
    """As a reader would name it: "Reuters", "Stephane Kasriel", "a spokesperson", "an internal memo"."""
    kind: SourceKind
    """outlet, person, anonymous (an unnamed person), organisation, document or unspecified ("reports")."""
    citations: list[Citation] = field(default_factory=list)
    """Every citation of it, in article order."""

    @property
    def named(self) -> bool:
        return self.kind in ("outlet", "person", "organisation")


@dataclass(slots=True)
class WordMark:
    """A word to examine: a hedge, a report verb that carries judgement, or a loaded word."""

    article: str
    """Article id."""
    sentence: str
    """Sentence id."""
    start: int
    """Offset in the sentence."""
    end: int
    """End offset."""
    entry: str
    """The lexicon entry it matched (data/words_to_examine.tsv)."""
    category: WordCategory
    """hedge, report-verb or loaded."""
    quoted: bool = False
    """Inside quotation marks: the word of the person quoted, not of the outlet."""


@dataclass(slots=True)
class Matcher:
    """What aligned a story's sentences, as the comparison JSON records it."""

    method: str
    """`semantic` (words and sentence embeddings) or `lexical` (words alone)."""
    model: str | None = None
    """The sentence encoder, with `semantic`: "all-MiniLM-L6-v2-onnx-int8" or a project's model folder name."""
    model_sha256: str | None = None
    """sha256 of the encoder's model file."""


@dataclass(slots=True)
class StoryReview:
    """What the published page says about the editor's review."""

    reviewed: bool = False
    """The editor has checked the whole comparison (else: some facts were corrected, or none)."""
    reviewer: str = ""
    date: str | None = None
    note: str = ""
    corrections: int = 0
    """How many entries of the review file the build applied."""


@dataclass(slots=True)
class Story:
    """A story after the pipeline: normalized articles and their comparison."""

    slug: str
    """The folder name; the story's URL is `/<slug>/`."""
    title: str
    """Title of the comparison page."""
    date: str | None = None
    """Date of the story (ISO 8601)."""
    summary: str = ""
    """One or two sentences for the index."""
    tags: list[str] = field(default_factory=list)
    """Free tags."""
    intro: str = internal("")
    """The editor's introduction, Markdown."""
    articles: list[Article] = field(default_factory=list)
    """Normalized articles, in file-name order."""
    groups: list[Group] = field(default_factory=list)
    """Fact groups in reading order (filled by align and compare)."""
    omissions: list[Omission] = field(default_factory=list)
    """Per article, the groups it leaves out (filled by compare)."""
    quotations: list[Quotation] = field(default_factory=list)
    """Quotations and how each article carries them (filled by examine)."""
    sources: list[Source] = field(default_factory=list)
    """Whom the articles cite (filled by examine)."""
    words: list[WordMark] = field(default_factory=list)
    """Words to examine (filled by examine)."""
    matcher: Matcher | None = None
    """What aligned the sentences (set by the build)."""
    review: StoryReview | None = None
    """Whether and by whom an editor reviewed the comparison (None: no review file)."""
    language: str = "en"
    """The language the story was analysed in: its articles' most common language tag, else the site's."""
    questions: list[str] = internal(default_factory=list)
    """The editor's discussion questions for the worksheet (`questions:` in _story.md)."""

    def article(self, article_id: str) -> Article:
        for candidate in self.articles:
            if candidate.id == article_id:
                return candidate
        raise KeyError(article_id)
