"""Sentences -> key figures: the quantities the sources state, with what they count.

A figure is a number written in digits or with a scale word ("2,500", "20%", "$1.5
billion", "3 million"), with its qualifier ("about", "just over", "fewer than"), its
unit (%, money, distance) and the words that say what it counts ("American troops").
"From 2,500 to fewer than 2,000" is one figure, a change; "between 10 and 12" a range.
Dates, years, durations ("20 years", "a decade ago"), times, ordinals and numbers
inside names ("C-17", "9/11") are not figures. Small counts spelled out ("two
countries") are left out too: in news style they are rarely the story's figures.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from briefing.dates import CALENDAR, WEEKDAYS, DateMention, find_dates, is_date_term
from briefing.models import Article, Figure, KeyFigure, Sentence, Share, When, cite
from briefing.terms import NUMBER_WORDS, REPORTING_WORDS, content_terms, normalise, parts, tokens
from briefing.timeline import Dated, Quantity, dated_sentences, link_groups, sentence_dates

if TYPE_CHECKING:
    from briefing.select import Index

MAX_FIGURES = 15  # rows of the memo's table; brief.json says how many were left out
COUNTS_WORDS = 4  # most words of the phrase that says what a figure counts

QUALIFIERS = (
    "just over", "just under", "more than", "fewer than", "less than", "at least",
    "at most", "up to", "as many as", "as few as", "close to", "upwards of", "an estimated",
    "nearly", "almost", "about", "around", "approximately", "roughly", "some", "over",
    "under", "below", "above", "only", "just",
)  # fmt: skip
_QUALIFIER = "(?:" + "|".join(q.replace(" ", r"\s+") for q in QUALIFIERS) + ")"
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6}
_CURRENCIES = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP"}
_DISTANCES = {
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "miles": "mi", "mile": "mi", "metres": "m", "meters": "m", "feet": "ft", "foot": "ft",
    "ft": "ft", "yards": "yd", "cm": "cm", "centimetres": "cm", "centimeters": "cm",
    "centimetre": "cm", "centimeter": "cm", "mm": "mm", "millimetres": "mm", "millimeters": "mm",
    "inches": "in", "inch": "in",
}  # fmt: skip
_DURATIONS = frozenset(
    "year years month months week weeks day days hour hours minute minutes second seconds "
    "decade decades century centuries a.m. p.m. am pm times".split()
)

# One amount: currency, number (digits, or a spelled number before a scale word),
# scale, unit.
_AMOUNT = (
    r"(?P<cur{n}>US\$|\$|€|£)?\s?"
    r"(?:(?P<num{n}>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"|(?P<word{n}>(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|several|a\s+few)"
    r"(?=\s+(?:hundred|thousand|million|billion)\b)))"
    r"(?:\s?(?P<scale{n}>hundred|thousand|million|billion|trillion|bn|m)\b)?"
    r"(?:\s?(?P<pct{n}>%|percent\b|per\s?cent\b))?"
)
_FIGURE = re.compile(
    r"(?<![\w.,/-])"
    r"(?:(?P<from>from)\s+|(?P<between>between)\s+)?"
    rf"(?:(?P<q1>{_QUALIFIER})\s+)?" + _AMOUNT.format(n=1)
    + r"(?:\s*(?:(?P<to>to|and|-|–)\s*)"
    rf"(?:(?P<q2>{_QUALIFIER})\s+)?" + _AMOUNT.format(n=2) + r")?"
    r"(?![\w/]|[.,]\d|-\w)",
    re.IGNORECASE,
)
# A telephone number with its area code: "(800) 283-7800", "1-800-283-7800", "800-283-7800"
# ("500-1000 people" is a range).
_PHONE = re.compile(r"(?<![\w.,-])(?:1[-. ])?(?:\(\d{3}\)\s?|\d{3}[-. ])\d{3}[-.]\d{4}(?![\w-])")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\S")
_STOP_COUNTS = frozenset(
    "a an the and or but of in on at to for from with by as than that which who whom whose "
    "is are was were be been being has have had will would could should may might can do "
    "does did not no this these those there their its his her our your it they he she we "
    "while since after before during about around over under into onto per each more less "
    "other others most outside inside across near within without among amid between through "
    "throughout against along beyond toward towards like via off upon despite "
    "above below higher lower greater larger smaller age ages aged "
    # verbs in -s that end a phrase: "40 percent of the budget goes to defense"
    "goes comes seems gets becomes includes belongs depends exists occurs appears happens".split()
) | REPORTING_WORDS
_IRREGULAR_PLURALS = frozenset("people personnel police staff children men women troops".split())
_MODIFIERS = frozenset("police staff personnel".split())  # plurals that also name a kind: "staff members"
_NOT_PLURAL = frozenset("gas bias alias atlas canvas lens news economics politics physics".split())


@dataclass(frozen=True)
class Mention:
    """A figure as a sentence gives it, at text[start:end] of the sentence."""

    sentence: int
    figure: Figure
    start: int
    end: int


def find_figures(text: str, dates: Sequence[DateMention] | None = None) -> list[tuple[int, int, Figure]]:
    """Every figure in a sentence: (start, end, figure), offsets into ``text``. The
    sentence's dates (found here unless given) are not figures."""
    spans = [(d.start, d.end) for d in (find_dates(text, None) if dates is None else dates)]
    spans += [m.span() for m in _PHONE.finditer(text)]
    found: list[tuple[int, int, Figure]] = []
    position = 0
    while (m := _FIGURE.search(text, position)) is not None:
        position = m.end()
        if ends := [end for start, end in spans if m.start() < end and start < m.end()]:
            # "in 1998 and 120 in 1999": the number after a date is a figure of its own.
            if ends[0] < m.end():
                position = max(ends[0], m.start() + 1)
            continue
        figure = _figure(text, m)
        if figure is not None and m["to"] and figure.was is None and figure.upper is None:
            # Two figures side by side ("52% to 48%"): the second gets its own turn.
            position = m.start("q2") if m["q2"] else min(
                m.start(f"{g}2") for g in ("cur", "num", "word") if m[f"{g}2"]
            )
            found.append((m.start(), position, figure))
        elif figure is not None:
            found.append((m.start(), m.end(), figure))
    return _elided(text, found)


