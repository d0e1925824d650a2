"""Word knowledge shared by the align and compare stages.

- `us_spelling`: one spelling per word, so "programme"/"program", "authorised"/
  "authorized" and "behavioural"/"behavioral" are the same word. Rules cover the
  regular patterns; `data/spelling_uk_us.txt` the rest. Applied to both sides of
  every comparison, an over-eager rule can only merge, never split, two forms.
- `stem`: the Snowball stemmer of the story's language (`in_language`; English by default).
- `PARAPHRASES`: news paraphrase classes from `data/paraphrases.txt`
  ("suspend" / "pause" / "halt"), keyed by stem or by a tuple of stems for phrases.
- `STOPWORDS`, `NUMBER_WORDS`, `MONTHS` and `WEEKDAYS`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

import snowballstemmer

DATA = Path(__file__).resolve().parent / "data"

# --- the story's language -------------------------------------------------------------------

LANGUAGE: ContextVar[str] = ContextVar("parallax_language", default="en")
"""The primary language subtag of the story being analysed ("en", "fr", "de"...)."""
SNOWBALL = {"ar": "arabic", "eu": "basque", "ca": "catalan", "da": "danish", "nl": "dutch", "en": "english",
            "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi", "hu": "hungarian",
            "id": "indonesian", "ga": "irish", "it": "italian", "lt": "lithuanian", "ne": "nepali",
            "no": "norwegian", "nb": "norwegian", "nn": "norwegian", "pt": "portuguese", "ro": "romanian",
            "ru": "russian", "sr": "serbian", "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish",
            "yi": "yiddish"}
"""Languages with a Snowball stemmer, by ISO 639-1 code."""
ENGLISH_ONLY = ("US/UK spelling variants", "paraphrase classes", "words to examine", "the semantic model "
                "(all-MiniLM-L6-v2 is trained on English)")
"""What stays English whatever the story's language (docs/languages.md)."""


def primary(tag: str | None) -> str:
    """"fr" for "fr-CA"; "en" when no tag is given."""
    return (tag or "en").split("-")[0].lower()


@contextmanager
def in_language(tag: str | None) -> Iterator[None]:
    """Analyse text in this language (stemmer, stopwords, spelling) inside the block."""
    token = LANGUAGE.set(primary(tag))
    try:
        yield
    finally:
        LANGUAGE.reset(token)


@cache
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(SNOWBALL.get(language, "english"))

STOPWORDS = frozenset("""
a about above after again against all almost along already also although always am among an and
another any anyone anything are around as at back be became because become been before being
below between both but by can cannot could did do does doing done down during each either else
even ever every few for from further had has have having he her here hers herself him himself his
how however i if in into is it its itself just least less let like made make many may me might
more most much must my myself neither never no nor not now of off often on once one only onto or
other others otherwise our ours ourselves out over own per perhaps quite rather really same she
should since so some someone something soon still such than that the their theirs them
themselves then there therefore these they this those though through thus to too toward under
until up upon us very via was we well were what whatever when where whether which while who whom
whose why will with within without would yet you your yours yourself yourselves
mr mrs ms dr according also just new now including include includes included around across
amid told got get gets getting go goes going went gone come came comes coming put puts way ways
s t d ll m o re ve y
""".split()) - {"us"}

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
    "dozen": 12, "half": 0.5, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100, "thousandth": 1000,
}
NUMBER_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "first", "second", "third",
                "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
"""The parts of a compound number word: "twenty-four", "forty-fifth", "twenty four"."""


def number_word_value(word: str) -> float | None:
    """The value of a number word in lower case ("four", "fifth", "twenty-four", "forty-fifth"), else None."""
    tens, _, units = word.replace(" ", "-").partition("-")
    if units:
        return float(NUMBER_WORDS[tens] + NUMBER_WORDS[units]) if tens in NUMBER_TENS and units in NUMBER_UNITS \
            else None
    return float(NUMBER_WORDS[word]) if word in NUMBER_WORDS else None


MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                      "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"})


# --- spelling -------------------------------------------------------------------------

