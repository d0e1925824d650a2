"""Named rules that find page junk in an article's blocks.

Each rule is a small function registered by name with `@junk_rule`, the way a
markdown-it rule is added. It looks at one block (with a little state about the
article so far) and either keeps it (None) or cuts it: the whole block, or a
glued-on part such as a label at the end of a byline. Rules are general
patterns tested on lines from many sites, not the demo's strings. The
normalize stage applies them in registration order and records every cut.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import BlockKind
from ..text.norm import comparable, words


@dataclass(slots=True)
class Candidate:
    """A block as a rule sees it."""

    text: str
    """Plain text of the block."""
    kind: BlockKind
    """What the markup says it is."""
    index: int
    """Position among the article's blocks (0-based)."""
    count: int
    """Number of blocks in the article."""

    @property
    def is_last(self) -> bool:
        return self.index >= self.count - 2


@dataclass(slots=True)
class Cut:
    """What a rule takes out of a block."""

    removed: str
    """The text taken out."""
    kept: str = ""
    """What remains of the block; empty when the whole block goes."""
    opens_summary: bool = False
    """The cut was a label ("In Short") whose following list items are a summary."""


@dataclass(slots=True)
class RuleState:
    """What rules remember while walking one article."""

    seen: set[str] = field(default_factory=set)
    """Comparison forms of the paragraphs kept so far."""


RuleFunction = Callable[[Candidate, RuleState], Cut | None]


@dataclass(slots=True)
class Rule:
    name: str
    """Name recorded with each removal and used in `skip_rules`."""
    function: RuleFunction
    description: str
    """First line of the function's docstring, shown in docs and `parallax check --rules`."""


RULES: dict[str, Rule] = {}