# Between a count and a second one that leaves its noun to it: a few words, no clause
# break, then a joining word ("5,700 students in 1996-97 and roughly 3,900 in 1997-98").
_ELIDED_GAP = re.compile(
    r"[^;:()]{0,40}?(?:,|\band|\bor|\bbut|\bwhile|\bwhereas|\bversus|\bagainst|\bcompared\s+(?:with|to))\s*$",
    re.IGNORECASE,
)


_SINGULAR_VERB = re.compile(r"\s+(?:is|was|has)\b", re.IGNORECASE)


def _elided(text: str, found: list[tuple[int, int, Figure]]) -> list[tuple[int, int, Figure]]:
    """A count that names nothing counts what the count just before it in the sentence
    counts, when a few words without a clause break end in a joining word between them
    ("40 people were hurt and 12 killed", "300 workers were laid off, and 40 remain")."""
    out: list[tuple[int, int, Figure]] = []
    for start, end, figure in found:
        if out and figure.unit is None and not figure.counts:
            _s, before_end, before = out[-1]
            if (
                before.unit is None
                and before.counts
                and _ELIDED_GAP.fullmatch(text, before_end, start)
                and not _SINGULAR_VERB.match(text, end)  # "and 5,000 was the sum paid"
            ):
                figure = replace(figure, counts=before.counts)
        out.append((start, end, figure))
    return out


def _amount(m: re.Match[str], n: int) -> tuple[float, str | None] | None:
    g = m.groupdict()
    number, word, scale = g[f"num{n}"], g[f"word{n}"], g[f"scale{n}"]
    if number is not None:
        value = float(number.replace(",", ""))
    elif word is not None:
        value = float(NUMBER_WORDS.get(word.lower().split()[0], 0))  # "several": 0
        if not value:  # "several million": no figure to state
            return None
    else:
        return None
    if scale:
        if scale.lower() == "m" and not g[f"cur{n}"]:
            return None  # "5 m" is metres, or nothing
        value *= _SCALES.get(scale.lower(), 100.0)
    unit = _CURRENCIES.get(g[f"cur{n}"] or "") or ("%" if g[f"pct{n}"] else None)
    return value, unit


