"""Judgement: one outlet says in its own words that a claim is false, another reports the claim and leaves the
judgement to a source or to the reader ("erroneously claiming the letters didn't represent all the bishops" /
"said the letters do not express the views of all bishops, a point on which the conference disagrees").

A member gives a verdict when, outside quotation marks, it qualifies a verb of saying with a word that judges
it ("falsely claimed", "reported incorrectly", "said, without evidence": `ADVERBS`, `PHRASES`; not "mistakenly
believed" or "was wrongly allowed", which judge no claim) or calls it a false claim or
a conspiracy theory (`JUDGING` before `CLAIMS`, when no one in the sentence is said to say so: "Democrats
called the claims false" is the Democrats' verdict, not the outlet's). Its value is the verdict with the
verb it qualifies ("erroneously claiming", "reported incorrectly"). A member of another article that gives
none is set beside it with the way it reports the claim: the dispute it attributes to someone ("a point on
which the conference disagrees", "the conference responded"), otherwise the verb of saying ("claimed").
The kind is rare (three verdicts in the 150 articles of the BASIL corpus) and a reader needs it: whether a
paper itself calls a claim false or reports that someone disputes it is how BASIL's annotators tell
framing apart.
"""

from __future__ import annotations

from ...model import Difference
from ...text.messages import N_
from ...text.tokens import Token
from .base import Found, Item, Kind, difference, register

ADVERBS = frozenset("""falsely erroneously wrongly incorrectly inaccurately mistakenly baselessly misleadingly
dishonestly deceptively spuriously untruthfully""".split())
"""Words by which an outlet judges a claim it reports ("falsely claimed")."""
PHRASES = (("without", "evidence"), ("without", "proof"), ("with", "no", "evidence"), ("without", "offering", "evidence"),
           ("without", "providing", "evidence"), ("without", "citing", "evidence"))
"""Phrases that do the same ("said, without evidence, that")."""
_PHRASE_STARTS = frozenset(phrase[0] for phrase in PHRASES)
JUDGING = frozenset("false baseless unfounded unsubstantiated debunked discredited bogus untrue".split())
CLAIMS = frozenset("""claim claims assertion assertions allegation allegations statement statements charge charges
story stories report reports rumor rumors rumour rumours theory theories""".split())
"""`JUDGING` before one of these is a verdict ("false claims")."""
THEORIES = frozenset("theory theories theorist theorists".split())
""""conspiracy" before one of these is a verdict too ("the conspiracy theories about his birth certificate")."""
NOT_REPORTING = frozenset("let's let us to would could might will can may should must i we you".split())
"""Words before a verb of saying that make it no report of a claim ("let's say", "to say", "I say")."""
SAYING = frozenset(form for verb in """
    say/says/said/saying claim/claims/claimed/claiming argue/argues/argued/arguing
    assert/asserts/asserted/asserting insist/insists/insisted/insisting suggest/suggests/suggested/suggesting
    state/states/stated/stating contend/contends/contended/contending allege/alleges/alleged/alleging
    write/writes/wrote/writing tweet/tweets/tweeted/tweeting tell/tells/told/telling
    maintain/maintains/maintained/maintaining report/reports/reported/reporting call/calls/called/calling
    declare/declares/declared/declaring accuse/accuses/accused/accusing blame/blames/blamed/blaming
    imply/implies/implied/implying""".split() for form in verb.split("/"))
"""Verbs of saying a verdict qualifies, or by which another outlet reports the claim."""
DISPUTING = frozenset("""disagrees disagreed disagree denied denies deny disputed disputes dispute rejected rejects
responded responds countered counters refuted refutes contradicted contradicts challenged challenges rebutted
rebuts""".split())
"""Verbs by which an outlet reports that someone disputes the claim."""
_CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "(", ")"})
_LEADING = frozenset({"but", "and", "while", "although", "though", "yet"})
WINDOW = 3
"""At most this many words between a verdict word and the verb it qualifies."""