def junk_rule(name: str) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule under `name` (applied in registration order)."""
    def register(function: RuleFunction) -> RuleFunction:
        doc = (function.__doc__ or "").strip().splitlines()
        RULES[name] = Rule(name=name, function=function, description=doc[0] if doc else "")
        return function
    return register


def apply_rules(candidate: Candidate, state: RuleState, skip: frozenset[str] = frozenset()) -> tuple[str, Cut] | None:
    """The first rule that cuts `candidate`, with its cut; None if every rule keeps it."""
    for rule in RULES.values():
        if rule.name in skip:
            continue
        cut = rule.function(candidate, state)
        if cut is not None:
            return rule.name, cut
    return None


def _short(text: str, max_words: int) -> bool:
    return len(text.split()) <= max_words


def _whole(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"^\W*(?:{pattern})\W*$", re.IGNORECASE)


# --- the rules, in the order they are tried -------------------------------------

_AD_WORDS = (
    r"advertisements?|advert|ads?|adv|advertise(?: with us| here)?|sponsored(?: content| post| links?| stories)?|"
    r"paid (?:partner )?(?:content|post)|paid partner(?:ship)?|promoted(?: content| stories)?|partner content|"
    r"(?:story|article|content) continues (?:below|after)(?: (?:this )?(?:advertisement|ad))?|"
    r"continue reading (?:below|the main story)|scroll (?:down )?to continue(?: with content| reading)?|"
    r"skip (?:advert|ad|advertisement)|ad feedback|report (?:this )?ad|(?:remove|hide) ads|ad ?choices|"
    r"this is an? (?:ad|advertisement)|supported by|ad blocker detected")
_ADVERTISEMENT = re.compile(rf"^\W*(?:(?:{_AD_WORDS})\W*)+$", re.IGNORECASE)


@junk_rule("advertisement")
def advertisement(block: Candidate, state: RuleState) -> Cut | None:
    """Lines that only label an ad slot: "Advertisement", "Sponsored", "Story continues below"."""
    if _short(block.text, 8) and _ADVERTISEMENT.match(block.text):
        return Cut(block.text)
    return None


_LONE = re.compile(r"^[^\w\s]{0,2}\s*(?:[A-Za-z]|[×✕✖✗✘⨯╳])\s*[^\w\s]{0,2}$")


@junk_rule("lone-letter")
def lone_letter(block: Candidate, state: RuleState) -> Cut | None:
    """A line of one letter or glyph, such as a close button "X" or "×"."""
    text = block.text.strip()
    # "I" and "a" are words; a lone one is more likely a fragment than a button.
    if _LONE.match(text) and text.strip("()[]").lower() not in ("i", "a"):
        return Cut(block.text)
    return None


_AGENCIES = (r"reuters|ap|afp|getty(?: images)?|epa(?:-efe)?|efe|bloomberg|shutterstock|alamy|pa(?: media| images| wire)?|"
             r"anadolu(?: agency)?|xinhua|sipa(?: usa)?|nurphoto|zuma(?: press| wire)?|dpa|ians|pti|ani|bbc|"
             r"imago|rex(?: features)?|istock(?:photo)?|unsplash|pexels|wikimedia commons|the associated press|"
             r"associated press|nyt|the new york times|x|twitter|instagram|facebook")
_PHOTO_WORD = r"(?:photo(?:graph)?s?|images?|pictures?|pics?|illustrations?|video stills?|screen ?(?:grabs?|shots?))"
_PHOTO_PATTERNS = [
    # "File Photo", "Meta File Photo", "Reuters file photo", "Representative image", "Photos"
    re.compile(rf"^(?:[\w.&'’ -]{{0,40}}\b(?:file|stock|handout|representative|representational|archive) {_PHOTO_WORD}|"
               rf"{_PHOTO_WORD})$", re.IGNORECASE),
    # "Photo: Reuters", "Image credit: John Doe", "Photograph: Jane Roe/AP", "Credit: ..."
    re.compile(rf"^\(?(?:{_PHOTO_WORD}|credits?|courtesy)(?: credits?| courtesy| by| source)?\s*[:|/–—-]\s*\S.*$",
               re.IGNORECASE),
    # "(Photo by John Doe/Getty Images)", "Photo by Jane Roe on Unsplash"
    re.compile(rf"^\(?{_PHOTO_WORD} (?:by|from|courtesy(?: of)?) [^.!?]*\)?$", re.IGNORECASE),
    # "REUTERS/Dado Ruvic/Illustration", "Jane Roe/AP", "John Doe | Getty Images", "AFP via Getty Images"
    re.compile(rf"^[\w.'’ -]{{0,60}}\s*(?:/|\||via)\s*(?:{_AGENCIES})\b[\w/ .-]*$", re.IGNORECASE),
    re.compile(rf"^(?:{_AGENCIES})\s*/\s*[\w.'’ -]{{1,60}}(?:/[\w.'’ -]+)*$", re.IGNORECASE),
    # "Image 1 of 5", "1 of 12"
    re.compile(rf"^(?:{_PHOTO_WORD} )?\d+ (?:of|/) \d+$", re.IGNORECASE),
]


@junk_rule("photo-credit")
def photo_credit(block: Candidate, state: RuleState) -> Cut | None:
    """Photo and image credits or captions stubs: "File Photo", "Photo: Reuters", "Jane Roe/AP"."""
    text = block.text.strip()
    if block.kind == "heading" and not re.search(r"(?i)photo|image|credit", text):
        return None
    if _short(text, 12) and not re.search(r"[.!?]$", text.rstrip(")")) \
            and any(p.match(text) for p in _PHOTO_PATTERNS):
        return Cut(block.text)
    return None


_PROMO = [
    _whole(r"(?:continue|keep) (?:exploring|reading)(?: (?:more|similar|related))?(?: (?:stories|articles|news))?|"
           r"(?:more|similar|related|recommended|trending|popular|latest|top) (?:stories|articles|news|reads|videos|coverage|content)"
           r"(?: (?:for you|from [\w .&'-]+|on [\w .&'-]+|like this))?|"
           r"(?:you|we think you) (?:may|might) (?:also )?(?:like|enjoy|be interested in)(?: this)?|recommended(?: for you)?|"
           r"most (?:read|popular|viewed|shared)(?: stories| articles)?|trending(?: now| stories)?|don'?t miss|"
           r"editor'?s picks?|top picks?|what to read next|read next|up next|watch next|in (?:other|case you missed) news|"
           r"latest news|more from [\w .&'-]{1,40}|more on (?:this|[\w .&'-]{1,40})|related(?: (?:coverage|content|topics|links))?|"
           r"see (?:also|more)|explore more|view (?:comments|gallery|all)|load more|show more|"
           r"(?:sign up|subscribe)(?: (?:now|today|here))?(?: for (?:our|the|free) [\w -]{1,40})?|"
           r"(?:get|download) (?:the|our) (?:free )?(?:app|newsletter)[\w -]{0,40}|follow us(?: on [\w ,&]+)?|"
           r"listen to (?:this|the) (?:article|story)(?: \d+ min(?:ute)?s?)?|\d+ min(?:ute)?s? (?:read|listen)|"
           r"(?:\d+ )?comments?(?: \(\d+\))?|leave a comment|join the conversation|"
           r"click here(?: for [\w -]{1,40}| to [\w -]{1,40})?|tap here(?: to [\w -]{1,40})?"),
    # "Read more: ...", "ALSO READ | ...", "RELATED: ...", "Watch: ..." (a teaser with a link title)
    re.compile(r"^\W*(?:also read|read more|read also|read|related|related story|see also|more|watch|"
               r"also watch|also see|recommended|must read|don'?t miss|click here|listen|trending|"
               r"latest|catch up|(?:explore )?related topics|topics|tags|filed under|more about|"
               r"editor'?s note: this (?:story|article) (?:is|was) part of)\s*(?::|\||-|–|—|>>|»)\s*\S.*$",
               re.IGNORECASE),
    # "This story touches markets covered on Example Intelligence", "Get alerts on X"
    re.compile(r"^this (?:story|article|post) (?:touches|covers|is about|relates to) (?:markets?|topics?|companies|sectors?) "
               r"(?:covered|tracked|followed) (?:on|by|in) .*$", re.IGNORECASE),
    re.compile(r"^(?:get|receive|sign up for) (?:email |news |free )?(?:alerts|updates|notifications) (?:on|about|for) .{1,80}$",
               re.IGNORECASE),
    re.compile(r"^(?:sign up|subscribe|register)\b.{0,120}\b(?:newsletter|inbox|briefing|digest|alerts?|free trial|"
               r"unlimited access|subscription)\b.*$", re.IGNORECASE),
    re.compile(r"^(?:[A-Z][\w ]{0,30} )?(?:is (?:now )?on|join (?:us|our [\w ]+) on|follow [\w ]+ on) "
               r"(?:whatsapp|telegram|google news|instagram|twitter|x|facebook|youtube|threads)\b.*$", re.IGNORECASE),
]


@junk_rule("promo")
def promo(block: Candidate, state: RuleState) -> Cut | None:
    """Promotion and related-story lines: "Continue exploring similar stories", "Read more: ..."."""
    text = block.text.strip()
    if not _short(text, 30):
        return None
    if any(p.match(text) for p in _PROMO):
        return Cut(block.text)
    return None


_SHARE_WORDS = (r"share|shares|share this(?: article| story| page)?|share (?:on|via|to) \w+|tweet|retweet|pin|pin it|"
                r"email|e-mail|mail|print|copy(?: the)? link|link copied|copied|facebook|twitter|x|linkedin|whatsapp|"
                r"telegram|reddit|messenger|flipboard|pinterest|tumblr|threads|bluesky|save|saved|bookmark|gift(?: this)? "
                r"(?:article|story)|share full article|comments?|reprints?|more sharing options|sharing options|"
                r"click to share on \w+|opens in (?:a )?new window|\d+ shares?|share this (?:on|via) \w+|"
                r"(?:show )?more sharing options|url ?copied|sign in|log in|login|log out|register|subscribe|"
                r"sign up|my account|manage (?:account|subscription)|already a subscriber\??|"
                r"to read the full (?:story|article)|subscribe to (?:continue|keep) reading")
_SHARE = re.compile(rf"^\W*(?:(?:{_SHARE_WORDS})\W*)+$", re.IGNORECASE)


@junk_rule("share-prompt")
def share_prompt(block: Candidate, state: RuleState) -> Cut | None:
    """Share, social and account widgets: "Share this article", "Facebook Twitter Email", "Sign In"."""
    if _short(block.text, 12) and _SHARE.match(block.text.strip()):
        return Cut(block.text)
    return None


_NAVIGATION = [
    _whole(r"(?:previous|next|prev|older|newer)(?: (?:post|article|story|page|entry))?|back to (?:top|gallery|home(?:page)?|"
           r"article|story|list)|close|caption|expand|collapse|menu|home|search|skip to (?:main )?content|"
           r"show (?:more|less)|read (?:more|less)|print(?: this)?(?: article| page)?|like this|like loading|loading|"
           r"view full version|go to (?:comments|top)|toggle (?:navigation|caption)|enlarge(?: image| this image)?|"
           r"hide caption|full screen|fullscreen|play video|watch video|audio|listen"),
    re.compile(r"^\W*(?:previous|next|prev)\s+(?:post|article|story)\s*[:|»«>]?\s+\S.*$", re.IGNORECASE),
]


@junk_rule("navigation")
def navigation(block: Candidate, state: RuleState) -> Cut | None:
    """Page furniture and navigation: "Previous post ...", "Back to top", "Caption", "Close"."""
    if _short(block.text, 16) and any(p.match(block.text.strip()) for p in _NAVIGATION):
        return Cut(block.text)
    return None


# Ad-server and tracking slot names that leak into copied text: words joined by
# hyphens or underscores, ending in an ad word or made of several slug parts.
_SLUG = re.compile(r"(?:^|\s)([A-Za-z0-9]+(?:[-_][A-Za-z0-9]+){2,})$")
_AD_SLUG = re.compile(r"(?i)(?:^|[-_])(?:ad|ads|advert|advertisement|banner|sponsored|promo|gpt|dfp|"
                      r"leaderboard|mpu|billboard|skyscraper|native|slot|widget|tracking|pixel|utm)(?:$|[-_\d])")


@junk_rule("ad-slug")
def ad_slug(block: Candidate, state: RuleState) -> Cut | None:
    """Ad and tracking slot names glued into the text: "div-gpt-ad-1234-0", "Bank Recap-abacha-university-ad"."""
    text = block.text.strip()
    if not _short(text, 8) or re.search(r"[.!?]$", text):
        return None
    match = _SLUG.search(text)
    if match and _AD_SLUG.search(match.group(1)):
        return Cut(block.text)
    return None


_COPYRIGHT = re.compile(
    r"^\W*(?:copyright\s*(?:©|ⓒ|\(c\)|\d{4})|©|ⓒ|\(c\)\s*\d{4})|\ball rights? reserved\b|"
    r"this material may not be published, broadcast, rewritten,? or redistributed", re.IGNORECASE)


@junk_rule("copyright")
def copyright_notice(block: Candidate, state: RuleState) -> Cut | None:
    """Copyright and rights notices: "Copyright 2012 The Associated Press. All rights reserved."."""
    if _short(block.text, 40) and _COPYRIGHT.search(block.text.strip()):
        return Cut(block.text)
    return None


_END_MARKER = _whole(r"ends?|the end|-+\s*ends?\s*-+|end of (?:story|article)|###|#|\*\*\*|-30-|30|x{3}|"
                     r"\(?(?:reporting|writing|additional reporting|editing|compiled) by [^.]{2,120}\)?|"
                     r"\(?(?:with|additional) (?:inputs?|reporting) from [^.]{2,80}\)?|"
                     r"(?:\(?(?:this|the) )?(?:story|article) (?:has been|was) (?:published|edited|updated)[^.]{0,80}|"
                     r"published by [\w .&'-]{2,60}|"
                     r"(?:edited|published) by:? [\w .&'-]{2,60}|"
                     r"[\w .,&'’-]{2,80} contributed (?:to this (?:report|story|article)|reporting)(?: from [\w .,&'-]{2,60})?")


@junk_rule("end-marker")
def end_marker(block: Candidate, state: RuleState) -> Cut | None:
    """End-of-story marks and credits at the foot: "- Ends", "-30-", "(Reporting by ...; Editing by ...)".

    Credits such as "The Associated Press contributed to this report." count too (only on the last line)."""
    if block.is_last and _short(block.text, 25) and _END_MARKER.match(block.text.strip()):
        return Cut(block.text)
    return None


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# "November 28th, 2005", "9 September 2013", "2013-09-26", "9/10/2010"; "08. 07. 2012" and "2012. 08. 08" are
# dotted dates in text rebuilt from word tokens (ECB+).
_DATE = (rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,? )?(?:{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|"
         rf"\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH},? \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|"
         rf"\d{{1,2}}\.\s?\d{{1,2}}\.\s?\d{{4}}|\d{{4}}\.\s?\d{{2}}\.\s?\d{{2}})")
# The zone is in capitals even though the pattern ignores case: "9:02 ET", never "1.39GHz"; seconds may follow
# ("2012-04-04 11:47:35").
_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?\s*m\.?)?(?:\s*\(?(?-i:[A-Z]{2,4}|GMT[+-]?[\d:]*|UTC[+-]?[\d:]*)\b\)?)?"
_STAMPED = r"(?:published|updated|last updated|posted|first published|modified|created|date)"
_TIMESTAMP = re.compile(
    rf"^\W*(?:(?:[A-Z][\w.&'-]*\s+){{1,4}}(?=(?:{_DATE}|{_TIME})))?"
    rf"(?:(?:(?:article|story|page)\s+)?{_STAMPED}\s*(?:on|at)?\s*:?\s*)?"
    rf"(?:{_DATE}(?:,?\s*(?:at\s*|@\s*)?{_TIME})?|{_TIME}(?:,?\s*(?:on\s*)?{_DATE})?|{_TIME}\s+{_DATE})"
    rf"(?:\s*(?:\||,|-|–)?\s*(?:{_STAMPED}\s*(?:on|at)?\s*:?\s*)?(?:{_DATE}(?:,?\s*(?:at\s*|@\s*)?{_TIME})?|{_TIME}))?"
    rf"(?:\s*[·|•-]?\s*\d+\s*min(?:ute)?s?(?: read)?)?\W*$",
    re.IGNORECASE)
# A month and day alone ("APR 28") is a dateline at the top of an article; further down it can head a timeline.
_DAY_ONLY = _whole(rf"{_MONTH} \d{{1,2}}")
_RELATIVE = _whole(r"(?:published|updated|posted)?\s*(?:\d+|an?|one) (?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?) ago|"
                   r"(?:updated|published|posted)\s*:?\s*(?:\d+|an?|one) \w+ ago|just now")


@junk_rule("timestamp")
def timestamp(block: Candidate, state: RuleState) -> Cut | None:
    """Lines holding only a publication date or time: "Updated 4:08 p.m. ET", "May 2, 2013, 1:12 PM"."""
    text = block.text.strip()
    if _short(text, 16) and (_TIMESTAMP.match(text) or _RELATIVE.match(text)
                             or (block.index <= 1 and _DAY_ONLY.match(text))):
        return Cut(block.text)
    return None


_LABELS = (r"in short|summary|short summary|key points|key takeaways|takeaways|highlights|story highlights|"
           r"at a glance|tl;?dr|quick read|the gist|in brief|brief|what we know|the big picture|"
           r"why it matters|the short version|overview|synopsis|key facts|what you need to know")
_LABEL_LINE = _whole(_LABELS)
# A label glued to the end of the line before it by a scraper: "India TodayIn Short".
_GLUED_LABEL = re.compile(rf"^(?P<kept>.*?[\w.)])\s*(?P<label>(?i:{_LABELS}))\W*$")


@junk_rule("label")
def label(block: Candidate, state: RuleState) -> Cut | None:
    """Section labels of page furniture: "In Short", "Summary", "Key Points" (alone or glued on)."""
    text = block.text.strip()
    if _LABEL_LINE.match(text) and _short(text, 5):
        return Cut(block.text, opens_summary=True)
    glued = _GLUED_LABEL.match(text)
    # Only when glued without a space ("TodayIn Short") or after a byline-like short line.
    if glued and block.kind != "heading" and _short(text, 16) and not re.search(r"[.!?]\W*$", glued["kept"]):
        joined = text[len(glued["kept"]):][:1] != " "
        if joined and glued["label"][:1].isupper():
            return Cut(glued["label"], kept=glued["kept"], opens_summary=True)
    return None


_MIN_REPEAT_WORDS = 8


@junk_rule("repeated-paragraph")
def repeated_paragraph(block: Candidate, state: RuleState) -> Cut | None:
    """A paragraph that repeats an earlier one of the same article (ignoring case, quotes, final stop)."""
    if block.kind == "heading" or len(words(block.text)) < _MIN_REPEAT_WORDS:
        return None
    key = comparable(block.text).rstrip(" .!?;:")
    if key in state.seen:
        return Cut(block.text)
    state.seen.add(key)
    return None