def _figure(text: str, m: re.Match[str]) -> Figure | None:
    first = _amount(m, 1)
    if first is None:
        return None
    value, unit = first
    second = _amount(m, 2) if m["to"] else None
    if second is not None and m["scale2"] and not m["scale1"] and m["num1"] and m["num2"]:
        # "between 10 and 12 million": a scale written once, after the second number,
        # is both's; not in "from 500 to 2 million", where the first is the smaller.
        written = float(m["num2"].replace(",", ""))
        if written and value <= written:
            value *= second[0] / written
    q1 = _qualifier(m["q1"])
    q2 = _qualifier(m["q2"])
    tail = re.sub(r"^[*_]{1,3}(?=\s)", "", text[m.end() :])  # Markdown emphasis: "**4,500** members"
    distance_unit = ""
    # A percentage's unit may sit on the second amount only: "from 10 to 20%".
    if second is not None and second[1] and not unit:
        unit = second[1]
    if unit is None:
        distance = re.match(r"\s?([A-Za-z]+)\b", tail)
        if distance and distance[1].lower() in _DISTANCES:
            unit = _DISTANCES[distance[1].lower()]
            tail = tail[distance.end() :]
            distance_unit = f" {unit}"
    next_word = re.match(r"\s*([^\W\d_][\w.'’-]*)", tail)
    word = next_word[1].lower() if next_word else ""
    if word in _DURATIONS or word.rstrip(".,;:") in _DURATIONS:
        return None
    if m[0].strip().isdigit() and not m["q1"] and _looks_like_label(text, m.start()):
        return None
    if m["num1"] and not m["to"] and _AGE.search(text[: m.start()]) and re.match(r"\s*(?:[,.;)]|$)", tail):
        return None  # an age: "said Thelma Hansen, 50."
    if unit is None and _AGE_OF.search(text[: m.start()]):
        return None  # "before the age of 50", "children aged 5 to 14"
    if m["num1"] and 1800 <= value <= 2100 and "," not in m["num1"] and not q1 and unit is None:
        return None  # a year the date patterns left alone ("the 2019-20 season")
    counts = _counts(text, m, tail, unit)
    if unit is None and value < 10 and not m["scale1"] and not _plural((thing_and_place(counts)[0].split() or [""])[-1]):
        return None  # "9 people" is a count; "5 was invoked", "1 of them" are not
    label = _label(m) + distance_unit
    if second is not None and second[1] in (None, unit):
        joiner = m["to"].lower()
        if m["from"] and joiner == "to":
            return Figure(second[0], unit, counts, q2, was=value, was_qualifier=q1, label=label)
        if (m["between"] and joiner == "and") or (
            not m["from"] and joiner in ("to", "-", "–") and second[0] > value
        ):
            return Figure(value, unit, counts, q1, upper=second[0], label=label)
    # "52% to 48%", "20 percent to $1.5 billion": two figures; the first is this one.
    return Figure(value, unit, counts, q1, label=_label_one(m, 1) + distance_unit)


def _qualifier(text: str | None) -> str | None:
    return " ".join(text.lower().split()) if text else None


def _looks_like_label(text: str, start: int) -> bool:
    """"Article 5", "Resolution 2334", "Route 1": a capitalised word names the number;
    not a sentence's first word that is a qualifier or a stop word ("Nearly 300",
    "In 300 cases")."""
    word = re.search(r"([A-Z][a-z]+)\.?$", text[:start].rstrip())
    return word is not None and not _is_common_word(word[1])


def _is_common_word(word: str) -> bool:
    lower = word.lower()
    return lower in _STOP_COUNTS or lower in _QUALIFIER_WORDS or lower in _OPENERS


_OPENERS = frozenset("all another perhaps exactly precisely".split())  # "Another 300 were hurt"


_QUALIFIER_WORDS = frozenset(w for q in QUALIFIERS for w in q.split())


def _label(m: re.Match[str]) -> str:
    """The figure as written, qualifiers kept, white space tidied: "just over 2,500 to
    fewer than 2,000" becomes "just over 2,500 → fewer than 2,000"."""
    if m["to"] and m["from"]:
        return f"{_label_one(m, 1)} → {_label_one(m, 2)}"
    if m["to"]:
        return f"{_label_one(m, 1)}–{_label_one(m, 2)}"
    return _label_one(m, 1)


def _label_one(m: re.Match[str], n: int) -> str:
    start, end = m.start(f"cur{n}") if m[f"cur{n}"] else -1, -1
    for name in ("pct", "scale", "num", "word", "cur"):
        if m[f"{name}{n}"]:
            end = max(end, m.end(f"{name}{n}"))
    for name in ("cur", "num", "word"):
        if m[f"{name}{n}"] and (start < 0 or m.start(f"{name}{n}") < start):
            start = m.start(f"{name}{n}")
    amount = " ".join(m.string[start:end].split())
    qualifier = _qualifier(m[f"q{n}"])
    return f"{qualifier} {amount}" if qualifier else amount


