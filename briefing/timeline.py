"""Sentences -> dated events: the timeline of what the sources say happened when.

Dates are read by briefing.dates: as written, relative ones against the publication
date of the article that says them, none guessed. An event keeps its date's precision.

A sentence is one entry, under the date of what it reports. Of the dates it gives,
that is the main clause's, not the one of a clause it leads into ("walked out on Monday
after talks collapsed on Sunday": Monday), and what is said, not when it was said
("said on Thursday that they would meet on Friday": Friday). A date that bounds what
is reported rather than dates it keeps its word: "until September 2026", "since 2014",
"before the end of 2027" (Event.bound). A wire dateline's date
("PORTMERE, March 3, 2025 — ") is when the story was filed: segmentation leaves it out
of the lead sentence, so it dates nothing.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from briefing.coverage import concept_weights
from briefing.dates import (
    date_terms,
    SUBORDINATORS,
    DateMention,
    bound_phrase,
    bound_word,
    clause_before,
    find_dates,
)
from briefing.models import Article, Event, Sentence, When, cite
from briefing.terms import REPORTING_WORDS, capitalised_terms, normalise, reporting_terms

if TYPE_CHECKING:
    from briefing.select import Index

T = TypeVar("T")
Quantity = tuple[float, str | None]  # a figure's value and unit: what two sentences may differ on

MAX_EVENTS = 40  # the memo's timeline; brief.json holds the same events
NEAR = 6  # content terms either side of a date that say what it dates
LINK_ENTITIES = 2  # shared names that make two dated sentences one event
NEAR_WORDS = 2  # shared words at a month or a year that make two dated sentences one event

_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\d,.]*\d|\d")
# What ranks a sentence's dates for its entry: a date that bounds the event rather
# than dating it ("since 2014", "by Friday"), or opens a clause leading into the main
# one, comes after the main clause's date; the date of a saying comes between.
_SAID = re.compile(
    rf"\b(?:told(?:\s+[\w’'.]+){{1,2}}|{'|'.join(sorted(REPORTING_WORDS))})"  # "told reporters"
    r"\s+(?:(?:late|early)\s+)?(?:on\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Dated:
    """A sentence and one date it gives: the raw material of events and of conflicts."""

    sentence: int  # index into the corpus' sentences
    mention: DateMention
    near: frozenset[str]  # content terms within NEAR words of the date
    happening: str | None = None  # the term of the happening a date names: "the 2003 invasion"
    bound: str = ""  # the word the date hangs on when it bounds its sentence's happening: "until", "by"

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
        Dated(
            i,
            mention,
            _near_terms(sentences[i].text, mention),
            _happening(sentences[i].text, mention),
            bound_word(sentences[i].text, mention.start),
        )
        for i, mentions in enumerate(dates)
        for mention in mentions
        if mention.when is not None
    ]


def event_dates(sentences: Sequence[Sentence], dated: Sequence[Dated]) -> list[Dated]:
    """One date of each sentence, in the order given: the date of what it reports. The
    main clause's date first, then a saying's, then a bound or a leading clause's;
    among equals the most precise, then the first."""
    best: dict[int, tuple[tuple[int, int, int], Dated]] = {}
    for d in dated:
        text = sentences[d.sentence].text
        opener, _words = clause_before(text, d.mention.start)
        if d.bound or opener in SUBORDINATORS:
            rank = 2
        elif _SAID.search(text, 0, d.mention.start):
            rank = 1
        else:
            rank = 0
        key = (rank, -d.when.precision_rank, d.mention.start)
        if d.sentence not in best or key < best[d.sentence][0]:
            best[d.sentence] = (key, d)
    return [d for d in dated if best[d.sentence][1] is d]


# Who reports, just before the word that says so ("the Zimbabwe News Agency reported
# Saturday", "Vietnam News Agency reported Tuesday"): not what happened, so two reports
# it gives of different happenings share no words at their dates. Not who announces or
# confirms: "Exxon announced Tuesday that it would buy Mobil" is Exxon's doing.
_REPORTING = re.compile(r"\b(?:reported|said|says|told)\b")
_REPORTER = re.compile(r"(?<![\w.&'’-])(?:[A-Z][\w.&'’-]*\s+(?:of\s+)?)+(?:\([A-Z][\w.]*\)\s+)?$")
_REPORTER_REACH = 80  # characters a reporter's name may take before its word


@functools.lru_cache(maxsize=1024)
def _reporters(text: str) -> tuple[tuple[int, int], ...]:
    found = []
    for word in _REPORTING.finditer(text):
        name = _REPORTER.search(text, max(0, word.start() - _REPORTER_REACH), word.start())
        if name:
            found.append(name.span())
    return tuple(found)


def _near_terms(text: str, mention: DateMention) -> frozenset[str]:
    """The content terms among the NEAR nearest either side of the date, a reporter's
    name left out (it takes its places all the same)."""
    reporters = _reporters(text)
    before = reversed(list(_WORD.finditer(text, 0, mention.start)))  # nearest first
    after = _WORD.finditer(text, mention.end)
    return frozenset(
        term
        for side in (before, after)
        for term, at in itertools.islice(_terms(side), NEAR)
        if not any(start <= at < end for start, end in reporters)
    )


def _terms(words: Iterable[re.Match[str]]) -> Iterator[tuple[str, int]]:
    """The content terms of ``words`` that tell rather than date, read as needed, each
    with where its word starts."""
    dating = date_terms()
    for word in words:
        t = normalise(word[0])
        if t and not t[0].isdigit() and t not in _TIME_WORDS and t not in dating:
            yield t, word.start()


def _happening(text: str, mention: DateMention) -> str | None:
    if not _NAMES_HAPPENING.search(text, 0, mention.start):
        return None
    m = _NEXT_WORD.match(text, mention.end)
    return normalise(m[1]) if m else None


_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w'’-]*)")
_TIME_WORDS = frozenset({"ago", "last", "next", "earlier", "later", "end"})  # "a decade ago", "the end of"


def build_timeline(
    index: Index, dated: Sequence[Dated], figures: Mapping[int, frozenset[Quantity]]
) -> tuple[Event, ...]:
    """Dated events of all sources, oldest first, each sentence in one of them under
    the date of what it reports (event_dates). Sentences that give the same date for
    the same happening (the same fact, or shared names or words at the date) are one
    event citing each source, unless each gives a figure the other does not (``figures``:
    each sentence's, from figures.Readings.quantities)."""
    events = []
    for group in link_groups(
        event_dates(index.sentences, dated),
        lambda a, b: _same_event(index, a, b),
        lambda a, b: _may_be_one(figures, a, b),
    ):
        # The most precise date of the group, in a wording that stands alone if one does
        # ("This adjustment aligns with..." leans on the sentence before), else by its
        # earliest source.
        first = min(
            group,
            key=lambda d: (-d.when.precision_rank, bool(index.dangling[d.sentence]), index.sentences[d.sentence].source),
        )
        citations = cite(index.sentences[d.sentence] for d in sorted(group, key=lambda d: d is not first))
        text = index.sentences[first.sentence].text
        # A bound only when every source gives the date as one: "with September 2025 as
        # the deadline" and "by September 2025" tell the same deadline, by its date.
        bound = bound_phrase(text, first.mention.start, first.mention.end) if all(_bound(index, d) for d in group) else ""
        events.append(
            Event(
                when=first.when,
                until=first.mention.until,
                text=text,
                citations=citations,
                bound=bound or None,
            )
        )
    events.sort(key=lambda e: (e.when.key, e.until.key if e.until else (0, 0, 0), e.citations[0].source))
    return tuple(events)


def link_groups(
    things: Sequence[T], same: Callable[[T, T], bool], fits: Callable[[T, T], bool] | None = None
) -> list[list[T]]:
    """Single-link groups: a thing joins the first group holding something it matches
    and, when ``fits`` is given, nothing it does not fit."""
    groups: list[list[T]] = []
    for thing in things:
        for group in groups:
            if (fits is None or all(fits(thing, other) for other in group)) and any(
                same(thing, other) for other in group
            ):
                group.append(thing)
                break
        else:
            groups.append([thing])
    return groups


def _may_be_one(figures: Mapping[int, frozenset[Quantity]], a: Dated, b: Dated) -> bool:
    """Two dated sentences an event may hold together: their dates agree, both or
    neither give a period, and one does not give a figure the other lacks while lacking
    one the other gives (each source is cited for its own figure; a date or "Flight
    990" is no figure). Every member of an event fits every other: "in 1999" agrees
    with 31 October and with 12 November, which do not agree."""
    if not a.when.agrees(b.when) or (a.mention.until is None) != (b.mention.until is None):
        return False
    mine, theirs = figures.get(a.sentence, frozenset()), figures.get(b.sentence, frozenset())
    return not (mine - theirs and theirs - mine)


def _same_event(index: Index, a: Dated, b: Dated) -> bool:
    """The same happening: the same sentence or fact, the happening a date names ("the
    2003 invasion" in each), shared names (not the date's own numbers: that the dates
    agree is known already) or shared words at the date. On one day a shared word is
    enough ("crashed early Sunday" / "crashed on Oct. 31"); a month or a year holds many
    happenings, so there it takes two ("a doping trial opened Tuesday" is not "a
    wild-card berth this year" for sharing "open")."""
    sa, sb = index.sentences[a.sentence], index.sentences[b.sentence]
    if sa.text == sb.text or index.same_fact(a.sentence, b.sentence) > 0:
        return True
    if a.happening and a.happening == b.happening:
        return True
    if index.distinct_names((index.names[a.sentence] & index.names[b.sentence]) - date_terms()) >= LINK_ENTITIES:
        return True
    shared = (a.near & b.near) - reporting_terms()  # "... News Agency reported Saturday" is any report
    if a.when.precision == b.when.precision == "day":
        # One word is enough, but not a common noun the whole corpus repeats: "All of the
        # district's 21 schools were closed Friday" is not "At graduation Friday night ...
        # at Hobbton High School". A name is ("``The Phantom Menace,'' which opens Wednesday").
        if shared - index.common_terms:
            return True
        mine, theirs = capitalised_terms(sa.text), capitalised_terms(sb.text)
        return bool(shared & mine & theirs)
    return len(shared) >= NEAR_WORDS


def _bound(index: Index, d: Dated) -> str:
    """The word ``d``'s date hangs on when it bounds its sentence's happening; "" when it
    dates one, as a date naming a happening does ("since the 2003 invasion")."""
    named = d.bound and _NAMES_HAPPENING.search(index.sentences[d.sentence].text, 0, d.mention.start)
    return "" if named else d.bound


_NAMES_HAPPENING = re.compile(r"\bthe\s+$", re.IGNORECASE)


def key_events(index: Index, events: Sequence[Event], limit: int = MAX_EVENTS) -> tuple[Event, ...]:
    """The events the memo shows, in date order: the ``limit`` that most sources report
    and, of those reported by as many, the ones that weigh most in the corpus (the
    selector's concept weights, what many sources say, per word**0.5): the story's
    news before an aside on the same page ("England plunged out of the World Cup")."""
    if len(events) <= limit:
        return tuple(events)
    weights = concept_weights(index)

    def weight(event: Event) -> float:
        i = index.sentence_of(event.citations[0])
        total = sum(weights.get(concept, 0.0) for concept in index.concepts[i])
        return float(total / max(index.lengths_in_words[i], 1) ** 0.5)

    keep = sorted(range(len(events)), key=lambda k: (-len(events[k].citations), -weight(events[k]), k))[:limit]
    return tuple(events[k] for k in sorted(keep))
