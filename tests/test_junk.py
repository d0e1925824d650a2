"""Junk rules: each rule on lines from many kinds of pages, and what it must leave alone.

The positive cases are not the demo's strings: they are the kinds of junk seen
on saved news pages (the corpus's extraction sets, wire copy, CMS widgets).
"""

from __future__ import annotations

import pytest

from generator.content.junk import RULES, Candidate, RuleState, apply_rules


def cut_by(text: str, kind: str = "paragraph", index: int = 3, count: int = 10) -> str | None:
    verdict = apply_rules(Candidate(text=text, kind=kind, index=index, count=count), RuleState())  # type: ignore[arg-type]
    return verdict[0] if verdict else None


REMOVED = {
    "advertisement": ["Advertisement", "ADVERTISEMENT", "- Advertisement -", "Sponsored content",
                      "Story continues below advertisement", "Scroll to continue with content",
                      "Advertise | AdChoices", "Ad Feedback", "Paid Partner Content"],
    "lone-letter": ["X", "x", "×", "✕", "[X]", "(x)"],
    "photo-credit": ["File Photo", "Reuters file photo", "Getty Images file photo", "Photo: Reuters",
                     "Image credit: John Doe", "Photograph: Jane Roe/AP", "(Photo by John Doe/Getty Images)",
                     "REUTERS/Dado Ruvic/Illustration", "Jane Roe / AFP via Getty Images", "Representative image",
                     "Image 3 of 12", "Photos", "Credit: Handout"],
    "promo": ["Continue reading similar stories", "More stories from Example News", "Related Stories",
              "Read more: Why the flaw went unnoticed", "ALSO READ | Markets fall on rate fears",
              "You may also like", "Recommended for you", "Most read", "Sign up for our free morning newsletter",
              "This article touches topics covered on Example Insights", "Listen to this article 5 min",
              "Explore related topics: featured, privacy", "Related Topics: Financial Reform",
              "Click here to get the app", "Example News is now on WhatsApp. Click here to join"],
    "share-prompt": ["Share this article", "Share", "Facebook Twitter Email", "Copy link", "Share on LinkedIn",
                     "Share this on WhatsApp", "Show more sharing options", "Copy Link URLCopied!",
                     "Subscribe Sign In", "Gift this article", "Tweet Pin Email"],
    "navigation": ["Previous post", "NEXT POST Taking the Cyberattack Threat Seriously", "Back to top",
                   "Back to Gallery", "Caption", "Close", "Like Loading...", "Hide caption", "Enlarge this image"],
    "ad-slug": ["div-gpt-ad-1234567-0", "Bank Recapitalization-abacha-university-ad",
                "sidebar-ad-slot-3", "leaderboard_ad_top", "native-ad-widget"],
    "copyright": ["Copyright 2012 The Associated Press. All rights reserved.",
                  "© 2024 Example Media Ltd", "All rights reserved.",
                  "This material may not be published, broadcast, rewritten or redistributed."],
    "timestamp": ["Updated 4:08 p. m. ET", "May 2, 2013, 1:12 PM", "Published: August 2, 2013",
                  "UPDATED: FRIDAY, MAY 3, 2013, 9:56 AM", "8:13 AM PDT 8/2/2013", "2013-09-26",
                  "Last updated 13:26 14/09/2013", "Associated Press November 19, 2019, 9:02 AM",
                  "Updated 2 hours ago", "Posted: 08/02/2013 11:10 am EDT",
                  # first lines of ECB+ articles (as the gold's make_story.py gives them)
                  "9 September 2013 Last updated at 14:39 GMT", "12 January 2010 @ 09:29 pm",
                  "Article posted on 08. 07. 2012", "November 28th, 2005, 09:11 GMT", "9/10/2010 @ 1:19PM",
                  "Posted: Nov 27, 2005 8:20 AM ET Last Updated: Nov 27, 2005 8:10 PM ET",
                  "published: 2012-04-04 11:47:35", "First Posted 23:37:00 05/05/2010",
                  "Posted on November 15, 2011 6:07:15 PM GMT+01:0", "4 October 2013, 18:07 (GMT+05:00)"],
    "label": ["In Short", "Summary", "Key Points", "Story highlights", "Key takeaways:", "TL;DR", "At a glance"],
}