def _counts(text: str, m: re.Match[str], tail: str, unit: str | None) -> str:
    """What a figure counts, in the source's words: the phrase after it ("2,500 U.S.
    troops"), for a share the thing it is a share of ("20% of the vote", "a reduction
    of about 20%"), else "the number of ..." before it."""
    after = _phrase_after(tail, plural_ends=unit is None)
    if unit == "%":
        polled = re.match(r"\s+of\s+those\s+(?!aged\b)([a-z]+ed)\b", tail)
        if polled:
            return polled[1]  # "of those surveyed"
        # "of the 3,400 tribe members", "of 3,400 tribe members": the count of the
        # whole is no part of the noun; "of 1998 levels" gives a year, not a count.
        of = re.match(
            r"\s+of\s+(?:(?:the|its|their|those|these|his|her|our|all)\s+)?"
            r"(?:(?!(?:1[89]|20)\d\d\b)[\d.,]*\d(?:\s+(?:thousand|million|billion|trillion))?\s+)?(.*)",
            tail,
        )
        if of:
            # "of the high school students using steroids": up to a plural noun if there
            # is one; "of the vote", "of the U.S. population" have none.
            return _phrase_after(" " + of[1], plural_ends=True, qualified=True) or _phrase_after(" " + of[1], plural_ends=False)
        if after:
            return after
        before = re.search(r"([^\W\d_][\w'’-]*)\s+of\s*$", text[: m.start()])
        return before[1] if before and before[1].lower() not in _STOP_COUNTS else ""
    if unit in _CURRENCIES.values() and not after:
        of = re.match(r"\s+(?:in|of|for)\s+(?:the\s+)?(.*)", tail)
        if of:
            return _phrase_after(" " + of[1], plural_ends=False)
        return _price(text[: m.start()])
    if unit in _DISTANCES.values():
        # "more than 30 miles of pipe". The words after a distance mostly say where or
        # which way ("60 miles off Nantucket", "8,000 feet back", "50 miles away").
        of = re.match(r"\s+of\s+(.*)", tail)
        return _phrase_after(" " + of[1], plural_ends=False) if of else ""
    if not after and unit is None and re.search(r"\ball\s+$", text[: m.start()], re.IGNORECASE):
        # "all 14 of its schools"; not "220 of the units", a part of a count that may be
        # given whole elsewhere.
        of = re.match(r"\s+of\s+(?:the|its|their|his|her|our|those|these)\s+(.*)", tail)
        if of:
            return _phrase_after(" " + of[1], plural_ends=True)
    if after:
        return after if " in " in after or " from " in after else _with_place(after, text, m.start(), tail)
    if unit is None and (done := _DONE_TO.match(tail)):
        return done[1]  # "62 were infected", "55 others were infected": the infected
    before = re.search(r"\bnumber\s+of\s+((?:[^\W\d_][\w'’.-]*\s+){0,5}?[^\W\d_][\w'’.-]*)\s+\w+\s*$", text[: m.start()])
    if before is None:
        before = re.search(r"\bnumber\s+of\s+(.*)$", text[: m.start()])
    if before:
        return _phrase_after(" " + before[1], plural_ends=True)
    return ""


_AGE = re.compile(r"\b[A-Z][\w'’-]+,\s*$")  # "Thelma Hansen, " before a number and a stop
_AGE_OF = re.compile(r"\b(?:ages?(?:\s+of)?|aged)\s*$", re.IGNORECASE)
# A count of those something was done to: "62 were infected", "55 others had been
# evacuated"; not "1,000 are expected to leave", which counts what is to come.
_DONE_TO = re.compile(r"\s+(?:others\s+|more\s+)?(?:were|had\s+been|have\s+been)\s+(?:[a-z]+ly\s+)?([a-z]+ed)\b(?!\s+to\b)")
_PRICE_WORDS = "cost|price|bill|value"
PRICE = re.compile(rf"(?:{_PRICE_WORDS}) of ")  # what a price counts: "cost of the new bridge"
COST_WORDS = 7  # most words of what "... would cost $N" is the cost of
_COSTS = re.compile(r"\s+(?:(?:would|will|could|might|may|should|to|did|does)\s+)?costs?\s*$")
_CLAUSE_OPENERS = REPORTING_WORDS | frozenset("that which who estimated estimates and but because if when while".split())


def _price(before: str) -> str:
    """What an amount of money is the price of, from the words before it: "goods worth
    $50 million", "put the cost of replacing those mains at $52 million", "replacing the
    mains would cost $48 million"."""
    worth = re.search(r"\b([^\W\d_][\w'’-]*)\s+worth\s*$", before)
    if worth:
        return _phrase_after(" " + worth[1], plural_ends=False)
    priced = re.search(rf"\b({_PRICE_WORDS})\s+of\s+((?:[\w'’-]+\s+){{0,5}}?[\w'’-]+)\s+(?:at|as)\s*$", before, re.I)
    if priced:
        return f"{priced[1].lower()} of {priced[2]}"
    costs = _COSTS.search(before)
    if costs is None:
        return ""
    # The subject: the words back to the clause's start, if there are at most COST_WORDS.
    words = before[: costs.start()].split()[-COST_WORDS - 1 :]
    thing: list[str] = []
    for word in reversed(words):
        if word[-1] in ",;:" or word.lower() in _CLAUSE_OPENERS:
            break
        thing.insert(0, word)
    if not thing or len(thing) > COST_WORDS:
        return ""  # a long subject is a guess
    first = thing[0].lower()
    if first in ("the", "a", "an"):
        thing[0] = first
    elif first in _STOP_COUNTS:
        return ""  # "it would cost": the sentence does not say what
    return "cost of " + " ".join(thing)