def _load_spellings() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in (DATA / "spelling_uk_us.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            uk, us = line.split()
            table[uk] = us
    return table


_SPELLINGS = _load_spellings()
_OUR_WORDS = frozenset("""
behaviour colour favour flavour harbour honour humour labour neighbour rumour savour valour vapour
vigour endeavour armour clamour odour parlour saviour splendour tumour demeanour candour ardour
rigour fervour rancour succour
""".split())
_OUR = re.compile(r"^(?P<base>[a-z]+)our(?P<end>|s|ed|ing|er|ers|ite|ites|able|ably|al|ally|ism|ist|ists|hood|hoods|less|ful)$")
_ISE = re.compile(r"^(?P<base>[a-z]+)is(?P<end>e|es|ed|ing|er|ers|ation|ations|ational)$")
_YSE = re.compile(r"^(?P<base>[a-z]+)ys(?P<end>e|es|ed|ing|er|ers)$")
_LL = re.compile(r"^(?P<base>[a-z]+?l)l(?P<end>ed|ing|er|ers|or|ors)$")
_LL_BASES = frozenset("""
travel cancel label model fuel counsel signal total level channel marshal dial duel equal jewel
pedal quarrel rival tunnel shovel snorkel enamel funnel gravel grovel libel marvel panel parcel
pencil spiral squirrel swivel towel trammel tunnel yodel barrel bevel cudgel dishevel drivel
""".split())
# Words in -ise that are not British spellings of -ize words (their base before "is").
_ISE_KEEP = frozenset("""
r ra pra w no po cru bru prom prem comprom exerc advert adv dev rev superv surpr compr desp disgu
enterpr expert franch merchand otherw likew prec conc parad dem exc inc telev improv chast ar appr
treat tortoise porpo turquo p ch circumc mort repr val cer an
""".split())


@cache
def us_spelling(word: str) -> str:
    """The American spelling of a lower-case word (unchanged when it has none)."""
    if word in _SPELLINGS:
        return _SPELLINGS[word]
    match = _OUR.match(word)
    if match and match["base"] + "our" in _OUR_WORDS:
        return f"{match['base']}or{match['end']}"
    match = _ISE.match(word)
    if match and match["base"] not in _ISE_KEEP and not match["base"].endswith(("vert", "cise", "prom", "rev")):
        return f"{match['base']}iz{match['end']}"
    match = _YSE.match(word)
    if match and match["base"].endswith(("anal", "paral", "catal", "electrol", "hydrol", "dial")):
        return f"{match['base']}yz{match['end']}"
    match = _LL.match(word)
    if match and match["base"] in _LL_BASES:
        return f"{match['base']}{match['end']}"
    return word


def stem(word: str) -> str:
    """Snowball stem of a lower-case, US-spelled word, in the story's language."""
    return _stem(word, LANGUAGE.get())


@cache
def _stem(word: str, language: str) -> str:
    return str(_stemmer(language).stemWord(word))


def normal_word(word: str) -> str:
    """Lower case, straight apostrophes (and, in English, US spelling): the form words are compared in."""
    lowered = word.lower().replace("\u2019", "'")
    if LANGUAGE.get() != "en":
        return lowered
    return us_spelling(lowered.removesuffix("'s"))


_FUNCTION_WORDS = {
    "fr": frozenset("""
a à au aux avec ce ces cet cette ceux dans de des du elle elles en et eux il ils je la le les leur leurs lui
ma mais me même mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses si son sur ta te tes
toi ton tu un une vos votre vous y été être avoir a ont est sont était étaient fait plus selon aussi ainsi
alors comme dont cela ça d l c j m n s t qu jusqu lorsqu puisqu quoi tout tous toute toutes après avant
depuis pendant sans sous entre vers chez déjà encore très bien peu
""".split()),
    "es": frozenset("""
a al algo algunos ante antes como con contra cual cuando de del desde donde durante e el ella ellas ellos
en entre era eran es esa esas ese eso esos esta estas este esto estos fue fueron ha han hasta hay la las le
les lo los más me mi mis muy nada ni no nos nosotros o os otra otras otro otros para pero poco por porque que
quien se sea ser si sí sido sin sobre son su sus también tanto te tiene tienen todo todos tu tus un una unas
uno unos y ya según tras aunque
""".split()),
    "de": frozenset("""
aber als am an auch auf aus bei bin bis bist da damit dann das dass dem den der des dich die dir doch dort du
durch ein eine einem einen einer eines er es für gegen hat hatte hatten hier ich ihm ihn ihr ihre im in ist
ja jede jedem jeden jeder jedes jetzt kann kein keine mich mir mit muss nach nicht noch nun nur ob oder ohne
sehr sein seine sich sie sind so soll über um und uns unter vom von vor war waren warum was weil wenn wer
wie wir wird wo zu zum zur zwischen laut sowie bereits
""".split()),
}
OTHER_STOPWORDS = {language: words | {unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode()
                                      for w in words}  # "été" and, in ids, "ete"
                   for language, words in _FUNCTION_WORDS.items()}
"""Function words of languages besides English (a word here says nothing on its own), with and without
their accents."""


def is_stopword(word: str) -> bool:
    """A function word of the story's language."""
    language = LANGUAGE.get()
    return word in (STOPWORDS if language == "en" else OTHER_STOPWORDS.get(language, frozenset()))


# --- paraphrase classes --------------------------------------------------------------

def _phrase_stems(phrase: str) -> tuple[str, ...]:
    parts = re.findall(r"[a-z0-9]+(?:\.[a-z0-9]+)*\.?", phrase.lower().replace("-", " "))
    return tuple(stem(normal_word(p.rstrip("."))) for p in parts if p.strip("."))


def _load_paraphrases() -> tuple[dict[str, frozenset[str]], dict[tuple[str, ...], frozenset[str]]]:
    words: dict[str, set[str]] = {}
    phrases: dict[tuple[str, ...], set[str]] = {}
    for line in (DATA / "paraphrases.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, members = line.split(":", 1)
        for member in members.split(","):
            stems = _phrase_stems(member)
            if len(stems) == 1:
                words.setdefault(stems[0], set()).add(name.strip())
            elif stems:
                phrases.setdefault(stems, set()).add(name.strip())
    return ({k: frozenset(v) for k, v in words.items()}, {k: frozenset(v) for k, v in phrases.items()})


PARAPHRASE_WORDS, PARAPHRASE_PHRASES = _load_paraphrases()
MAX_PHRASE = max((len(p) for p in PARAPHRASE_PHRASES), default=1)