def _words(item: Item) -> list[Token]:
    return [t for t in item.tokens() if t.kind == "word"]


def _verdict(item: Item) -> Found | None:
    """The member's own verdict on a claim, with the verb it qualifies; None when it gives none."""
    words = _words(item)
    for index, token in enumerate(words):
        if token.quoted:
            continue
        size = next((len(p) for p in PHRASES if tuple(w.norm for w in words[index:index + len(p)]) == p), 0) \
            if token.norm in _PHRASE_STARTS else 0
        if token.norm in ADVERBS or size:
            last = index + max(size, 1) - 1
            start, end = token.start, words[last].end
            before = [w for w in words[max(0, index - WINDOW):index] if w.norm in SAYING]
            after = [w for w in words[last + 1:last + 1 + WINDOW] if w.norm in SAYING]
            # An adverb qualifies the verb after it ("falsely claimed"), else the one before ("reported
            # incorrectly"); a phrase the verb before it ("said, without evidence, that").
            first, second = (before[-1:], after[:1]) if size else (after[:1], before[-1:])
            qualified = (first or second)[0] if first or second else None
            if qualified is None:
                continue  # "mistakenly believed", "was wrongly allowed": no claim is judged
            if any(w.norm in SAYING and not w.quoted and w.start < qualified.start for w in words):
                continue  # "Republicans said Obama falsely claimed": the Republicans' verdict, not the outlet's
            # "falsely claimed"; "said, without evidence," reads as "said"
            return Found(item, min(start, qualified.start), max(end, qualified.end), "verdict")
        if token.norm in JUDGING or token.norm == "conspiracy":
            following = words[index + 1] if index + 1 < len(words) else None
            heads = THEORIES if token.norm == "conspiracy" else CLAIMS  # not "a conspiracy charge"
            if following is None or following.norm not in heads or following.quoted:
                continue
            if any(w.norm in SAYING or w.norm in DISPUTING for w in words[:index]):
                continue  # someone in the sentence says so: their verdict, not the outlet's
            return Found(item, token.start, following.end, "verdict")
    return None


def _report(item: Item) -> Found | None:
    """How a member without a verdict reports the claim: the dispute it attributes, else its verb of saying."""
    tokens, words = item.tokens(), _words(item)
    disputes = [w for w in words if w.norm in DISPUTING and not w.quoted]
    if disputes:
        verb = disputes[0]
        before = [t for t in tokens if t.end <= verb.start]
        clause: list[Token] = []
        for token in reversed(before):
            if token.text in _CLAUSE_BREAKS or len(clause) >= 8:
                break
            clause.insert(0, token)
        while clause and (clause[0].kind != "word" or clause[0].norm in _LEADING):
            clause.pop(0)
        return Found(item, (clause[0] if clause else verb).start, verb.end, "reported")
    saying = [w for k, w in enumerate(words) if w.norm in SAYING and not w.quoted
              and not (k and words[k - 1].norm in NOT_REPORTING)]
    if saying:
        return Found(item, saying[0].start, saying[0].end, "reported")
    return None


@register(Kind(name="judgement", title=N_("Own verdict"), verb="calls the claim false in its own words",
               legend=N_("own verdict"), mark_rank=4,
               question=N_("Which outlet itself calls the claim false, and which leaves that to a source? "
                           "Does it change how you read the claim?"),
               question_rank=4.5,
               summary=N_("Called false in one outlet's own words"), weight=2))
def judgements(items: list[Item]) -> list[Difference]:
    """A claim one article calls false in its own words and another reports without that verdict."""
    judged = {item.article: found for item in items if (found := _verdict(item)) is not None}
    if not judged:
        return []
    others = [found for item in items
              if item.article not in judged and (found := _report(item)) is not None]
    if not others:
        return []
    order = {id(item): i for i, item in enumerate(items)}
    renderings = list(judged.values()) + others
    return [difference("judgement", sorted(renderings, key=lambda f: order[id(f.item)]))]