# A weekday after a place is no part of its name: "in Moscow Wednesday" (a month may
# be: "in Cape May").
_NOT_CALENDAR = r"(?!(?:" + "|".join(WEEKDAYS) + r")\b)"
# A place's name ends: "in Iraq"; not "in Iraq War", nor a possessor, "in Quebec's".
_NAME_ENDS = r"(?<!['’]s)(?![\w'’-]|\s+" + _NOT_CALENDAR + "[A-Z])"
_PLACE_AFTER = re.compile(
    r"\s+(in|from)\s+((?:[A-Z][\w'’-]+)(?:\s+" + _NOT_CALENDAR + r"[A-Z][\w'’-]+)?)" + _NAME_ENDS
)
# A verb form opening a clause after the counted noun: "using", "currently living", "recently hired".
_PARTICIPLE = re.compile(r"(?:[a-z]+ly\s+)?[a-z]{3,}(?:ing|ed)\b")
_QUALIFIERS = frozenset({"reported", "confirmed"})  # "of the reported cases", "of the confirmed deaths"
_MORE_OF = re.compile(r"^\s+(?:other|more|additional)(?=\s+[^\W\d_])", re.IGNORECASE)


def _phrase_after(tail: str, *, plural_ends: bool, qualified: bool = False) -> str:
    """Up to COUNTS_WORDS words that name a thing, up to and including its plural noun
    when ``plural_ends``; then a place ("in Iraq") when one follows. When ``qualified``
    (after "of the"), a reporting participle may open it: "the reported cases"."""
    words: list[str] = []
    tail = _MORE_OF.sub("", tail, count=1)  # "15 other people", "six more crows"
    rest = tail
    for m in _WORD.finditer(tail):
        word = m[0]
        bare = word.rstrip(".,;:") if not re.fullmatch(r"(?:[A-Z]\.){2,}", word) else word
        if not bare or not bare[0].isalpha():
            break
        # A stop word ends the phrase, but not "reported" in "of the reported cases" (in
        # "30 reported cases of West Nile" it is the verb).
        lower = bare.lower()
        if lower in _STOP_COUNTS and not (qualified and not words and lower in _QUALIFIERS and _plural_next(tail[m.end() :])):
            break
        if lower in _DURATIONS:
            return ""
        if words and _PARTICIPLE.match(tail, m.start()) and (_plural(words[-1]) or bare.lower().endswith("ly")):
            break  # "students using steroids", "the population currently living in": a clause
        words.append(bare)
        rest = tail[m.end() :]
        if bare != word or len(words) == COUNTS_WORDS:
            break
        if plural_ends and _plural(bare) and not (bare.lower() in _MODIFIERS and _plural_next(rest)):
            break  # not at "police" in "police officers"
    if plural_ends and words and not any(_plural(w) for w in words):
        words = []
    if not words:
        return ""
    place = _PLACE_AFTER.match(rest)
    if place and _names_people(rest, place.end()):
        place = None
    if place and words[-1] == words[-1].rstrip(".,;:"):
        words += [place[1], place[2]]
    return " ".join(words)


# "in Marlow", "from Syria"; not a route, "from Greenwich to Madison", nor a longer
# name, "from Egyptian Civil Aviation Authority chief ...".
_PLACE = re.compile(
    r"\b(?:in|from)\s+(?:[a-z]+\s+)?([A-Z][a-z][\w'’-]*(?:\s+" + _NOT_CALENDAR + r"[A-Z][a-z][\w'’-]*)?)"
    + _NAME_ENDS
    + r"(?!\s+to\s+[A-Z])"
)


def _with_place(counts: str, text: str, start: int, tail: str) -> str:
    """A count's place: the one place named in the figure's clause ("about 1,200
    residents were evacuated from Marlow"), or, for a count that is "there", the one
    place its sentence names ("no recent withdrawals from Syria, and fewer than 1,000
    American troops remain there"). Not a place of another clause: "won 75 seats, ...
    while the Liberal Party, which favors keeping Quebec in Canada, won 48"."""
    there = _THERE.match(tail) is not None
    places = {
        m[1]
        for m in _PLACE.finditer(text)
        if not _names_people(text, m.end(1))
        and (there or not _breaks(text, start, m.start(), m.end(), tail))
    } - CALENDAR
    if len(places) != 1:
        return counts
    return f"{counts} in {places.pop()}"