@pytest.mark.parametrize(("rule", "text"), [(rule, text) for rule, texts in REMOVED.items() for text in texts])
def test_rule_removes(rule: str, text: str) -> None:
    assert cut_by(text) == rule


def test_a_month_and_day_alone_is_a_dateline_only_at_the_top() -> None:
    assert cut_by("APR 28", index=0) == "timestamp"
    assert cut_by("March 8", index=6, count=20) is None  # the heading of a timeline's day


def test_end_markers_only_at_the_end() -> None:
    for text in ["- Ends", "—Ends—", "-30-", "###", "END", "(Reporting by Jane Roe; Editing by John Doe)",
                 "With inputs from agencies", "The Associated Press contributed to this report.",
                 "Fox News' John Doe contributed to this report.", "Reuters contributed reporting from Washington."]:
        assert cut_by(text, index=9, count=10) == "end-marker", text
    assert cut_by("Ends", index=2, count=10) is None
    assert cut_by("The Associated Press contributed to this report.", index=2, count=10) is None
    assert cut_by("Smith, who contributed to this report, was fired.", index=9, count=10) is None


KEPT = [
    # ordinary sentences and headings that share words with junk patterns
    "The advertisement ran for three weeks before regulators objected.",
    "Share prices fell 4% after the announcement.",
    "Photos of the meeting were shared with reporters on Tuesday.",
    "He said the file was opened by mistake.",
    "Inside the file",
    "Related parties were not informed, the report said.",
    "Read the full statement below.",
    "A former employee called the incident a mess.",
    "X, formerly Twitter, said the account was restored.",
    "The company reported the issue on May 2, 2013, after an audit.",
    "The vote is set for May 5.",
    "Ellen DeGeneres to host 2014 Oscars",
    "Sources: Sox May Not Be Out Of Teixeira Chase",
    "Security Flaw Timeline",
    "The AI project that sparked privacy concerns",
    "Summary judgment was granted to the defendants in March.",
    "In short, the programme was never safe, critics said.",
    "Engineers deployed a security patch within four hours.",
    "The closing of the plant was announced on Monday.",
    "Next, the committee will vote on the measure.",
    "Copyright law was at the centre of the case.",
    "state-of-the-art",
    "I",
]


@pytest.mark.parametrize("text", KEPT)
def test_rules_keep(text: str) -> None:
    assert cut_by(text) is None


def test_glued_label_is_cut_from_the_line_it_sticks_to() -> None:
    verdict = apply_rules(Candidate(text="By Jane Roe · Example NewsKey Points", kind="paragraph", index=2, count=9),
                          RuleState())
    assert verdict is not None
    rule, cut = verdict
    assert rule == "label"
    assert cut.removed == "Key Points"
    assert cut.kept == "By Jane Roe · Example News"
    assert cut.opens_summary


def test_repeated_paragraph_is_cut_the_second_time() -> None:
    state = RuleState()
    first = "The company said it would share more about the programme's future in the coming weeks."
    again = "The company said it would share more about the programme’s future in the coming weeks"
    assert apply_rules(Candidate(first, "paragraph", 1, 5), state) is None
    verdict = apply_rules(Candidate(again, "paragraph", 3, 5), state)
    assert verdict is not None and verdict[0] == "repeated-paragraph"
    # short lines repeat legitimately (e.g. a tweet's attribution)
    assert apply_rules(Candidate("— Example (@example) May 1", "paragraph", 4, 6), state) is None
    assert apply_rules(Candidate("— Example (@example) May 1", "paragraph", 5, 6), state) is None


def test_skipped_rules_do_not_apply() -> None:
    candidate = Candidate("Advertisement", "paragraph", 0, 3)
    assert apply_rules(candidate, RuleState(), frozenset({"advertisement"})) is None


def test_every_rule_is_documented_and_tested() -> None:
    tested = set(REMOVED) | {"end-marker", "repeated-paragraph"}
    assert set(RULES) == tested
    assert all(rule.description for rule in RULES.values())


def test_every_rule_is_in_the_documentation() -> None:
    from .conftest import ROOT
    docs = (ROOT / "docs" / "normalization.md").read_text(encoding="utf-8")
    missing = [name for name in RULES if f"| `{name}` |" not in docs]
    assert missing == []
