"""Sentences -> dated events: the timeline of what the sources say happened when.

Absolute dates ("October 2, 2025", "September 2024", "in 2014") are read as written.
Relative ones ("last year", "next month", "a decade ago", "Thursday") are resolved
against the publication date of the article that says them; an article without a
publication date resolves none, and a month or day without a year ("in April") is
never guessed. Every date keeps its precision: a year, a month or a day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeVar

from briefing.models import MONTHS, Article, Event, Sentence, When, cite
from briefing.terms import normalise

if TYPE_CHECKING:
    from briefing.select import Index

T = TypeVar("T")

MAX_EVENTS = 40  # the memo's timeline; brief.json holds the same events
NEAR = 6  # words either side of a date that say what it dates
LINK_ENTITIES = 2  # shared names that make two dated sentences one event

MONTH_NAMES = {name: number for number, name in enumerate(MONTHS, 1)} | {
    "Jan.": 1, "Feb.": 2, "Mar.": 3, "Apr.": 4, "Jun.": 6, "Jul.": 7, "Aug.": 8,
    "Sept.": 9, "Sep.": 9, "Oct.": 10, "Nov.": 11, "Dec.": 12,
}  # fmt: skip
# Capitalised only: "may" and "march" are verbs more often than months.
_M = "(?P<month>" + "|".join(re.escape(m) for m in sorted(MONTH_NAMES, key=len, reverse=True)) + ")"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_END = r"(?![\w%/-]|[.,]\d)"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_COUNT_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
# A number that a quantity word qualifies is a figure, not a year ("some 2000 troops").
_QUANTITY_BEFORE = re.compile(
    r"(?:about|around|approximately|roughly|some|nearly|almost|over|under|than|least|"
    r"estimated|\$|€|£)\s*$",
    re.IGNORECASE,
)

Kind = Literal["day", "month", "year", "month-day", "relative"]

_PATTERNS: list[tuple[Kind, re.Pattern[str]]] = [
    ("day", re.compile(rf"\b{_M}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}{_END}")),
    ("day", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_M},?\s+{_YEAR}{_END}")),
    ("day", re.compile(rf"\b{_YEAR}-(?P<nmonth>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("month", re.compile(rf"\b{_M},?\s+(?:of\s+)?{_YEAR}{_END}")),
    # A month and day without a year: kept out of figures, never dated.
    ("month-day", re.compile(rf"\b{_M}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b")),
    ("year", re.compile(rf"(?<![\w$€£/.,-]){_YEAR}{_END}")),
    (
        "relative",
        re.compile(
            r"\b(?:(?P<edge>earlier|later)\s+)?(?P<rel>last|next|this)\s+(?P<unit>year|month)\b"
            r"|\bby\s+the\s+end\s+of\s+(?P<end>this|the)\s+year\b"
            r"|\bthe\s+year['’]s\s+end\b"
            r"|\b(?P<count>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
            r"(?P<ago>years?|decades?|months?)\s+ago\b"
            r"|\b(?P<near>yesterday|tomorrow)\b"
            r"|\b(?:(?P<which>(?i:last|next|this|on))\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b",
        ),
    ),
]
_JOIN = re.compile(r"^\s*(?:and|to|through|until|till|-|–|—)\s*$")
_RANGE_START = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\d,.]*\d|\d")


@dataclass(frozen=True)
class DateMention:
    """A date in a sentence: where it is (offsets into the sentence text) and its value.
    ``when`` is None for a date that cannot be placed (no year, or relative in an
    undated article): its span is still a date, never a figure."""

    start: int
    end: int
    when: When | None
    until: When | None = None


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date in ``text``, in order, ranges ("between 2014 and 2017") joined."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            if kind == "year" and _QUANTITY_BEFORE.search(text[: m.start()]):
                continue
            when = _value(kind, m, published)
            taken.append((m.start(), m.end()))
            found.append(DateMention(m.start(), m.end(), when))
    found.sort(key=lambda d: d.start)
    return _join_ranges(text, found)


def _value(kind: Kind, m: re.Match[str], published: dt.date | None) -> When | None:
    g = m.groupdict()
    if kind == "month-day":
        return None
    if kind != "relative":
        year = int(g["year"])
        month = MONTH_NAMES[g["month"]] if g.get("month") else int(g["nmonth"]) if g.get("nmonth") else None
        day = int(g["day"]) if g.get("day") else None
        if month is not None and day is not None and not _valid(year, month, day):
            return None
        return When(year, month, day)
    if published is None:
        return None
    return _relative(g, published)


def _relative(g: dict[str, str | None], published: dt.date) -> When | None:
    year, month = published.year, published.month
    if g.get("rel"):
        step = {"last": -1, "next": 1, "this": 0}[str(g["rel"])]
        if g["unit"] == "year":
            return When(year + step)
        index = year * 12 + (month - 1) + step
        return When(index // 12, index % 12 + 1)
    if g.get("ago"):
        word = str(g["count"]).lower()
        count = int(word) if word.isdigit() else _COUNT_WORDS[word]
        if not count:
            return None
        unit = str(g["ago"]).rstrip("s")
        if unit == "month":
            index = year * 12 + (month - 1) - count
            return When(index // 12, index % 12 + 1)
        # "A decade ago" is a round figure, and even "two years ago" may straddle a
        # new year: both are marked approximate.
        return When(year - count * (10 if unit == "decade" else 1), approximate=True)
    if g.get("near"):
        day = published + dt.timedelta(days=-1 if g["near"] == "yesterday" else 1)
        return When(day.year, day.month, day.day)
    if g.get("weekday"):
        target = WEEKDAYS.index(str(g["weekday"]))
        delta = (published.weekday() - target) % 7
        which = (g.get("which") or "").lower()
        if which == "next":
            day = published + dt.timedelta(days=(target - published.weekday()) % 7 or 7)
        else:  # news uses the bare weekday for the past week, "last Monday" likewise
            if which == "last" and delta == 0:
                delta = 7
            day = published - dt.timedelta(days=delta)
        return When(day.year, day.month, day.day)
    return When(year)  # "by the end of this year", "the year's end"


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _join_ranges(text: str, mentions: list[DateMention]) -> list[DateMention]:
    joined: list[DateMention] = []
    for mention in mentions:
        if joined:
            last = joined[-1]
            between = text[last.end : mention.start]
            if (
                last.when is not None
                and mention.when is not None
                and last.until is None
                and _JOIN.match(between)
                and mention.when.key > last.when.key
            ):
                joined[-1] = DateMention(last.start, mention.end, last.when, mention.when)
                continue
        joined.append(mention)
    return joined


# --- events --------------------------------------------------------------------------


@dataclass(frozen=True)
class Dated:
    """A sentence and one date it gives: the raw material of events and of conflicts."""

    sentence: int  # index into the corpus' sentences
    mention: DateMention
    near: frozenset[str]  # content terms within NEAR words of the date

    @property
    def when(self) -> When:
        assert self.mention.when is not None
        return self.mention.when


def sentence_dates(sentences: Sequence[Sentence], articles: Sequence[Article]) -> list[list[DateMention]]:
    """Every date of every sentence, placeable or not, relative ones resolved against
    the publication date of the sentence's article."""
    return [find_dates(s.text, articles[s.source].published) for s in sentences]