def _breaks(text: str, at: int, start: int, end: int, tail: str) -> bool:
    """A clause ends between a count at text[at:] and a place at text[start:end]."""
    if start > at:
        return _CLAUSE_BREAK.search(text, at, start) is not None or _REPORT_BREAK.search(text, at, start) is not None
    # "in Dalian, Guangzhou and 28 other cities": a place listed beside the count.
    listed = _LISTED.fullmatch(text, end, at) or (_MORE_OF.match(tail) and _AND.fullmatch(text, end, at))
    return _CLAUSE_BREAK.search(text, end, at) is not None or listed is not None


# Where a clause ends: a semicolon or colon, or a comma before a word that opens
# another clause ("75 seats, while the Liberal Party, which favors ..."); not an aside
# ("200 people, including 40 children, were killed in Gaza") nor "1,200".
_CLAUSE_BREAK = re.compile(
    r"[;:](?=\s)|,\s+(?:while|whereas|which|who|whom|whose|where|but|although|though|and|or|as|"
    r"when|after|before|because|since|if|unless)\b",
    re.IGNORECASE,
)
_LISTED = re.compile(r"(?:\s*,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)+,?\s+(?:and|or)\s+")
_AND = re.compile(r"\s+(?:and|or)\s+")
# After a count, a comma before who said it ends the count's clause when the report
# runs on to the place: "50 people were detained, an aide told reporters in Moscow";
# not an aside, "30 people were killed, police said, in Grozny". (Before a count,
# "..., Putin said 30,000 troops ..." leads into it.)
_REPORT_BREAK = re.compile(rf",\s+[^,;:]*?\b(?:{'|'.join(sorted(REPORTING_WORDS))})\b[^,;:]*$", re.IGNORECASE)
# A count that is "there" ("remain there"); not "there are plans to ...".
_THERE = re.compile(
    r"[^;:()—]{0,60}?\bthere\b(?!\s+(?:is|are|was|were|has|have|had|will|would|may|might|could|seems?|appears?)\b)"
)


def _names_people(text: str, end: int) -> bool:
    """The capitalised word before ``end`` is a people's adjective, not a place: it
    ends as one ("-an", "-ese", "-ish", "-i", "-ic") and a plural noun follows it ("in
    Palestinian territories", "from Israeli jails"; not "from Marlow hours before").
    A language or people's word in "-ese" or "-ish" is one anywhere: "known in Chinese
    as" (not "Jefferson Parish")."""
    ending = _PEOPLES.search(text, 0, end)
    if ending is None:
        return False
    if _LANGUAGE.search(text, 0, end):
        return True
    after = re.match(r"\s+([a-z]+)\b", text[end:])
    return after is not None and after[1] not in _NOT_NOUNS and _plural(after[1])


_PEOPLES = re.compile(r"(?:an|ese|ish|i|ic)$")
_LANGUAGE = re.compile(
    r"(?<![\w'’-])(?:[A-Z][a-z]+ese|British|English|Irish|Scottish|Spanish|Turkish|Danish|Polish|Finnish|"
    r"Swedish|Kurdish|Jewish|Flemish|Cornish|Amish)$"
)
_NOT_NOUNS = _STOP_COUNTS | _DURATIONS


def _plural_next(rest: str) -> bool:
    """The next word is a plural noun ("police officers")."""
    word = re.match(r"\s+([a-z][\w'’-]*)", rest)
    return word is not None and _plural(word[1])


def _plural(word: str) -> bool:
    """A plural noun, roughly; not a possessor ("32 of the capital's local districts"
    counts districts)."""
    lower = word.lower()
    return lower in _IRREGULAR_PLURALS or (
        lower.endswith("s")
        and not lower.endswith(("ss", "us", "is", "'s", "’s"))
        and lower not in _NOT_PLURAL
        and not word[0].isupper()
    )


@dataclass(frozen=True)
class Readings:
    """What the analyst sections read from a corpus, once: the placeable dates and the
    figures of every sentence that may stand in a memo."""

    dated: tuple[Dated, ...]
    figures: tuple[Mention, ...]

    @functools.cached_property
    def dates_by_sentence(self) -> dict[int, list[When]]:
        """Each sentence's placeable dates, as it gives them."""
        found: dict[int, list[When]] = {}
        for d in self.dated:
            found.setdefault(d.sentence, []).append(d.when)
        return found

    def quantities(self) -> dict[int, frozenset[Quantity]]:
        """Each sentence's figures, as value and unit."""
        found: dict[int, set[Quantity]] = {}
        for m in self.figures:
            found.setdefault(m.sentence, set()).add((m.figure.value, m.figure.unit))
        return {sentence: frozenset(values) for sentence, values in found.items()}

    def shares(self, sentences: Sequence[Sentence]) -> dict[int, dict[float, Share]]:
        """What each sentence tells of each percentage it gives (``clause_terms``), and
        what the share is of."""
        found: dict[int, dict[float, Share]] = {}
        for m in self.figures:
            if m.figure.unit == "%":
                text = sentences[m.sentence].text
                told = clause_terms(text, m.start, m.end)
                of = content_terms(m.figure.counts)
                if _of_the(m, text):
                    of = ("the", *of)  # "90 percent of the cases": which cases, the clause may not say
                for value in (m.figure.value, m.figure.was, m.figure.upper):
                    if value is not None:
                        mine = found.setdefault(m.sentence, {})
                        before = mine.get(value, Share(frozenset()))
                        mine[value] = Share(before.told | told, before.of | ({of} if of else set()))
        return found


