"""Who says what: the words news writing uses for people, speech, sources and quotations.

One vocabulary for every stage that looks for a speaker or a source: the
quotation marks and the pattern that finds quoted words, the test that two
quotations are one, speech verbs, titles and role words, pronouns, and the
words that name outlets, organisations and documents. Where two uses need
different word lists, the table below says which word serves which use, so
that the lists cannot drift apart unseen.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from .lexicon import MONTHS, STOPWORDS, WEEKDAYS, normal_word

# --- quotation marks -------------------------------------------------------------------

QUOTE_CHARS = frozenset({'"', "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb"})
"""Characters that open or close a quotation (a straight double quote does both)."""
OPENING_QUOTES = frozenset({"\u201c", "\u201e", "\u00ab"})

# Opening and closing marks; a straight double quote opens or closes like a curly one, for text that
# mixes them ("…,” a spokesman said. “…"): a quotation holds no double mark of either kind. Single
# quotes only for long runs that start after a space, so that apostrophes (we’re, Meta’s) never open
# a quotation.
QUOTATION = re.compile(
    r"“(?P<a>[^“”]+?)”|[\"“](?P<b>[^\"“”]+?)[\"”]|«\s?(?P<c>[^«»]+?)\s?»|„(?P<d>[^„“”]+?)[“”]"
    r"|(?:(?<=\s)|^)‘(?P<e>[^‘’]{20,}?)’(?![^\W\d_])"
)
_QUOTATION_GROUPS = "abcde"


def quoted_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of the quoted words of each quotation in text[start:end], marks excluded.

    A comma or full stop just inside the closing mark belongs to the sentence, not to the
    speaker ("… have been heard," she said), so it is left out.
    """
    spans = []
    for match in QUOTATION.finditer(text, start, len(text) if end is None else end):
        group = next(g for g in _QUOTATION_GROUPS if match.group(g) is not None)
        first, last = match.start(group), match.end(group)
        while last > first and text[last - 1] in ",.;: ":
            last -= 1
        spans.append((first, last))
    return spans


QUOTE_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
"""A word of a quotation (inner apostrophes kept: "don't", "we’re")."""


def quotation_words(text: str) -> tuple[str, ...]:
    """The words of a quotation in comparison form (lower case, straight apostrophes, US spelling)."""
    return tuple(normal_word(w) for w in QUOTE_WORD.findall(text))


@lru_cache(maxsize=256)
def _matcher_of(longer: tuple[str, ...]) -> difflib.SequenceMatcher[str]:
    """A matcher against `longer`, its index of words made once: a long quotation that many short ones are
    compared with (a statement quoted whole by one outlet, in pieces by another) is indexed once, not
    once per piece."""
    matcher: difflib.SequenceMatcher[str] = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(longer)
    return matcher


