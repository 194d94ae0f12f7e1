"""Dates and figures -> where the sources disagree, each side cited.

Three kinds of disagreement are found, all between different sources:

* dates: two sources date the same thing (a word at the date they share, "the 2022
  agreement" / "an agreement reached ... in September 2024") to years that cannot
  both be right;
* figures: two sources, published within a week of each other, give values for the
  same count ("troops in Iraq") that no reading of their qualifiers reconciles, and
  neither gives the other's value as the earlier one of a change;
* disclosure: one source says the numbers were not disclosed while another gives
  them.

The rules are deliberately narrow: a false disagreement in a memo costs more trust
than a missed one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import combinations
from typing import TYPE_CHECKING

from briefing.figures import Mention, Readings, head, same_value, thing_and_place
from briefing.models import Article, Citation, Claim, Discrepancy, Figure, When, cite
from briefing.terms import normalise
from briefing.timeline import Dated

if TYPE_CHECKING:
    from briefing.select import Index

SAME_TIME_DAYS = 7  # sources further apart may both be right about a count that changed
ADJACENT = 2  # words between a date and the word that says what it dates

_UNDISCLOSED = re.compile(
    r"\b(?:numbers?|figures?|totals?|tolls?|details|count)\b[^.;]{0,60}?"
    r"\b(?:(?:not|never)\s+(?:been\s+|yet\s+been\s+)?(?:publicly\s+|officially\s+)?"
    r"(?:disclosed|released|revealed|made\s+public|published|given|announced|confirmed)"
    r"|undisclosed|unknown|unclear|withheld|secret)\b"
    r"|\b(?:not|never|declined\s+to|refused\s+to)\s+(?:yet\s+)?(?:publicly\s+)?"
    r"(?:disclosed?|released?|revealed?|give[n]?|say|provide[d]?|published?)\s+"
    r"(?:the\s+|any\s+)?(?:exact\s+|specific\s+|precise\s+)?(?:numbers?|figures?|details|totals?)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def find_discrepancies(index: Index, articles: Sequence[Article], readings: Readings) -> tuple[Discrepancy, ...]:
    """Every disagreement between sources (``readings`` from figures.read_corpus)."""
    found = _date_conflicts(index, readings.dated)
    found += _disclosure_conflicts(index, readings.figures)
    found += _figure_conflicts(index, articles, readings)
    return tuple(found)


# --- dates -----------------------------------------------------------------------------


def _date_conflicts(index: Index, dated: Sequence[Dated]) -> list[Discrepancy]:
    points = [d for d in dated if d.mention.until is None]  # ranges date no one thing
    anchors = [_anchors(index.sentences[d.sentence].text, d) for d in points]
    conflicting: dict[str, Dated] = {}  # the thing's word -> a sentence naming it
    for (i, a), (j, b) in combinations(enumerate(points), 2):
        if index.sentences[a.sentence].source == index.sentences[b.sentence].source:
            continue
        shared = anchors[i] & anchors[j]
        if shared and not a.when.agrees(b.when):
            # One thing per pair: the word that reads as its name ("the dam", not "built").
            text = index.sentences[a.sentence].text
            term = min(shared, key=lambda t: (not _after_determiner(text, t), t))
            conflicting.setdefault(term, a)
    out = []
    for term, named in conflicting.items():
        # Every source's dating of that thing, the agreeing ones with the conflicting.
        members = [d for d, terms in zip(points, anchors, strict=True) if term in terms]
        sides: list[list[Dated]] = []
        for d in sorted(members, key=lambda d: (-d.when.precision_rank, d.sentence)):
            for side in sides:
                if side[0].when.agrees(d.when):
                    side.append(d)
                    break
            else:
                sides.append([d])
        if len(sides) < 2:
            continue
        sides.sort(key=lambda side: side[0].when.key)
        claims = tuple(
            Claim(
                says=side[0].when.label,
                text=index.sentences[side[0].sentence].text,
                citations=_cite(index, [d.sentence for d in side]),
            )
            for side in sides
        )
        word = _surface(index.sentences[named.sentence].text, term)
        out.append(Discrepancy(about=f"Date of the {word}", claims=claims))
    return out


def _anchors(text: str, d: Dated) -> frozenset[str]:
    """The words that say what a date dates: those within ADJACENT words of it ("the
    2022 agreement"), and the noun a participle ties to it within its clause ("an
    agreement reached between the two governments in September 2024"); nouns only, as
    far as spelling tells."""
    words = _WORD.findall(text[: d.mention.start])[-ADJACENT - 3 :]
    after = _WORD.findall(text[d.mention.end :])[:ADJACENT]
    near = [w for w in words if w.lower() not in _SKIP][-ADJACENT:] + [
        w for w in after if w.lower() not in _SKIP
    ][:1]
    # "an agreement reached between the two governments in September 2024": the noun
    # a participle attaches to the date, anywhere in the date's clause.
    clause = re.split(r"[,;:—–(]", text[: d.mention.start])[-1]
    near += [m[1] for m in _PARTICIPLE.finditer(clause)]
    terms = {normalise(w) for w in near if not w[0].isupper() and not w.endswith(("ly", "ed"))}
    return frozenset(t for t in terms if t)


_PARTICIPLE = re.compile(r"\b(?:a|an|the|its|their|this|that)\s+([a-z][a-z-]+)\s+[a-z]+ed\b")

# Words that sit between a date and what it dates, or that date nothing themselves.
_SKIP = frozenset(
    "the a an in on at by of from to since until before after between this that which "
    "its their his her reached signed made agreed announced set held took was were is "
    "are be been has have had and or as with for".split()
)


def _after_determiner(text: str, term: str) -> bool:
    words = _WORD.findall(text)
    return any(
        normalise(word) == term and k and words[k - 1].lower() in ("a", "an", "the", "its", "their", "this")
        for k, word in enumerate(words)
    )


def _surface(text: str, term: str) -> str:
    words: list[str] = _WORD.findall(text)
    return next((w.lower() for w in words if normalise(w) == term), term)


# --- "not disclosed" against figures given ---------------------------------------------


def _disclosure_conflicts(index: Index, mentions: Sequence[Mention]) -> list[Discrepancy]:
    silent = [i for i, s in enumerate(index.sentences) if index.quality[i] > 0 and _UNDISCLOSED.search(s.text)]
    if not silent:
        return []
    out = []
    by_source: dict[int, list[int]] = {}
    for i in silent:
        by_source.setdefault(index.sentences[i].source, []).append(i)
    for source, sentences in by_source.items():
        said = set().union(*(set(index.terms[i]) for i in sentences))
        counts = [
            m
            for m in mentions
            if m.figure.unit is None
            and m.figure.counts
            and index.sentences[m.sentence].source != source
            and said & set(index.terms[m.sentence]) - {"number", "figur"}
        ]
        if not counts:
            continue
        # The figure that answers the silence best: a change ("from ... to ...") is the
        # number of a move, then the most words shared with what was not disclosed.
        best = max(
            counts,
            key=lambda m: (
                m.figure.was is not None,
                sum(index.idf[t] for t in said & set(index.terms[m.sentence])),
                -m.sentence,
            ),
        )
        given = [m.sentence for m in mentions if same_value(m.figure, best.figure)]
        out.append(
            Discrepancy(
                about=f"Number of {best.figure.counts}",
                claims=(
                    Claim("not disclosed", index.sentences[sentences[0]].text, _cite(index, sentences)),
                    Claim(best.figure.label, index.sentences[best.sentence].text, _cite(index, [best.sentence, *given])),
                ),
            )
        )
    return out


# --- the same count, different values ---------------------------------------------------


def _figure_conflicts(index: Index, articles: Sequence[Article], readings: Readings) -> list[Discrepancy]:
    out = []
    dates: dict[int, list[When]] = {}
    for d in readings.dated:
        dates.setdefault(d.sentence, []).append(d.when)
    counts = [m for m in readings.figures if m.figure.counts]
    for a, b in combinations(counts, 2):
        sa, sb = index.sentences[a.sentence], index.sentences[b.sentence]
        if sa.source == sb.source or not _same_time(articles[sa.source], articles[sb.source]):
            continue
        # "At its peak a decade ago ..." against today's count: different times.
        when_a, when_b = dates.get(a.sentence, []), dates.get(b.sentence, [])
        if when_a and when_b and not any(x.agrees(y) for x in when_a for y in when_b):
            continue
        fa, fb = a.figure, b.figure
        if fa.unit != fb.unit or _thing(fa) != _thing(fb):
            continue
        if fa.was in (fb.value,) or fb.was in (fa.value,) or _overlap(_range(fa), _range(fb)):
            continue
        out.append(
            Discrepancy(
                about=f"Number of {fa.counts}" if fa.unit is None else fa.counts or "Figure",
                claims=(
                    Claim(fa.label, sa.text, _cite(index, [a.sentence])),
                    Claim(fb.label, sb.text, _cite(index, [b.sentence])),
                ),
            )
        )
    return out


def _same_time(a: Article, b: Article) -> bool:
    return a.published is not None and b.published is not None and abs((a.published - b.published).days) <= SAME_TIME_DAYS


def _thing(f: Figure) -> tuple[str, str]:
    return head(f.counts), thing_and_place(f.counts)[1]


def _range(f: Figure) -> tuple[float, float]:
    """The values a figure allows, read from its qualifier."""
    v, q = f.value, f.qualifier or ""
    if f.upper is not None:
        return v, f.upper
    if q in ("fewer than", "less than", "under", "below", "up to", "at most", "as many as", "just under"):
        return 0.0, v
    if q in ("more than", "over", "above", "at least", "upwards of", "just over"):
        return v, v * 1.25
    if q in ("about", "around", "approximately", "roughly", "some", "an estimated", "close to", "nearly", "almost"):
        return v * 0.9, v * 1.1
    return v, v


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _cite(index: Index, sentences: Sequence[int]) -> tuple[Citation, ...]:
    return cite(index.sentences[i] for i in sentences)