_OF_THE = re.compile(r"\s+of\s+the\s", re.IGNORECASE)  # right after a share: "90 percent of the cases"


def _of_the(m: Mention, text: str) -> bool:
    """A share of "the" things, no word saying which: "90 percent of the cases"."""
    return m.figure.unit == "%" and len(content_terms(m.figure.counts)) == 1 and bool(_OF_THE.match(text, m.end))


# Where the clause holding a figure starts: after a clause's punctuation, a quotation
# mark or a dash, or a word that opens another clause; an aside between two dashes or
# in parentheses is no part of it. (_CLAUSE_BREAK below wants a comma before such a
# word: it bounds what a count's phrase may reach, not where its clause starts.)
_DASH = r"(?:\s(?:--|–|_)\s|\s?—\s?)"
_ASIDE = re.compile(rf"{_DASH}.*?{_DASH}|\([^()]*\)")
_CLAUSE_EDGE = re.compile(
    rf"[;:,()“”\"]|``|''|{_DASH}|\b(?:and|but|while|whereas|where|which|who|that|because|although|though|when|if|unless)\b",
    re.IGNORECASE,
)


def clause_terms(text: str, start: int, end: int) -> frozenset[str]:
    """What a sentence says of the figure at text[start:end]: the content terms from the
    start of its clause to the end of the sentence (what follows a figure tells of it:
    "a 4% rise, which the union rejected as far below inflation"), a closing "..., X
    said" aside, without numbers, units and dates ("40 percent of those athletes believe the
    illegal drug is not harmful" -> athlet, believ, illeg, drug, harm). An aside is left
    out: "concentrations of carbon dioxide -- the gas primarily responsible for global
    warming -- are about 30 percent higher" tells of concentrations of carbon dioxide."""
    for m in _ASIDE.finditer(text):
        if not m.start() <= start < m.end():
            text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    begin = max((m.end() for m in _CLAUSE_EDGE.finditer(text, 0, start)), default=0)
    said = _REPORT_BREAK.search(text, end)  # ", researchers said." tells nothing of it
    clause = text[begin : said.start() if said else len(text)]
    return frozenset(t for t in content_terms(clause) if not t[0].isdigit() and t != "%" and not is_date_term(t))


def read_corpus(index: Index, articles: Sequence[Article]) -> Readings:
    """The dates and figures of a corpus, read once for the memo's sections, timeline,
    key figures and disagreements; the index notes what its comparisons need of them."""
    dates = sentence_dates(index.sentences, articles)
    keep = [bool(q > 0) for q in index.quality]
    names = _name_numbers(index.sentences)
    readings = Readings(
        dated=tuple(d for d in dated_sentences(index.sentences, dates) if keep[d.sentence]),
        figures=tuple(
            Mention(i, figure, start, end)
            for i, sentence in enumerate(index.sentences)
            if keep[i]
            for start, end, figure in find_figures(sentence.text, dates[i])
            if not _names_a_thing(figure, names)
        ),
    )
    index.note_readings(dates, readings.shares(index.sentences))
    return readings


# A number of three digits or more that a name gives: "Boeing 767", "Flight 990"; not
# a sentence's first word ("Another 300 were hurt", "Perhaps 200 passengers").
_NAMED = re.compile(r"(?<=\S )([A-Z][a-z]+)\s+(\d{3,})(?![\w/]|[.,]\d)")


def _name_numbers(sentences: Sequence[Sentence]) -> frozenset[str]:
    """The numbers a corpus uses in names. Where it writes "Boeing 767" once, "another
    767 crashed" and "a former 767 pilot" name the same aircraft: they are not counts.
    A mention that says what it counts stays one: "Highway 101" somewhere does not
    make "101 people were charged" a name."""
    return frozenset(
        m[2]
        for sentence in sentences
        for m in _NAMED.finditer(sentence.text)
        if not _is_common_word(m[1]) and m[1] not in CALENDAR
    )


def _names_a_thing(figure: Figure, names: frozenset[str]) -> bool:
    plain = figure.unit is None and figure.qualifier is None and figure.was is None and figure.upper is None
    return plain and not figure.counts and figure.label in names