def dated_sentences(sentences: Sequence[Sentence], dates: Sequence[Sequence[DateMention]]) -> list[Dated]:
    """Every placeable date of every sentence (``dates`` from sentence_dates)."""
    return [
        Dated(i, mention, _near_terms(sentences[i].text, mention))
        for i, mentions in enumerate(dates)
        for mention in mentions
        if mention.when is not None
    ]


def _near_terms(text: str, mention: DateMention) -> frozenset[str]:
    before = [m[0] for m in _WORD.finditer(text[: mention.start])][-NEAR:]
    after = [m[0] for m in _WORD.finditer(text[mention.end :])][:NEAR]
    terms = (normalise(w) for w in before + after)
    return frozenset(t for t in terms if t and not t[0].isdigit() and t.lower() not in _DATE_WORDS)


_DATE_WORDS = frozenset(
    {w.lower().rstrip(".") for w in MONTH_NAMES} | {w.lower() for w in WEEKDAYS}
    | {"year", "month", "week", "day", "decad", "ago", "last", "next", "earlier", "later", "end"}
)


def build_timeline(index: Index, dated: Sequence[Dated]) -> tuple[Event, ...]:
    """Dated events of all sources, oldest first. Sentences that give the same date
    for the same happening (the same fact, or shared names or words at the date) are
    one event citing each source."""
    events = []
    for group in link_groups(dated, lambda a, b: _same_event(index, a, b)):
        # The most precise date of the group, worded by its earliest source.
        first = min(group, key=lambda d: (-d.when.precision_rank, index.sentences[d.sentence].source))
        citations = cite(index.sentences[d.sentence] for d in sorted(group, key=lambda d: d is not first))
        events.append(
            Event(
                when=first.when,
                until=first.mention.until,
                text=index.sentences[first.sentence].text,
                citations=citations,
            )
        )
    events.sort(key=lambda e: (e.when.key, e.until.key if e.until else (0, 0, 0), e.citations[0].source))
    return tuple(events)


def link_groups(things: Sequence[T], same: Callable[[T, T], bool]) -> list[list[T]]:
    """Single-link groups: a thing joins the first group holding something it matches."""
    groups: list[list[T]] = []
    for thing in things:
        for group in groups:
            if any(same(thing, other) for other in group):
                group.append(thing)
                break
        else:
            groups.append([thing])
    return groups


def _same_event(index: Index, a: Dated, b: Dated) -> bool:
    if a.sentence == b.sentence:
        return a.mention == b.mention
    if not a.when.agrees(b.when):
        return False
    if (a.mention.until is None) != (b.mention.until is None):
        return False
    if index.same_fact(a.sentence, b.sentence) > 0:
        return True
    if a.near & b.near:
        return True
    return len(index.entities[a.sentence] & index.entities[b.sentence]) >= LINK_ENTITIES


def iter_events(events: Sequence[Event], limit: int = MAX_EVENTS) -> Iterator[Event]:
    """The events the memo shows: the best-supported ``limit``, kept in date order."""
    keep = sorted(range(len(events)), key=lambda k: (-len(events[k].citations), k))[:limit]
    for k in sorted(keep):
        yield events[k]