def same_quotation(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two quotations (as words in comparison form) are one quotation, trimmed or altered.

    Enough shared words (60% of the shorter), and one run of at least four of them (all of a
    shorter one), so that "while we investigate" alone does not make two statements one
    quotation. Two words count only when both recur in a quotation at most three times as long.
    """
    shorter, longer = sorted((a, b), key=len)
    matcher = _matcher_of(longer)
    matcher.set_seq1(shorter)
    blocks = matcher.get_matching_blocks()
    matched = sum(block.size for block in blocks)
    if len(shorter) < 3:
        return matched == len(shorter) and len(shorter) >= 2 and len(longer) <= 3 * len(shorter)
    run = max(block.size for block in blocks)
    return matched >= max(3, 0.6 * len(shorter)) and run >= min(4, len(shorter))


# --- speech verbs ------------------------------------------------------------------------

# Each form, and where it counts:
#   a  attributes a claim: "X said (that) ...", "..., X said" (finite forms that are rarely nouns;
#      "reports" and "claims" are more often nouns, "adds" means "increases")
#   q  introduces or closes a quotation: "“…,” X said", "X told reporters: “…”"
#   c  cites a source: "Meta spokesperson Tracy Clayton said"
#   w  a reporting word that says who spoke, not what happened (weighed down when aligning)
_SPEECH_TABLE = """
according w        acknowledged a q c     add w              added a q c w
adding q           adds q c               admits a q         admitted a q c
announce w         announced a q c w      announces a q      argued a q c
argues a q c       asked q                asks q             asserted a
called q c         cited a                claim w            claimed a q c w
claims q c         comment w              conceded q         confirm w
confirmed a q c w  confirms a q c         continued q        declared q
denied a           denies a               described q c      explain w
explained a q c w  explains a q           insisted a q c     insists a q
note w             noted a q c w          notes q            recalled q
reiterated a       replied q              report w           reported a q w
reports q w        said a q c w           say q w            saying q
says a q c w       state w                stated a q c w     states q
stressed a q       tell w                 telling q          tells a q c
testified a        told a q c w       warned a q c       warns a q
write w            writes a q c           writing q          wrote a q c w
accused c          concluded q        posted q           responded q
tweeted q
"""


def _uses(table: str) -> dict[str, frozenset[str]]:
    """A table of "word flag flag ..." entries: each word, and the one-letter uses it counts for."""
    return {word: frozenset(uses.split()) for word, uses in re.findall(r"([a-z]+)((?: [a-z](?![a-z]))+)", table)}


_SPEECH_FORMS = _uses(_SPEECH_TABLE)


def speech_verbs(use: str) -> frozenset[str]:
    """The forms that count for `use`: a, q, c or w (see the table above)."""
    return frozenset(form for form, uses in _SPEECH_FORMS.items() if use in uses)


ATTRIBUTION_VERBS = speech_verbs("a")
"""Finite speech verbs that attribute a claim to someone."""
CITING_VERBS = speech_verbs("c")
"""Speech verbs after which the phrase before them names a source."""
REPORTING_WORDS = speech_verbs("w")
"""Words that report speech: they show who said something, not what happened."""

# Quotations: the forms of the table marked q, plus "told reporters", and "according to".
QUOTE_VERBS = (r"told\s+(?:reporters|journalists|the\s+\w+)|according\s+to|"
               + "|".join(sorted(speech_verbs("q"), key=lambda w: (-len(w), w))))
"""A regular expression (no groups) for the words that introduce or close a quotation."""
REPORT_VERBS = r"reported|reports|has\s+reported|first\s+reported|revealed|published|wrote"
"""A regular expression for the verbs with which an outlet or a document reports something."""


# --- titles and roles --------------------------------------------------------------------

TITLES = frozenset({"mr", "mrs", "ms", "dr", "prof", "sir", "dame", "gen", "sen", "rep", "gov", "lt", "col",
                    "capt", "sgt", "rev", "st"})
"""Titles written before a name, most of them abbreviated ("Mr.", "Sen.", "Gov.")."""

# Each role word, and where it counts:
#   b  a name starts after it ("Mayor Ruth Abara" names "Ruth Abara"; used to split runs of capitals)
#   s  stripped from the front of a person's name ("Meta Vice President Stephane Kasriel")
#   p  "the <word>" stands for a person named before ("the spokesperson")
#   a  the head of a phrase for an unnamed person or people ("a former employee", "officials")
_ROLE_TABLE = """
acting s            activists a         advocates a         ambassador s        analyst b p a
analysts a          attorney b s p      authorities a       bishop b            campaigners a
captain b s         ceo b s             cfo b s             chair b s p         chairman b s p
chairwoman b s p    chancellor b s      chief b s           coach b             col s
colleagues a        commissioner b s    commuters a         coo b s             correspondent b
councillor s p      councilor s p       critics a           cto b s             deputy s
detective b s       director b s p      doctor b            doctors a           dr s
editor b            employee p a        employees a         engineer b s p a    engineers a
executive b s p a   executives a        experts a           former s            founder b s p
gen s               general b s         gov s               governor b s p      head s
insider a           insiders a          inspector b s       investigators a     judge b s p
justice s           king b              lawyer p a          leader s p a        leaders a
lt s                manager s p a       managers a          mayor b s p         member a
members a           minister b s p      mr s                mrs s               ms s
neighbors a         neighbours a        nurses a            officer b s p       officers s
official p a        officials a         opposition s        parents a           passengers a
people a            person a            pope b              premier b           president b s p
presidents s        prince b            princess b          prof s              professor b s
prosecutors a       protesters a        queen b             regional s          rep s
reporter b          representative s    research s          researcher s p a    resident a
residents a         riders a            scientist s p a     secretary b s p     sen s
senator b s p       senior s            sergeant s          sheriff b           source a
sources a           spokesman b s p a   spokesperson b s p a spokeswoman b s p a staff a
students a          superintendent b s  teachers a          technology s        vice b s
witness a           witnesses a         worker p a          workers a
"""


_ROLE_WORDS = _uses(_ROLE_TABLE)


def role_words(use: str) -> frozenset[str]:
    """The role words that count for `use`: b, s, p or a (see the table above)."""
    return frozenset(word for word, uses in _ROLE_WORDS.items() if use in uses)


ROLES_BEFORE_NAMES = role_words("b")
ROLE_WORDS = role_words("s")
PERSON_ROLES = role_words("p")
ANONYMOUS_HEADS = role_words("a")

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
"""Subject pronouns that stand for a speaker."""
NAME_JOINERS = frozenset({"of", "de", "van", "von", "da", "del", "la", "le", "bin", "al"})
"""Lower-case words inside names ("Ludwig van Beethoven", "Bank of England")."""


# --- what is not a person ----------------------------------------------------------------

NOT_PEOPLE = frozenset("""
council union company ministry department authority agency police government university college school
board committee party association group foundation institute bank court inc ltd llc corp corporation
plc news times post express insider journal herald guardian telegraph tribune chronicle gazette standard
mail wire radio channel network press review magazine today week daily weekly valley city county state
street road port harbour harbor house hall centre center office commission parliament congress senate
hospital museum airport station club league federation district garden island river lake park square
bay coast region province republic kingdom facebook twitter instagram youtube tiktok
""".split()) | {d for d in WEEKDAYS if len(d) > 5} | {m for m in MONTHS if len(m) > 4}
# (full weekday and month names only: "Theresa May", "Sun" and "Mar" can be in a name)
"""Words that make a run of capitalized words an institution or a place, not a person."""
OUTLET_WORDS = frozenset("""
times post news express journal insider herald guardian telegraph tribune chronicle gazette standard mail
reuters ap afp bloomberg wired axios verge bbc cnn nbc cbs abc npr pbs politico economist observer independent
mirror sun star globe daily weekly radio tv television channel press wire agency associated review magazine
today week report reporter
""".split())
"""Words in the names of news outlets and agencies."""
DOCUMENT_WORDS = frozenset("""
memo memorandum notice alert screenshot screenshots document documents email emails letter filing filings
statement report reports study survey records data post message messages note notes slides presentation
transcript transcripts recording copy copies agreement contract draft minutes filing
""".split())
"""Heads of phrases that name a document ("an internal memo", "screenshots")."""
ORGANISATION_WORDS = NOT_PEOPLE - OUTLET_WORDS
"""Words in the names of organisations that are not news outlets."""


# --- people's names -----------------------------------------------------------------------

_WORD = r"[A-Z][a-zà-ÿ'’-]+(?:[A-Z][a-zà-ÿ'’-]+)?"  # "Trump", "McGinley", "DeSantis"
# Initials run together count as one word ("J.K. Rowling"; "U.S. Attorney Paul Fishman" is not "S. Attorney ...").
_NAME = re.compile(rf"\b(?:{_WORD}|(?:[A-Z]\.)+)(?:\s+(?:{_WORD}|(?:[A-Z]\.)+|de|van|von|da|del|al|bin))*\s+{_WORD}\b")


def person_names(text: str) -> list[str]:
    """Full names of people in `text`: two or more capitalized words after any title or role.

    "Meta Vice President Stephane Kasriel" -> "Stephane Kasriel"; "Wend Valley Council" and
    "Business Insider" are not people. (Remembered by text: a rebuild inside `parallax serve` asks again
    of the sentences an edit left as they were; each call gets a list of its own.)
    """
    return list(_person_names(text))


@lru_cache(maxsize=1 << 16)
def _person_names(text: str) -> tuple[str, ...]:
    names = []
    for match in _NAME.finditer(text):
        words = match.group().split()
        roles = [i for i, w in enumerate(words) if w.lower().strip(".") in ROLE_WORDS]
        if roles:
            words = words[roles[-1] + 1:]
        while words and (words[0].lower() in STOPWORDS or words[0].endswith(("'s", "’s"))):
            words = words[1:]  # "As Meta", "The", "Eldham's"
        if len(words) >= 2 and not any(re.sub(r"['’]s$", "", w.lower()).strip(".") in NOT_PEOPLE for w in words):
            names.append(" ".join(words))
    return tuple(names)