def key_figures(
    index: Index, mentions: Sequence[Mention], memo: Collection[int] = frozenset()
) -> tuple[KeyFigure, ...]:
    """Every figure of every source; the same quantity from several sources is one
    row citing all of them. First the figures of the sentences the memo cites
    (``memo``: what its themes are about; "50 states" or "60 computers" told in passing
    are not), then the others; in each, most-cited first, then the figures that come
    earliest in their articles (news leads with its figures), then in the sources'
    order. A bare number that says neither what it counts nor its unit comes last."""
    ranked = []
    for k, group in enumerate(link_groups(mentions, lambda a, b: _same_row(index, a, b))):
        first = group[0]
        counts = _most_said(m.figure.counts for m in group)
        citations = cite(index.sentences[m.sentence] for m in group)
        row = KeyFigure(replace(first.figure, counts=counts), index.sentences[first.sentence].text, citations)
        position = min(index.sentences[m.sentence].position for m in group)
        unread = not counts and row.figure.unit is None  # "33,000": the table cannot say of what
        aside = not any(m.sentence in memo for m in group)
        ranked.append(((unread, aside, -len(citations), position, k), row))
    return tuple(row for _key, row in sorted(ranked, key=lambda pair: pair[0]))


def memo_figures(
    index: Index, rows: Sequence[KeyFigure], about: Collection[int], limit: int = MAX_FIGURES
) -> tuple[KeyFigure, ...]:
    """The rows of ``key_figures`` the memo's table shows, ``limit`` at most: those a
    sentence on one of its themes gives (``about``). A figure told in passing on
    another subject ("60 computers", "150 miles") is no key figure of the memo."""
    return tuple(row for row in rows if any(index.sentence_of(c) in about for c in row.citations))[:limit]


def _most_said(counts: Iterable[str]) -> str:
    """What most of a row's sources say it counts; of those said equally often, the
    plainest, which claims least. One sentence's "217 people in the United States" (a
    place its sentence names for the investigators) does not outvote "217 people"."""
    tally = Counter(c for c in counts if c)
    return max(tally, key=lambda c: (tally[c], -len(c)), default="")


def _same_row(index: Index, a: Mention, b: Mention) -> bool:
    """The same quantity. A figure whose sentence does not say what it counts ("more
    than 60 were sickened") joins one that does only when its sentence names the same
    thing elsewhere: "more than 60 pages" is another quantity."""
    if not same_value(a.figure, b.figure):
        return False
    heads = head(a.figure.counts), head(b.figure.counts)
    if all(heads):
        if heads[0] != heads[1]:
            return False
        return _same_things(index, a, b) and _same_things(index, b, a)
    if not any(heads):  # neither says: the same only where their sentences tell the same
        return index.same_fact(a.sentence, b.sentence) > 0
    counted, other = (a, b) if heads[0] else (b, a)
    return _names_thing(counted.figure.counts, index.sentences[other.sentence].text)


def _same_things(index: Index, a: Mention, b: Mention) -> bool:
    """Where ``a`` is a share of "the" things, no word saying which ("90 percent of the
    cases"), its sentence names which things ``b`` counts ("Malaria affects ..." for
    "malaria cases"), or the two tell the same. Shares coincide often: "90 percent of
    the cases occur in children" in a reference work is not malaria's."""
    if not _of_the(a, index.sentences[a.sentence].text) or a.sentence == b.sentence:
        return True
    which = set(content_terms(thing_and_place(b.figure.counts)[0])) - {head(b.figure.counts)}
    if which and which <= index.term_sets[a.sentence]:
        return True
    return index.same_fact(a.sentence, b.sentence) > 0


def _names_thing(counts: str, text: str) -> bool:
    """``text`` names the thing a figure counts: a word of its noun's stem that is no
    verb's past or participle. The stem alone is not enough: "a section called ``100
    Programs You Should Not Buy''" names no telephone calls."""
    noun = head(counts)
    return bool(noun) and any(
        term == noun and not part.lower().endswith(("ed", "ing")) for token in tokens(text) for part, term in parts(token)
    )


def same_value(a: Figure, b: Figure) -> bool:
    """The same value, unit and shape ("from 2,500 to 2,000" is not "2,000")."""
    return (a.value, a.unit, a.was, a.upper) == (b.value, b.unit, b.was, b.upper)


def thing_and_place(counts: str) -> tuple[str, str]:
    """What a figure counts, and where: "service members in Iraq" -> ("service members", "Iraq")."""
    thing, _, place = counts.partition(" in ")
    return thing, place


def head(counts: str) -> str:
    """The counted noun's stem: "American service members in Iraq" -> "member"."""
    words = thing_and_place(counts)[0].split(" from ")[0].split()
    for word in reversed(words):
        term = normalise(word)
        if term:
            return term
    return ""
