"""Dates and figures -> where the sources disagree, each side cited.

The kinds of disagreement found:

* dates: two sources date the same happening to dates that cannot both be right: one
  fact told twice with two dates, or a thing the grammar ties to each date ("the 2022
  agreement" / "an agreement reached ... in September 2024", "the dam, built in
  1962" / "the dam was built in 1958"). Only dates written with their year count. A
  bound ("until 2027", "before 2030") dates no happening; two dates used as names
  ("the 2019 strike", "the 2025 strike") are two of a kind; a word marked as another
  instance ("the last strike, in 2019") names nothing the other source dates; and a
  sentence that gives both dates contradicts nothing;
* figures: two sources, published within a week of each other, give values for the
  same count ("troops in Iraq") that no reading of their qualifiers or rounding
  reconciles, at the same time, in the same role (an offer is not a demand, a target
  not a count), over the same period, with a word told of both ("missing"); neither
  says the count changed ("has risen to 41", "up from 35"); two counts of one thing
  ("killed", "injured") are two disagreements;
* disclosure: one source says the numbers were not disclosed while another gives
  them;
* one sentence, two figures: two sources tell the same thing in (nearly) the same words
  but for one figure ("the study estimated that replacing the mains would cost $48
  million" / "... $52 million"), published within a week of each other, neither telling
  a change. The figure need not say what it counts: the words around it are the same;
* attributed figures: an article sets one speaker's count against another's ("The
  union says 4,500 members are on strike. The authority puts the figure at about
  4,200."), unless the first speaker's qualifier allows the other figure ("about
  4,500" allows 4,400). This is the one kind whose sides may cite the same article:
  each side is a different speaker, named in its own words;
* a person's age: two sources give one person two ages at one time, the same year
  written in both sentences or, undated, their articles published within a week and
  the ages two years or more apart ("the 1993 stabbing of 17-year-old Stephen
  Lawrence" / "Stephen Lawrence, 18, was stabbed ... in 1993").

Every other disagreement is between different sources, and no source stands on two
sides of one: a side takes a claim only if it disagrees with every claim on the other
sides. No subject is given twice. The rules are deliberately narrow: a false
disagreement in a memo costs more trust than a missed one.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import combinations
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeVar

from briefing.dates import CALENDAR, DEADLINE_WORDS
from briefing.figures import PRICE, Mention, Readings, find_figures, head, same_value, thing_and_place
from briefing.models import Article, Citation, Claim, Discrepancy, Figure, When, cite, collapse_ws
from briefing.terms import REPORTING_WORDS, content_terms, normalise
from briefing.timeline import Dated

if TYPE_CHECKING:
    from briefing.select import Index

T = TypeVar("T")

SAME_TIME_DAYS = 7  # sources further apart may both be right about a count that changed
ADJACENT = 2  # words between a date and the word that says what it dates
PREDICATE = 4  # words after a figure and what it counts that say what is told of it
PARALLEL_SHARE = 0.8  # of what each of two sentences tells, the share both tell: one sentence
PARALLEL_WORDS = 6  # words before the figure that name what two parallel sentences disagree on

_UNDISCLOSED = re.compile(
    r"\b(?:numbers?|figures?|totals?|tolls?|count)\b[^.;]{0,60}?"
    r"\b(?:(?:not|never)\s+(?:been\s+|yet\s+been\s+)?(?:publicly\s+|officially\s+)?"
    r"(?:disclosed|released|revealed|made\s+public|published|given|announced|confirmed)"
    r"|undisclosed|unknown|unclear|withheld|secret)\b"
    r"|\b(?:not|never|declined\s+to|refused\s+to)\s+(?:yet\s+)?(?:publicly\s+)?"
    r"(?:disclosed?|released?|revealed?|give[n]?|say|provide[d]?|published?)\s+"
    r"(?:the\s+|any\s+)?(?:exact\s+|specific\s+|precise\s+)?(?:numbers?|figures?|totals?)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def find_discrepancies(index: Index, articles: Sequence[Article], readings: Readings) -> tuple[Discrepancy, ...]:
    """Every disagreement between sources (``readings`` from figures.read_corpus), one
    per subject."""
    found = _date_conflicts(index, readings)
    found += _disclosure_conflicts(index, articles, readings.figures)
    at_odds = _at_odds(index, articles, readings)
    found += _figure_conflicts(index, readings, at_odds)
    found += _attributed_conflicts(index, readings.figures)
    found += _parallel_conflicts(index, readings.figures, at_odds, found)
    found += _age_conflicts(index, articles, readings.dated)
    subjects: dict[str, Discrepancy] = {}
    for d in found:
        first = subjects.setdefault(d.about.casefold(), d)
        if first is not d:
            subjects[d.about.casefold()] = _joined(first, d)
    return tuple(subjects.values())


def _joined(first: Discrepancy, then: Discrepancy) -> Discrepancy:
    """One subject found twice ("not disclosed" / 900, then 900 / 650): the second's
    new sides join the first when the two share a side, and cite no source already
    cited; else the first stands alone."""
    says = {c.says for c in first.claims}
    if not says & {c.says for c in then.claims}:
        return first
    cited = {x.source for c in first.claims for x in c.citations}
    new = tuple(c for c in then.claims if c.says not in says and not cited & {x.source for x in c.citations})
    return replace(first, claims=first.claims + new)


def _sides(
    pair: tuple[T, T], others: Iterable[T], agree: Callable[[T, T], bool], conflict: Callable[[T, T], bool]
) -> list[list[T]]:
    """The sides of one disagreement, grown from a conflicting pair: a claim joins the
    side it agrees with (or opens one) only if it conflicts with every claim on the
    other sides, so no source stands on two sides."""
    sides = [[pair[0]], [pair[1]]]
    for x in others:
        if x in pair:
            continue
        home = next((side for side in sides if all(agree(x, y) for y in side)), None)
        if all(conflict(x, y) for side in sides if side is not home for y in side):
            if home is None:
                sides.append([x])
            else:
                home.append(x)
    return sides


def _same_time(a: dt.date | None, b: dt.date | None) -> bool:
    """Two articles published within SAME_TIME_DAYS of each other; never when either
    date is unknown, since a count may have changed between them."""
    return a is not None and b is not None and abs((a - b).days) <= SAME_TIME_DAYS


# --- dates -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Dating:
    """What a date in a sentence dates, as far as the words at it tell."""

    terms: frozenset[str]  # the words that may name the thing dated
    tied: frozenset[str]  # those the grammar ties to the date
    named: bool  # the date is part of a name: "the 2022 agreement", "the 2019 strike"
    instances: frozenset[tuple[str, str]]  # ("last", "strike"): one of several, marked


def _date_conflicts(index: Index, readings: Readings) -> list[Discrepancy]:
    points = [d for d in readings.dated if _dates_a_happening(index.sentences[d.sentence].text, d)]
    datings = [_dating(index.sentences[d.sentence].text, d) for d in points]
    said = readings.dates_by_sentence  # every date of a sentence, as the sentence is read

    @functools.cache
    def apart(i: int, j: int) -> Literal["no", "fact", "tied"]:
        """Whether two points may date one thing apart: "no"; "fact", one fact told twice
        with two dates; "tied", if the grammar ties the same word to both dates."""
        a, b = points[i], points[j]
        if index.sentences[a.sentence].source == index.sentences[b.sentence].source:
            return "no"
        if any(a.when.agrees(w) for w in said[b.sentence]) or any(b.when.agrees(w) for w in said[a.sentence]):
            return "no"  # one sentence gives both dates: of two things, or of a series
        if datings[i].named and datings[j].named:
            return "no"  # "the 2019 strike", "the 2025 strike": two of a kind
        marked = {noun for _word, noun in datings[i].instances ^ datings[j].instances}
        if marked & set(index.terms[a.sentence]) & set(index.terms[b.sentence]):
            return "no"  # "the last strike" is not "the strike"
        return "fact" if index.same_fact(a.sentence, b.sentence) > 0 else "tied"

    def conflict(i: int, j: int, term: str) -> bool:
        how = apart(i, j)
        return how == "fact" or (how == "tied" and term in datings[i].tied and term in datings[j].tied)

    conflicting: dict[str, tuple[int, int]] = {}  # the thing's word -> a pair dating it apart
    for i, j in combinations(range(len(points)), 2):
        shared = datings[i].terms & datings[j].terms
        how = apart(i, j) if shared else "no"
        if how == "tied":
            shared &= datings[i].tied & datings[j].tied
        if how == "no" or not shared:
            continue
        text = index.sentences[points[i].sentence].text
        # One thing per pair: the word that reads as its name ("the dam", not "built"),
        # else the nearest to the date ("army commander in 1988").
        term = min(shared, key=lambda t: (not _after_determiner(text, t), _distance(text, points[i], t), t))
        conflicting.setdefault(term, (i, j))
    out = []
    order = sorted(range(len(points)), key=lambda k: (-points[k].when.precision_rank, points[k].sentence))
    rank = {k: r for r, k in enumerate(order)}
    for term, pair in conflicting.items():
        sides = _sides(
            pair,
            (k for k in order if term in datings[k].terms),
            lambda x, y: points[x].when.agrees(points[y].when),
            functools.partial(conflict, term=term),
        )
        # Each side in the words of its most precise date.
        firsts = [min(side, key=rank.__getitem__) for side in sides]
        claims = tuple(
            Claim(
                says=points[first].when.label,
                text=index.sentences[points[first].sentence].text,
                citations=_cite(index, [points[k].sentence for k in sorted(side, key=lambda k: k != first)]),
            )
            for first, side in sorted(zip(firsts, sides, strict=True), key=lambda fs: points[fs[0]].when.key)
        )
        word = _surface(index.sentences[points[pair[0]].sentence].text, term)
        out.append(Discrepancy(about=f"Date of the {word}", claims=claims))
    return out


def _dates_a_happening(text: str, d: Dated) -> bool:
    """Whether a date can be a happening's, as its source wrote it. Not a range, nor a
    bound ("a guarantee until 2027", "no job lost before 2030", "by the year 2010"),
    nor a date resolved from the article's own ("Thursday", "last year"): two sources
    that disagree through those more often speak of two days, or one is a story
    reprinted later."""
    written = text[d.mention.start : d.mention.end]
    return (
        d.mention.until is None
        and _YEAR_WRITTEN.search(written) is not None
        and d.bound not in DEADLINE_WORDS
    )


def _dating(text: str, d: Dated) -> _Dating:
    """The words that say what a date dates. A date that is part of a name ("the 2022
    agreement") dates what it names; another, the nouns within ADJACENT words of it,
    and the noun a participle ties to it ("an agreement reached between the two
    governments in September 2024", "the dam, built in 1962"). Nouns only, as far as
    spelling tells, and never one that another word marks as one instance of several
    ("the last strike, in 2019")."""
    before, after = _WORD.findall(text[: d.mention.start]), _WORD.findall(text[d.mention.end :])
    named = bool(before and after and before[-1].lower() in _DETERMINERS and after[0].lower() not in _SKIP)
    words = before + after
    instances = frozenset(
        (word.lower(), noun)
        for word, next_word in zip(words, words[1:])
        if word.lower() in _INSTANCE and (noun := normalise(next_word))
    )
    if named and before[-1].lower() in ("a", "an"):
        return _Dating(frozenset(), frozenset(), named, instances)  # "a 1992 literary prize": one of many
    attached = _attached(text, d)
    if named:
        near = after[: ADJACENT + 1]
    else:
        near = [w for w in before[-ADJACENT - 3 :] if w.lower() not in _SKIP][-ADJACENT:]
        near += [w for w in after[:ADJACENT] if w.lower() not in _SKIP][:1]

    def nouns(candidates: Iterable[str]) -> frozenset[str]:
        kept = (
            w
            for w in candidates
            if not w[0].isupper() and not w.endswith(("ly", "ed")) and w.lower() not in _NOT_THINGS
        )
        return frozenset(t for t in map(normalise, kept) if t)

    terms = nouns([*near, *attached]) - {noun for _word, noun in instances}
    return _Dating(terms, terms & nouns([*near] if named else attached), named, instances)


def _attached(text: str, d: Dated) -> list[str]:
    """The nouns a participle or past tense ties to a date in its clause, with no comma
    between them and the date. A past tense is not a participle: its noun is not one
    inside a phrase ("the strike at the port began": the port did not begin)."""
    clause = re.split(r"[;:—–()]", text[: d.mention.start])[-1]
    return [
        m["noun"]
        for m in _PARTICIPLE.finditer(clause)
        if "," not in clause[m.end() :] and not (m["verb"] in _PAST_ONLY and _IN_PHRASE.search(clause[: m.start()]))
    ]


def _distance(text: str, d: Dated, term: str) -> int:
    """Characters between a date and the nearest word of ``term``."""
    return min(
        (abs(m.start() - d.mention.start) for m in _WORD.finditer(text) if normalise(m[0]) == term), default=len(text)
    )


_YEAR_WRITTEN = re.compile(r"\d{4}")
# "an agreement reached", "the dam, built", "the strike was called": a noun, then the
# participle or past tense that dates it (spelt -ed, or a common irregular one).
_PARTICIPLE = re.compile(
    r"\b(?i:a|an|the|its|their|this|that)\s+(?P<noun>[a-z][a-z-]+),?\s+"
    r"(?:(?:was|were|is|are|had\s+been|has\s+been|have\s+been)\s+)?"
    r"(?P<verb>[a-z]+ed|began|begun|born|broke|broken|built|came|fell|fought|held|laid|led|made|met|paid|sank|"
    r"sent|set|shut|signed|sold|struck|sworn|taken|took|went|won|written)\b"
)
_PAST_ONLY = frozenset("began broke came fell sank took went".split())
_IN_PHRASE = re.compile(r"\b(?:at|in|of|on|to|by|for|from|with|near|outside|inside)\s+$", re.IGNORECASE)
_DETERMINERS = frozenset("a an the its their this that his her our".split())
# Words that mark one instance among several of the thing they qualify.
_INSTANCE = frozenset(
    "last previous prior earlier former next first second third new latest another upcoming".split()
)
# Words that sit between a date and what it dates, or that date nothing themselves.
_SKIP = frozenset(
    "the a an in on at by of from to since until before after between this that which "
    "its their his her reached signed made agreed announced set held took was were is "
    "are be been has have had and or as with for amid during against despite over under "
    "into through when where while than per".split()
)
_NOT_THINGS = _SKIP | _INSTANCE | frozenset("year years month months week weeks day days decade decades".split())


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


def _disclosure_conflicts(index: Index, articles: Sequence[Article], mentions: Sequence[Mention]) -> list[Discrepancy]:
    silent = [i for i, s in enumerate(index.sentences) if index.quality[i] > 0 and _UNDISCLOSED.search(s.text)]
    if not silent:
        return []
    out = []
    by_source: dict[int, list[int]] = {}
    for i in silent:
        by_source.setdefault(index.sentences[i].source, []).append(i)
    for source, sentences in by_source.items():
        said = set().union(*(set(index.terms[i]) for i in sentences))
        # Only what another source gave at the same time: four years on, a count of
        # malaria cases answers no silence on heart attacks.
        others = [
            m for m in mentions
            if index.sentences[m.sentence].source != source
            and _same_time(articles[source].published, articles[index.sentences[m.sentence].source].published)
        ]
        # A count of what was kept back: "the numbers of staff" / "650 staff".
        counts = [m for m in others if m.figure.unit is None and said & set(content_terms(m.figure.counts))]
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
        given = [m.sentence for m in others if same_value(m.figure, best.figure)]
        out.append(
            Discrepancy(
                about=_about(best.figure),
                claims=(
                    Claim("not disclosed", index.sentences[sentences[0]].text, _cite(index, sentences)),
                    Claim(
                        best.figure.label, index.sentences[best.sentence].text, _cite(index, [best.sentence, *given])
                    ),
                ),
            )
        )
    return out


# --- a person's age ----------------------------------------------------------------------

# A person's age as news gives it: "18-year-old Stephen Lawrence", "Stephen Lawrence,
# 18,", "Stephen Lawrence, an 18-year-old Londoner". A name is two to four capitalised
# words; a surname alone before the age ("Lawrence, 18,") stands for the one person of
# the corpus with that surname.
_NAME_WORDS = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]+)"
_AGE_BEFORE = re.compile(rf"(?<![\w-])(?P<age>\d{{1,3}})-year-old\s+(?P<name>{_NAME_WORDS}{{1,3}})(?![\w'’-])")
# Not a count: "John Smith, 4,512 votes".
_AGE_AFTER = re.compile(rf"\b(?P<name>{_NAME_WORDS}{{0,3}}),\s+(?:an?\s+)?(?P<age>\d{{1,3}})(?:,(?!\d)|-year-old\b)")
_AGE_AFTER_MARK = re.compile(r",\s+(?:an?\s+)?\d")  # a cheap test first: most sentences give no age
# After "18-year-old" a name is followed by a stop word, a verb in "-ed" or no word; else
# the capitalised words qualify a noun: "a 45-year-old New York man", "Air Force cadet".
_NOUN_AFTER = re.compile(r"\s+([a-z]+)\b")
# A place before an age is where the person is from: "Joe Doe of Trenton, New Jersey, 82,".
_PLACE_BEFORE = re.compile(r"[A-Z][\w'’.-]*,\s+$")


def _ages(text: str) -> Iterator[tuple[str, int]]:
    """Each (name, age) a sentence gives, the name as written less the words that open
    the sentence or a clause ("When Stephen Lawrence, 18, ..." names Stephen Lawrence)."""
    if "-year-old" in text:
        for m in _AGE_BEFORE.finditer(text):
            noun = _NOUN_AFTER.match(text, m.end())
            if not (noun and normalise(noun[1]) is not None and not noun[1].endswith("ed")):
                yield from _named_age(m)
    if _AGE_AFTER_MARK.search(text):
        for m in _AGE_AFTER.finditer(text):
            if not _PLACE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                yield from _named_age(m)


def _named_age(m: re.Match[str]) -> Iterator[tuple[str, int]]:
    words = [w if re.fullmatch(r"(?:[A-Z]\.)+", w) else w.rstrip(".") for w in m["name"].split()]
    opened = len(words)
    while words and (normalise(words[0]) is None or words[0] in CALENDAR):
        words.pop(0)  # "When Stephen Lawrence, 18, ..."; "On Monday, 25, ..."
    if len(words) < opened and len(words) < 2:
        return  # "In London, 18, or more": a surname alone after "In" is a place
    age = int(m["age"])
    if words and all(normalise(w) is not None and w not in CALENDAR for w in words) and 0 < age < 120:
        yield " ".join(words), age


def _age_conflicts(index: Index, articles: Sequence[Article], dated: Sequence[Dated]) -> list[Discrepancy]:
    """Two sources give one person two ages at one time: the same year written in both
    sentences ("the 1993 stabbing of 17-year-old Stephen Lawrence" / "... Stephen
    Lawrence, 18, stabbed in 1993"), or neither dated and their articles published
    within SAME_TIME_DAYS. Ages a year apart disagree only when both sentences date
    them: otherwise a birthday may lie between ("Augusto Pinochet, 82," / "... 83,")."""
    said = [(i, name, age) for i, s in enumerate(index.sentences) for name, age in _ages(s.text)]
    if not said:
        return []
    # A name the corpus uses as a place ("in New Jersey") is no person's.
    full = {name.casefold(): name for _i, name, _a in said if " " in name and not _a_place(index, name)}
    surnames = {name: _full_name(index, name, full) for _i, name, _a in said if " " not in name}
    people: dict[str, list[tuple[int, int]]] = {}
    for i, name, age in said:
        key = surnames[name] if name in surnames else name.casefold()
        if key in full:
            people.setdefault(key, []).append((i, age))

    years: dict[int, set[int]] = {}  # the years each sentence writes out ("in 1993", not "Saturday")
    for d in dated:
        if _YEAR_WRITTEN.search(index.sentences[d.sentence].text, d.mention.start, d.mention.end):
            years.setdefault(d.sentence, set()).add(d.when.year)

    def conflict(a: tuple[int, int], b: tuple[int, int]) -> bool:
        (i, age_a), (j, age_b) = a, b
        if age_a == age_b or index.sentences[i].source == index.sentences[j].source:
            return False
        if i in years or j in years:
            return bool(years.get(i, set()) & years.get(j, set()))
        day_a, day_b = (articles[index.sentences[k].source].published for k in (i, j))
        return _same_time(day_a, day_b) and abs(age_a - age_b) >= 2

    out = []
    for key, told in people.items():
        pair = next(((a, b) for a, b in combinations(told, 2) if conflict(a, b)), None)
        if pair is None:
            continue
        sides = _sides(pair, told, lambda x, y: x[1] == y[1], conflict)
        # Each side in the words of its sentence that best stands alone.
        claims = tuple(
            Claim(
                str(side[0][1]),
                index.sentences[max(side, key=lambda t: (index.quality[t[0]], -t[0]))[0]].text,
                _cite(index, [i for i, _age in side]),
            )
            for side in sorted(sides, key=lambda side: side[0][1])
        )
        out.append(Discrepancy(about=f"{full[key]}’s age", claims=claims))
    return out


def _a_place(index: Index, name: str) -> bool:
    """The corpus names a place so: "in New Jersey", "from New Jersey on Monday"; not "in
    the Stephen Lawrence case"."""
    pattern = re.compile(rf"\b(?:in|from|near|across)\s+{re.escape(name)}(?![\w'’-])(?:\s+([a-z]+))?")
    return any(
        m[1] is None or normalise(m[1]) is None
        for s in index.sentences
        if name in s.text
        for m in pattern.finditer(s.text)
    )


def _full_name(index: Index, surname: str, full: dict[str, str]) -> str | None:
    """The full name (casefolded, a key of ``full``) a surname alone stands for: the one
    person of the corpus so named ("Stephen Lawrence"), none if the corpus names two
    ("Neville Lawrence" too)."""
    pattern = re.compile(rf"\b([A-Z][a-z]+)\s+{re.escape(surname)}\b")
    firsts = {
        m[1]
        for s in index.sentences
        if surname in s.text
        for m in pattern.finditer(s.text)
        if normalise(m[1]) is not None and m[1] not in CALENDAR and m[1] not in _TITLES
    }
    if len(firsts) != 1:
        return None
    key = f"{firsts.pop()} {surname}".casefold()
    return key if key in full else None


_TITLES = frozenset("Mr Mrs Ms Miss Dr Sir Lady Lord President Prime Minister Secretary General Judge".split())


# --- the same count, different values ---------------------------------------------------


class _Telling(NamedTuple):
    """What at_odds reads from one sentence."""

    change: bool  # tells a change: "has risen to 41"
    current: bool  # tells the present: "now", "currently"
    roles: frozenset[str]
    periods: frozenset[str]


def _at_odds(index: Index, articles: Sequence[Article], readings: Readings) -> Callable[[Mention, Mention], bool]:
    """Whether two figures of different sources cannot both be right, if they count the
    same thing: told at the same time, in the same role, over the same period, with no
    change told and no reading of qualifiers or rounding that reconciles them."""
    dates = readings.dates_by_sentence
    values: dict[int, list[Figure]] = {}
    for m in readings.figures:
        values.setdefault(m.sentence, []).append(m.figure)

    @functools.cache
    def telling(i: int) -> _Telling:  # one sentence's reading, for every pair it is in
        text = index.sentences[i].text
        return _Telling(bool(_CHANGE.search(text)), bool(_CURRENT.search(text)), _roles(index.terms[i]), _periods(text))

    def at_odds(a: Mention, b: Mention) -> bool:
        sa, sb = index.sentences[a.sentence], index.sentences[b.sentence]
        fa, fb = a.figure, b.figure
        if sa.source == sb.source:
            return False
        if fa.was == fb.value or fb.was == fa.value or _overlap(_range(fa), _range(fb)):
            return False
        # "41 ships, up from 35": a sentence that gives both values tells a change.
        if any(f.value == fb.value for f in values[a.sentence]) or any(f.value == fa.value for f in values[b.sentence]):
            return False
        pa, pb = articles[sa.source].published, articles[sb.source].published
        if pa is None or pb is None or not _same_time(pa, pb):  # both known, as _same_moment needs
            return False
        ta, tb = telling(a.sentence), telling(b.sentence)
        if ta.change or tb.change:
            return False  # "has risen to 41": the other value may be the earlier one
        names = [index.names[a.sentence], index.names[b.sentence]]
        return (
            _same_moment(dates.get(a.sentence, []), pa, dates.get(b.sentence, []), pb, ta.current or tb.current)
            and (ta.roles, ta.periods) == (tb.roles, tb.periods)
            and not (names[0] and names[1] and not names[0] & names[1])  # "the Lauda Air crash" / "EgyptAir"
        )

    return functools.cache(at_odds)  # pairs are asked again as sides grow


def _figure_conflicts(
    index: Index, readings: Readings, at_odds: Callable[[Mention, Mention], bool]
) -> list[Discrepancy]:
    told_of = functools.cache(lambda m: _predicate(index.sentences[m.sentence].text, m))

    def conflict(a: Mention, b: Mention) -> bool:
        if not at_odds(a, b):
            return False
        if PRICE.match(a.figure.counts) and PRICE.match(b.figure.counts):
            return _one_price(a.figure, b.figure)  # a price says what is told: "cost of ..."
        return bool(told_of(a) & told_of(b))

    counts: dict[tuple[str | None, tuple[str, str]], list[Mention]] = {}  # the same count, by unit and thing
    for m in readings.figures:
        if m.figure.counts:
            counts.setdefault((m.figure.unit, _thing(m.figure)), []).append(m)
    out = []
    for same in counts.values():
        # Several counts of one thing ("12 people were killed", "47 people were
        # injured"): each disagreement grows from a pair no earlier one has taken.
        found: list[tuple[tuple[Mention, Mention], list[list[Mention]]]] = []
        free = list(same)
        while pair := next(((a, b) for a, b in combinations(free, 2) if conflict(a, b)), None):
            sides = _sides(pair, free, lambda x, y: same_value(x.figure, y.figure), conflict)
            found.append((pair, sides))
            free = [m for m in free if not any(m in side for side in sides)]
        for (a, b), sides in found:
            about = _about(a.figure)
            if len(found) > 1:  # named by what is told of each: "Number of people killed"
                told = told_of(a) & told_of(b)
                about = f"{about} {_told(index.sentences[a.sentence].text, told)}".rstrip()
            claims = tuple(
                Claim(
                    side[0].figure.label,
                    index.sentences[side[0].sentence].text,
                    _cite(index, [m.sentence for m in side]),
                )
                for side in sides
            )
            out.append(Discrepancy(about=about, claims=claims))
    return out


def _parallel_conflicts(
    index: Index,
    mentions: Sequence[Mention],
    at_odds: Callable[[Mention, Mention], bool],
    found: Sequence[Discrepancy],
) -> list[Discrepancy]:
    """Two sources' sentences that tell the same thing apart from their one figure."""
    taken = {(c.source, c.start) for d in found for claim in d.claims for c in claim.citations}
    alone: dict[int, list[Mention]] = {}
    for m in mentions:
        alone.setdefault(m.sentence, []).append(m)
    single = [ms[0] for ms in alone.values() if len(ms) == 1]
    out = []
    used: set[int] = set()
    for a, b in combinations(single, 2):
        i, j = a.sentence, b.sentence
        sa, sb = index.sentences[i], index.sentences[j]
        if sa.source == sb.source or i in used or j in used or a.figure.unit != b.figure.unit:
            continue
        if (sa.source, sa.start) in taken or (sb.source, sb.start) in taken:
            continue  # already a side of a disagreement
        if not _parallel(index, i, j) or not at_odds(a, b):
            continue
        used |= {i, j}
        words = _WORD.findall(sa.text[: a.start])[-PARALLEL_WORDS:]
        about = _about(a.figure) if a.figure.counts else f"“{' '.join(words)} …”" if words else "Figure"
        claims = tuple(Claim(m.figure.label, index.sentences[m.sentence].text, _cite(index, [m.sentence])) for m in (a, b))
        out.append(Discrepancy(about=about, claims=claims))
    return out


def _parallel(index: Index, i: int, j: int) -> bool:
    """Sentences i and j say the same words of their names: each holds nearly all that
    the other tells (IDF-weighted) apart from figures, and they give the same names."""
    a, b = (index.told[k] - index.numbers[k] for k in (i, j))  # what they tell, numbers aside
    if len(a) < 3 or index.names[i] != index.names[j]:
        return False
    shared = sum(index.idf[t] for t in a & b)
    return shared >= PARALLEL_SHARE * max(sum(index.idf[t] for t in a), sum(index.idf[t] for t in b))


def _predicate(text: str, mention: Mention) -> frozenset[str]:
    """The words that say what is told of a figure's count: the verb just before it
    ("killed 217 passengers") and the words after what it counts ("14 people were
    still missing"); not who says so, nor when."""
    figure = mention.figure
    before = _WORD.findall(text[: mention.start])[-2:]
    before = before[max((k + 1 for k, w in enumerate(before) if w.lower() in _SAYING), default=0) :]
    after = _WORD.findall(text[mention.end :])[: len(figure.counts.split()) + PREDICATE]
    words = (
        w
        for w in before + after
        if w.lower() not in _NOT_THINGS and w.lower() not in _SAYING and w.capitalize() not in CALENDAR
    )
    counted = content_terms(figure.counts)
    return frozenset(t for t in content_terms(" ".join(words)) if t not in counted and not t[0].isdigit())


def _told(text: str, terms: frozenset[str]) -> str:
    """The first word of a sentence whose term is one of ``terms``, as written there
    ("injured"); "" when none is."""
    return next((w.lower() for w in _WORD.findall(text) if set(content_terms(w)) & terms), "")


def _same_moment(
    when_a: Sequence[When], published_a: dt.date, when_b: Sequence[When], published_b: dt.date, current: bool
) -> bool:
    """Whether two counts can be of the same moment. A sentence's own dates say when
    its count was; an undated one counts at its article's date. A count said to be
    current ("now", "so far") is of its article's day."""
    if when_a and when_b:
        return any(x.agrees(y) for x in when_a for y in when_b)
    if when_a or when_b:
        dated, published = (when_a, published_b) if when_a else (when_b, published_a)
        return any(_near(when, published) for when in dated)
    return published_a == published_b or not current


def _near(when: When, day: dt.date) -> bool:
    if when.agrees(When.on(day)):
        return True
    return when.day is not None and _same_time(dt.date(when.year, when.month or 1, when.day), day)


def _periods(text: str) -> frozenset[str]:
    """The periods a sentence's rates are counted over: "3,000 children every day" is
    not "1 million children every year"."""
    return frozenset(m[1].lower() if m[1] else _ADVERB_PERIODS[m[2].lower()] for m in _PER.finditer(text))


# Words that say who gives a figure rather than what it counts.
_SAYING = REPORTING_WORDS | frozenset("reports claims estimated estimates counted counts".split())
_CHANGE = re.compile(
    r"\b(?:up\s+from|down\s+from|(?:has|have|had)\s+(?:now\s+)?(?:risen|fallen|grown|climbed|dropped|increased|"
    r"decreased|doubled|halved|swelled|shrunk)|rose|fell|climbed|dropped|increased|decreased|grew|jumped|surged|"
    r"soared|swelled|shrank|dipped)\b",
    re.IGNORECASE,
)
_CURRENT = re.compile(r"\b(?:now|currently|so\s+far|to\s+date|at\s+present|as\s+of|latest)\b", re.IGNORECASE)
_ADVERB_PERIODS = {
    "daily": "day", "weekly": "week", "monthly": "month", "yearly": "year", "annually": "year", "annual": "year",
}  # fmt: skip
_PER = re.compile(
    r"\b(?:every|each|per|a|an)\s+(day|week|month|year)\b|\b(daily|weekly|monthly|yearly|annually|annual)\b",
    re.IGNORECASE,
)

# What a figure is in the story besides a count: a side's offer, another's demand, a
# plan or target, a former state. Two values in different roles do not disagree.
_ROLE_WORDS = {
    "offer": "offer offered offers offering proposal proposed propose proposes",
    "demand": "demand demands demanded demanding want wants wanted seek seeks seeking sought insist insists",
    "aim": "target targets aim aims goal goals plan plans planned forecast forecasts expect expects expected "
    "pledge pledged promise promised",
    "before": "previous prior former",
}


@functools.cache
def _role_of() -> dict[str, str]:
    """Stems to roles; stemmed on first use, so that importing this module loads no stemmer."""
    return {t: role for role, words in _ROLE_WORDS.items() for word in words.split() if (t := normalise(word))}


def _roles(terms: Iterable[str]) -> frozenset[str]:
    roles = _role_of()
    return frozenset(roles[t] for t in terms if t in roles)


def _one_price(a: Figure, b: Figure) -> bool:
    """Two prices of one thing: what the shorter is the price of, the longer names too
    ("cost of replacing those mains", "cost of replacing the east side's cast-iron
    mains"; not "cost of repairing the main")."""
    terms = sorted((frozenset(content_terms(f.counts)) for f in (a, b)), key=len)
    return terms[0] <= terms[1]


def _thing(f: Figure) -> tuple[str, str]:
    return head(f.counts), thing_and_place(f.counts)[1]


def _about(f: Figure) -> str:
    if f.unit is None:
        return f"Number of {f.counts}"
    return (f.counts[:1].upper() + f.counts[1:]) or "Figure"


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
    # A figure allows what rounds to it, half up, so 10 and 11 do not share 10.5:
    # "2%" allows 2.3%, "4,500" allows 4,520.
    place = _place(v)
    return v - place / 2, math.nextafter(v + place / 2, -math.inf)


def _place(value: float) -> float:
    """The place a value may have been rounded to: its last digit's (2.3 -> 0.1, 14 ->
    1), or its last non-zero digit's when two or more digits are significant (4,500 ->
    100). A whole number with one ("10", "2,000") is taken as written, to the unit:
    read as rounded, "10 people were killed" would allow 14, and 2,000 allow 2,500."""
    if value != int(value):
        return float(10 ** -len(f"{value:.6g}".partition(".")[2]))
    place, n = 1, abs(int(value))
    while n and n % (place * 10) == 0:
        place *= 10
    return float(place) if n // place >= 10 else 1.0


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


# --- one speaker's count against another's, in one article --------------------------------


def _attributed_conflicts(index: Index, mentions: Sequence[Mention]) -> list[Discrepancy]:
    """"The union says 4,500 members are on strike. The authority puts the figure at
    about 4,200.": a count given against another speaker's, in the same sentence or
    the next, each side named by its speaker."""
    kept = {m.sentence for m in mentions}
    out = []
    for i in sorted(kept):
        text = _plain(index.sentences[i].text)
        if not _PUTS.search(text):
            continue
        for start, _end, rival in find_figures(text):
            against = _clause(_PUT_AT, text, start)
            claimed = _claimed_before(index, i, against.start(), rival, kept) if against else None
            if against is None or claimed is None:
                continue
            j, figure, speaker = claimed
            # The first speaker's words may allow the rival figure ("about 4,500" allows
            # 4,400); the rival's own "about" hedges a figure set against the first.
            if _overlap(_range(figure), _range(replace(rival, qualifier=None))):
                continue
            rival_speaker = _content(against["who"])
            what = _content(against["what"])
            if not speaker or not rival_speaker or speaker & rival_speaker or not figure.counts:
                continue
            if what - set(content_terms(_GENERIC_COUNTS)) - set(content_terms(figure.counts)):
                continue  # "puts the ship count at 41" answers no count of members
            out.append(
                Discrepancy(
                    about=_about(figure),
                    claims=(
                        Claim(figure.label, index.sentences[j].text, _cite(index, [j])),
                        Claim(rival.label, index.sentences[i].text, _cite(index, [i])),
                    ),
                )
            )
    return out


def _claimed_before(
    index: Index, i: int, end: int, rival: Figure, kept: set[int]
) -> tuple[int, Figure, frozenset[str]] | None:
    """The count a rival figure answers, with its speaker's words: the last figure of
    the same unit before the rival's clause, in its sentence or the one before."""
    sentence = index.sentences[i]
    candidates = [(i, _plain(sentence.text)[:end])]
    if i and i - 1 in kept and index.sentences[i - 1].source == sentence.source:
        candidates.append((i - 1, _plain(index.sentences[i - 1].text)))
    for j, text in candidates:
        found = [(s, e, f) for s, e, f in find_figures(text) if f.unit == rival.unit]
        if found:
            start, stop, figure = found[-1]
            if same_value(figure, rival) or figure.was == rival.value:
                return None
            return j, figure, _speaker(text, start, stop)
    return None


def _speaker(text: str, start: int, end: int) -> frozenset[str]:
    """Who gives the figure at text[start:end]: "The union says 4,500 ...", "... 4,500
    members, the union said", "according to the union"."""
    who = _clause(_SAYS_BEFORE, text, start) or _SAYS_AFTER.match(text, end) or _ACCORDING.search(text)
    return _content(who["who"]) if who else frozenset()


def _clause(pattern: re.Pattern[str], text: str, end: int) -> re.Match[str] | None:
    """``pattern`` matched against the whole clause that ends at ``end``, from the last
    comma, semicolon, colon or full stop before it. Anchored at both ends, a pattern is
    tried once, not at every start of the clause."""
    start = max(text.rfind(mark, 0, end) for mark in ",;:.") + 1
    return pattern.fullmatch(text, start, end)


def _content(words: str) -> frozenset[str]:
    """The content terms of a few words, numbers left out."""
    return frozenset(t for t in content_terms(words) if not t[0].isdigit())


def _plain(text: str) -> str:
    """Markdown emphasis blanked out ("**4,500** members") and white space collapsed,
    so that no run of spaces is left for the speaker patterns to split every way.
    Offsets are into this text, not the sentence's."""
    return collapse_ws(re.sub(r"[*_]+", " ", text))


_PUT = r"(?:puts?|places?|placed|estimates?|estimated)\s+(?:the|its|their)\s+"
_PUTS = re.compile(rf"\b{_PUT}", re.IGNORECASE)  # a cheap look before the full pattern
# A speaker is words with white space between them: no run of spaces can be split
# between the speaker and what follows in more than one way.
_WHO = r"\s*(?P<who>[^\s,;:.]+(?:\s+[^\s,;:.]+)*?)"
_PUT_AT = re.compile(rf"{_WHO}\s+{_PUT}(?P<what>(?:[^\W\d_]+\s+){{1,2}})at\s+", re.IGNORECASE)
_GENERIC_COUNTS = "figure number total count tally toll estimate"  # words that name no thing counted
_SAYS = "(?:" + "|".join(sorted(_SAYING)) + ")"
_SAYS_BEFORE = re.compile(rf"{_WHO}\s+{_SAYS}(?:\s+that)?\s+(?:only\s+)?", re.IGNORECASE)  # a clause, whole
_SAYS_AFTER = re.compile(rf"[^,;.]*,{_WHO}\s+{_SAYS}\s*\.?\s*$", re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<who>[^,;:.]+)", re.IGNORECASE)


def _cite(index: Index, sentences: Sequence[int]) -> tuple[Citation, ...]:
    return cite(index.sentences[i] for i in sentences)
