"""Dates written in text: the one reader of them.

ingest takes an article's publication date from its dateline or lead (full dates
only), select asks whether a sentence says when, and the timeline, figures and
conflicts place what sentences date.

Absolute dates ("October 2, 2025", "Oct 2 2025", "2025-10-02", "September 2024",
"in 2014") are read as written. Relative ones ("last year", "next month", "a decade
ago", "Thursday") are resolved against the publication date of the article that says
them; without one they are dates that cannot be placed, and a month or day without a
year ("in April") is never guessed. Every date keeps its precision: a year, a month
or a day.

A bare weekday is the past week's ("walked out on Monday") unless the words of its
clause put it in the future ("will meet on Friday", "talks are due to resume
Friday"), or it names a day's event the day before ("Thursday's anniversary"): then
it is the coming one. Either way, the publication's own weekday is that
day: wire copy says "voted Thursday" and "will vote Thursday" of the day it is filed.
A future seen from the past ("was due to meet on Friday") may be either, so it is not
placed.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from briefing.models import MONTHS, When
from briefing.terms import NUMBER_WORDS, REPORTING_WORDS, normalise

# Month words, lower case and without a dot: names, three-letter abbreviations, "sept".
_MONTH_NUMBER = {
    form: number
    for number, name in enumerate(MONTHS, 1)
    for form in (name.lower(), name[:3].lower(), *(("sept",) if number == 9 else ()))
}
# The same, capitalised as prose writes them ("Oct", "Sept", "May").
MONTH_NAMES = {form.capitalize(): number for form, number in _MONTH_NUMBER.items()}
_FORMS = sorted(_MONTH_NUMBER, key=len, reverse=True)
# Capitalised only where a month stands without a day and a year: "may" and "march"
# are verbs more often than months. With both ("OCT. 2, 2025", "may 5, 2025") any case.
# The look-ahead on the initials halves the time: most words are not tried at all.
_INITIALS = "".join(sorted({f[0] for f in _FORMS}))
_M = rf"(?=[{_INITIALS.upper()}])(?P<month>(?:" + "|".join(f.capitalize() for f in _FORMS) + r")\b\.?)"
_M_ANY = rf"(?=[{_INITIALS}{_INITIALS.upper()}])(?P<month>(?i:" + "|".join(_FORMS) + r")\b\.?)"
_YEAR_DIGITS = r"(?:1[89]|20)\d\d"  # the years a date may give: 1800-2099
_YEAR = rf"(?P<year>{_YEAR_DIGITS})"
_END = r"(?![\w%/-]|[.,]\d)"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Calendar words as written: what a capital letter does not make a name or a place.
CALENDAR = frozenset(WEEKDAYS) | frozenset(MONTH_NAMES) | {"Today", "Tonight", "Yesterday", "Tomorrow", "Now"}
_YEAR_TERM = re.compile(rf"^{_YEAR_DIGITS}$")


@functools.cache
def date_terms() -> frozenset[str]:
    """Day, month and relative day names as content terms (stems): they date, they do
    not tell. Stemmed on first use, so that importing this module loads no stemmer."""
    words = (*WEEKDAYS, *MONTH_NAMES, "today", "yesterday", "tomorrow", "day", "week", "month", "year", "decade")
    return frozenset(t for word in words if (t := normalise(word.lower())) is not None)


def is_date_term(term: str) -> bool:
    """A content term that dates rather than tells: a day's or month's name, a year."""
    return term in date_terms() or bool(_YEAR_TERM.match(term))


# A number that a quantity word qualifies is a figure, not a year ("some 2000 troops").
# Not "no later than 2027", a deadline, nor a word ending in one ("moreover 2014").
_QUANTITY_BEFORE = re.compile(
    r"(?:(?<!\w)(?:about|around|approximately|roughly|some|nearly|almost|over|under|"
    r"(?:more|fewer|less)\s+than|least|estimated)|[$€£])\s*$",
    re.IGNORECASE,
)

# "the next year", "the last month": counted from the story's own time, which a
# pattern cannot know ("rains in 1991-92 ... the next year, the mice sought food").
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)

# A year inside a name: between a capitalised word that does not open the sentence and
# another ("the group The 1990 Trust", "Windows 2000 Server"); not "in 1990 Congress",
# "December 1990 Britain", "The 1990 census", nor after a possessor ("China's 1989
# Tiananmen Square crackdown").
_NAME_BEFORE = re.compile(r"(?<=\S)\s+([A-Z][\w'’.-]*)(?<!['’]s)\s+$")
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")


# A number a word labels ("P.O. Box 2007", "Flight 1999", "the class of 2000", "model
# year 2001", "its 1999 models") or a baseline ("to 1990 levels") is no date.
_LABEL_BEFORE = re.compile(
    r"\b(?:Box|No|Nos|Room|Suite|Route|Highway|Flight|Article|Section|Chapter|Resolution|Rule|Page|Vol"
    r"|[Cc]lass\s+[Oo]f|[Mm]odel[\s-]+[Yy]ear)\.?\s+$"
)
_LABEL_AFTER = re.compile(r"(?:\s+(?:and|or|to|through)\s+(?:19|20)\d\d|\s*[-–](?:19|20)?\d\d)?\s+(?:levels?|models?)\b")  # "1999 and 2000 models"
# Unless the year opens the sentence after a preposition: "By 2050 models predict ...".
_OPENS_AT = re.compile(r"^\W*(?:In|By|Since|Until|Before|After|During|From|Through)\s+$")


def _in_name(text: str, start: int, end: int) -> bool:
    before = _NAME_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and before[1] not in CALENDAR and _NAME_AFTER.match(text, end) is not None


# A weekday inside a name: a newspaper ("The Sunday Times", "London's Sunday
# Telegraph") or a quoted name ("``Monday Night Football''", "``Weedless Wednesday.''").
# Not "the Tuesday Senate vote", nor a quotation that opens with it ("Since Monday ...").
_PAPERS = "Times|Telegraph|Star|Post|Mirror|Express|Herald|Independent|Observer|Tribune|Mail|Journal|Gazette|Globe|Guardian"
_NOT_A_PAPER = r"(?!\s+(?:Square|Office|Building|Theat(?:re|er)|Hall|Street)\b|-)"  # "Times Square", "Post-ABC poll"
_PAPER_AFTER = re.compile(rf"\s+(?:{_PAPERS})\b{_NOT_A_PAPER}")
# A weekday's edition of a paper dates the paper, not what it reports, and which one a
# story means is its own convention ("in Wednesday's Journal of the American Medical
# Association", in a Tuesday story, is the next day's issue): "Sunday's New York Times",
# "Friday's editions". Not "Sunday's election".
_EDITION_AFTER = re.compile(
    rf"['’]s\s+(?:[A-Z][\w.&-]*\s+){{0,2}}?(?:(?:{_PAPERS})\b{_NOT_A_PAPER}|(?:editions?|issues?|newspapers?|magazine|editorial)\b)"
)
_QUOTED_NAME_BEFORE = re.compile(r"(?:``|[“\"])(?:[A-Z][\w-]*\s+)?$")  # not closed: "``Phantom'' Friday night"
_QUOTED_NAME_AFTER = re.compile(r"(?:\s+[A-Z][\w-]*)*[.,]?(?:''|[”\"])")


def _weekday_in_name(text: str, m: re.Match[str]) -> bool:
    if m["which"]:
        return False
    start, end = m.start("weekday"), m.end("weekday")
    if _PAPER_AFTER.match(text, end) or _EDITION_AFTER.match(text, end):
        return True
    opened = _QUOTED_NAME_BEFORE.search(text, max(0, start - 30), start)
    return opened is not None and _QUOTED_NAME_AFTER.match(text, end) is not None


Kind = Literal["day", "month", "year", "month-day", "relative"]
# "two years ago", "twenty years ago": counts as numbers are spelled ("a hundred" is a scale).
_COUNT_WORDS = "|".join(sorted((w for w in NUMBER_WORDS if w != "hundred"), key=len, reverse=True))

_PATTERNS: list[tuple[Kind, re.Pattern[str]]] = [
    ("day", re.compile(rf"\b{_M_ANY}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}{_END}")),
    ("day", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_M_ANY},?\s+{_YEAR}{_END}")),
    ("day", re.compile(rf"\b{_YEAR}-(?P<nmonth>\d{{1,2}})-(?P<day>\d{{1,2}})(?:(?=T\d)|(?![\w-]))")),
    # 05. 10. 2025 / 05.10.2025: day first, as everywhere dots are used
    ("day", re.compile(rf"(?<![\d.])(?P<day>\d{{1,2}})\.\s?(?P<nmonth>\d{{1,2}})\.\s?{_YEAR}\b")),
    # 10/05/2025: month first unless that cannot be
    ("day", re.compile(rf"(?<![\d/])(?P<first>\d{{1,2}})/(?P<second>\d{{1,2}})/{_YEAR}\b")),
    ("month", re.compile(rf"\b{_M},?\s+(?:of\s+)?{_YEAR}{_END}")),
    # A month and day without a year: kept out of figures, never dated.
    ("month-day", re.compile(rf"\b{_M}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b")),
    ("year", re.compile(rf"(?:(?<![\w$€£/.,-])|(?<=\bmid-)){_YEAR}{_END}")),  # "mid-2026" too
    (
        "relative",
        re.compile(
            # Every alternative starts with one of these: the rest of the words are skipped.
            r"\b(?=[abefilnostwyELNOTMWFS\d])(?:"
            r"(?:(?P<edge>(?i:earlier|later))\s+)?(?P<rel>(?i:last|next|this))\s+(?P<unit>year|month)\b"
            # "the year" of "by the end of the year" ("by the end of" is the bound's)
            r"|(?:(?<=\bby the end of )|(?<=\buntil the end of )|(?<=\bbefore the end of ))(?P<end>the)\s+year\b"
            r"|the\s+year['’]s\s+end\b"
            rf"|(?P<count>{_COUNT_WORDS}|\d{{1,2}})\s+"
            r"(?P<ago>years?|decades?|months?)\s+ago\b"
            r"|(?P<near>yesterday|tomorrow)\b"
            r"|(?:(?P<which>(?i:last|next|this|on))\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b)",
        ),
    ),
]
_DAY_PATTERNS = [(kind, pattern) for kind, pattern in _PATTERNS if kind == "day"]
_JOINING = r"and|to|through|until|till|-|–|—"
_JOIN = re.compile(rf"^\s*(?:{_JOINING})\s*$")

# Clauses, as far as patterns can tell them: punctuation, "that" and the words that open
# a subordinate clause. Such a word right before a date is the date's preposition
# ("until Friday", "after late on Sunday"), not the start of a clause.
SUBORDINATORS = frozenset(
    {"after", "since", "before", "until", "till", "following", "when", "while", "because", "although", "though"}
    | {"once", "which", "who", "whose", "where", "if", "unless"}
)
_CLAUSE_OPENER = re.compile(r"[,;:()—–]|\s-\s|\b(?:that|%s)\b" % "|".join(sorted(SUBORDINATORS)), re.IGNORECASE)
_ONLY_PREPOSITIONS = re.compile(r"\s*(?:(?:on|late|early|the|this|of|as|by|from|in)\s+)*$", re.IGNORECASE)
# Words that put a bare weekday in the future, and those that put it in a past future.
# "next", "upcoming" and "scheduled" count only with a present "is" or "are" after them
# ("the next round of talks is on Friday"), or "scheduled" with "to" or a "for" a few
# words on ("scheduled a news conference for Monday"): alone they qualify a noun of any
# tense ("scheduled talks collapsed", "the next day the port closed").
_SCHEDULED = r"scheduled(?:\s+to|\s+(?:[\w'’-]+\s+){0,8}?for)"
_FUTURE = re.compile(
    r"\b(?:will|shall|would|(?:is|are|am)\s+(?:(?:due|set|going|expected|scheduled|planned)\s+)?to"
    r"|(?:is|are)\s+(?:due|scheduled|expected|planned)|plans?\s+to|planning\s+to|intends?\s+to"
    rf"|{_SCHEDULED}|(?:next|upcoming|scheduled)\s+(?:[\w'’-]+\s+){{0,6}}?(?:is|are)"
    # a timetable's present: "the trial resumes Wednesday", "the new law takes effect Monday"
    r"|(?:resumes|begins|starts|opens|reopens|convenes|arrives|departs|expires|takes\s+effect|kicks\s+off)"
    # an arrangement: "which is hosting a convention on Saturday" (each of the 7 in the
    # bench data is one; "police are investigating a shooting Sunday" would not be)
    r"|(?:is|are|am)\s+(?:[a-z]+ly\s+)?(?!(?:no|some|any|every)thing\b|during\b)[a-z]+ing)\b|['’]ll\b",
    re.IGNORECASE,
)
# A possibility has no day: "could reopen on Thursday" may mean any Thursday ("could
# have" looks back, and its past verb decides). Lower case: "May" is a month.
_MAYBE = re.compile(r"\b(?:[Cc]ould|[Mm]ight|may)\b(?!\s+(?:not\s+)?have\b)")
# Each reaches to the end of a future inside it ("had been scheduled for" holds
# "scheduled for"): of two marks that end together the longer one decides.
_PAST_FUTURE = re.compile(
    r"\b(?:(?:was|were)\s+(?:(?:due|set|going|expected|scheduled|planned|supposed)\s+)?to"
    rf"|(?:was|were|had)\s+(?:been\s+)?(?:{_SCHEDULED}|scheduled)"
    r"|(?:was|were|had\s+been)\s+(?:due|expected|planned|set)|had\s+planned|would\s+have)\b",
    re.IGNORECASE,
)
# A verb in the past: lower case, since a capitalised "-ed" word is a name or opens the
# sentence as an adjective ("Armed men", "Ahmed"); not "-eed" ("will proceed", "need").
_PAST_VERB = re.compile(
    r"(?<![\w-])(?!(?:scheduled|expected|planned|hundred)\b)[a-z]+(?<!e)ed\b|\b(?:said|told|began|met|held|"
    r"took|made|gave|came|went|fell|rose|struck|left|won|lost|sent|spoke|wrote|broke|kept|did|saw|"
    r"chose|drew|ran|agreed|freed|was|were|had)\b"
)
# After these an "-ed" form is a participle or an adjective, not the clause's past
# ("will be held", "the revised offer", "will remain closed").
_NOT_FINITE_AFTER = re.compile(
    r"\b(?:be|been|being|is|are|am|have|has|having|remain|remains|stay|stays|the|a|an|its|their|his|"
    r"her|our|this|these|those)\s+$",
    re.IGNORECASE,
)
_Tense = Literal["past", "future", "future from the past", "unsure"]

# The word a date hangs on when it bounds a happening rather than dates it: a deadline or
# an end ("until 2027", "before the end of 2030", "by early March") or a start ("since
# 2014", "after late on Sunday"). Modifiers between the word and the date are skipped.
DEADLINE_WORDS = frozenset(
    {"before", "until", "till", "by", "through", "ahead of", "prior to", "no later than", "not later than", "up to"}
)
START_WORDS = frozenset({"since", "after", "following"})
_BOUND_WORD = re.compile(
    r"\b(?P<word>" + "|".join(w.replace(" ", r"\s+") for w in sorted(DEADLINE_WORDS | START_WORDS)) + r")\s+"
    r"(?:(?:late|early|mid|on|the|this)[\s-]+|the\s+(?:end|start|beginning|middle)\s+of\s+|the\s+year\s+)*$",
    re.IGNORECASE,
)


def _month_number(word: str) -> int:
    """1-12 for a month word as the patterns read it ("Oct.", "SEPT", "may")."""
    return _MONTH_NUMBER[word.lower().rstrip(".")]


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
    return _join_ranges(text, _mentions(text, published, _PATTERNS))


def full_dates(text: str) -> Iterator[tuple[int, int, dt.date]]:
    """The dates in ``text`` with a day, a month and a year, where each is written."""
    for mention in _mentions(text, None, _DAY_PATTERNS):
        when = mention.when
        if when is not None and when.month is not None and when.day is not None:
            yield mention.start, mention.end, dt.date(when.year, when.month, when.day)


def says_when(text: str) -> bool:
    """Whether ``text`` gives a date of any kind, placeable or not."""
    return bool(find_dates(text, None))


def bound_word(text: str, start: int) -> str:
    """The deadline or start word a date at ``text[start:]`` hangs on, lower case and
    single-spaced ("until", "ahead of"); "" when it has none (see DEADLINE_WORDS)."""
    m = _bound_match(text, start)
    return " ".join(m["word"].lower().split()) if m else ""


def _bound_match(text: str, start: int) -> re.Match[str] | None:
    return _BOUND_WORD.search(text, max(0, start - 60), start)


def bound_phrase(text: str, start: int, end: int) -> str:
    """``bound_word`` with what it says of the date at ``text[start:end]``: "before the
    end of", "by late", "until mid-"; words that only lead to the date ("on", "the",
    "this") are left out. Put before the date's label ("by mid-" + "2026"), it tells
    what the date bounds."""
    m = _bound_match(text, start)
    if not m:
        return ""
    phrase = _LEADING_ONLY.sub("", text[m.start() : start].lower())
    if _YEARS_END.match(text, start, end):
        phrase += " the end of"  # "by the year's end"
    return " ".join(phrase.split()).replace("- ", "-").replace(" -", "-")


_YEARS_END = re.compile(r"the\s+year['’]s\s+end\b", re.IGNORECASE)
_LEADING_ONLY = re.compile(r"\b(?:the year|on|this|the(?!\s+(?:end|start|beginning|middle)\b))\b")


def clause_before(text: str, end: int, start: int = 0) -> tuple[str, str]:
    """The words of ``text`` before ``end`` in their clause (going back to ``start`` at
    most), and the word or mark that opens that clause, lower case ("" for none):
    "... walked out on Monday after talks collapsed on" -> ("after", " talks collapsed on")."""
    opener, begin = "", start
    for m in _CLAUSE_OPENER.finditer(text, start, end):
        if m.group()[0].isalpha() and _ONLY_PREPOSITIONS.match(text, m.end(), end):
            continue
        opener, begin = m.group().lower(), m.end()
    return opener, text[begin:end]


def _tense(text: str, start: int, end: int, after: int) -> _Tense:
    """The time the clause of the weekday at ``text[start:end]`` speaks of, read from
    its words before the weekday (back to ``after``, the end of the date before it): the
    last word there that marks a tense decides, so a past verb after a future one
    ("workers who plan to strike voted on Monday") is the clause's. When the weekday
    opens its clause ("On Friday, talks will ...") the first such word after it decides."""
    _opener, words = clause_before(text, start, after)
    if not _ONLY_PREPOSITIONS.match(words):
        return _tense_of(_last_marker(words))
    following = _CLAUSE_OPENER.search(text, end + 1)  # past the comma of "On Friday, "
    words = text[end : following.start() if following else len(text)]
    return _tense_of(min(_markers(words), key=lambda m: (m[0], -m[1]), default=None))


def _last_marker(words: str) -> tuple[int, int, _Tense] | None:
    """The last word of ``words`` that marks a tense, if any."""
    return max(_markers(words), key=lambda m: (m[1], -m[0]), default=None)


def _markers(words: str) -> Iterator[tuple[int, int, _Tense]]:
    """Where ``words`` mark a tense: each span and the tense it marks."""
    for m in _FUTURE.finditer(words):
        # "would" is the future of a past moment: "said on Thursday that they would meet on Friday".
        yield m.start(), m.end(), "future from the past" if m.group().lower() == "would" else "future"
    for m in _PAST_FUTURE.finditer(words):
        yield m.start(), m.end(), "unsure"
    for m in _MAYBE.finditer(words):
        yield m.start(), m.end(), "unsure"  # "the earliest that could happen is Thursday"
    for m in _PAST_VERB.finditer(words):
        if not _NOT_FINITE_AFTER.search(words, 0, m.start()):
            yield m.start(), m.end(), "past"


def _tense_of(marker: tuple[int, int, _Tense] | None) -> _Tense:
    return "past" if marker is None else marker[2]


def _mentions(
    text: str, published: dt.date | None, patterns: Sequence[tuple[Kind, re.Pattern[str]]]
) -> list[DateMention]:
    """The patterns' matches in order, each span taken by the first pattern that reads it."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in patterns:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            if kind == "year" and (
                _QUANTITY_BEFORE.search(text, max(0, m.start() - 30), m.start())
                or _LABEL_BEFORE.search(text, max(0, m.start() - 12), m.start())
                or (_LABEL_AFTER.match(text, m.end()) and not _OPENS_AT.match(text, 0, m.start()))
                or _in_name(text, m.start(), m.end())
            ):
                continue
            if kind == "relative" and m["weekday"] and _weekday_in_name(text, m):
                when = None
            elif kind == "relative" and m["rel"] and _THE_BEFORE.search(text, max(0, m.start() - 5), m.start()):
                when = None  # "the next year": the year after one the story told of
            elif kind == "relative" and m["weekday"] and published is not None:
                when = _weekday(text, m, published, found)
            else:
                when = _value(kind, m, published)
            taken.append((m.start(), m.end()))
            found.append(DateMention(m.start(), m.end(), when))
    found.sort(key=lambda d: d.start)
    return found


def _value(kind: Kind, m: re.Match[str], published: dt.date | None) -> When | None:
    g = m.groupdict()
    if kind == "month-day":
        return None
    if kind != "relative":
        year = int(g["year"])
        month = _month_number(g["month"]) if g.get("month") else int(g["nmonth"]) if g.get("nmonth") else None
        day = int(g["day"]) if g.get("day") else None
        if g.get("first"):
            first, second = int(g["first"]), int(g["second"])
            month, day = (first, second) if first <= 12 else (second, first)
        if month is not None and day is not None and not _valid(year, month, day):
            return None
        return When(year, month, day)
    if published is None:
        return None
    return _relative(g, published)


def _relative(g: dict[str, str | None], published: dt.date) -> When | None:
    year, month = published.year, published.month
    if g.get("rel"):
        step = {"last": -1, "next": 1, "this": 0}[str(g["rel"]).lower()]
        if g["unit"] == "year":
            return When(year + step)
        index = year * 12 + (month - 1) + step
        return When(index // 12, index % 12 + 1)
    if g.get("ago"):
        word = str(g["count"]).lower()
        count = int(word) if word.isdigit() else NUMBER_WORDS[word]
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
        return When.on(day)
    return When(year)  # "by the end of this year", "the year's end"


_PAIRED = re.compile(rf",?\s*(?:{_JOINING}|or)\s*(?:on\s+)?$")  # ends where the weekday after it starts
_WEEKDAY_WORD = re.compile(r"(?:on\s+)?(?:%s)" % "|".join(WEEKDAYS), re.IGNORECASE)


def _weekday(text: str, m: re.Match[str], published: dt.date, found: Sequence[DateMention]) -> When | None:
    """A weekday, placed in the week its clause speaks of. ``found`` holds every date
    before it (absolute dates are read first, relative ones left to right): the last of
    them bounds its clause, and a day among them may be the moment a "would" looks
    forward from."""
    target = WEEKDAYS.index(m["weekday"])
    if (told := _DATE_AFTER_WEEKDAY.match(text, m.end())) is not None:
        # "Friday night (May 21)", "Friday, May 14": the date says which one, if it
        # falls on that weekday in the year around publication.
        month, number = _month_number(told["month"]), int(told["day"])
        for year in (published.year, published.year - 1, published.year + 1):
            if _valid(year, month, number) and dt.date(year, month, number).weekday() == target:
                return When(year, month, number)
    which = (m["which"] or "").lower()
    if not which and (target - published.weekday()) % 7 == 1 and (owned := _OWNED.match(text, m.end())):
        # A day's event named the day before it ("Thursday's anniversary", "the run-up
        # to Sunday's elections") is the coming one: six days on, a writer says "last
        # Thursday's" or "last week's". Unless it is told as past, after it ("Before
        # Tuesday's show started", in a review of Monday) or before it in its clause
        # ("Police arrested three men after Tuesday's bombing"), where the clause does
        # not look ahead to it ("campaigned hard ahead of Tuesday's vote").
        _opener, words = clause_before(text, m.start())
        words = words[max((r.end() for r in _REPORTED.finditer(words)), default=0) :]  # "He said he's heard ..."
        marker = _last_marker(words)
        told_past = marker is not None and marker[2] == "past" and not _AHEAD.search(words)
        if not told_past and not _PAST_VERB.search(owned["told"]):
            return When.on(published + dt.timedelta(days=1))
    if which == "next":
        day = published + dt.timedelta(days=(target - published.weekday()) % 7 or 7)
        return When.on(day)
    before = [d for d in found if d.end <= m.start()]
    last = max(before, key=lambda d: d.end, default=None)
    start = m.start()
    if last is not None and _PAIRED.match(text, last.end, start) and _WEEKDAY_WORD.fullmatch(text, last.start, last.end):
        # "on Saturday and Sunday": the second day is in the tense of the first's clause.
        start = last.start
        last = max((d for d in before if d.end <= start), key=lambda d: d.end, default=None)
    tense = "past" if which == "last" else _tense(text, start, m.end(), last.end if last else 0)
    if tense == "unsure":
        return None
    if tense == "past":  # news gives the past week's days bare, "last Monday" likewise
        delta = (published.weekday() - target) % 7 or (7 if which == "last" else 0)
        day = published - dt.timedelta(days=delta)
        return When.on(day)
    # The coming one, on or after the day the sentence looks forward from: publication,
    # or for a "would" the day its sentence gave before it ("said on Thursday that ...").
    since = published
    if tense == "future from the past":
        days = [d.when for d in before if d.when is not None and d.when.day is not None]
        said = [dt.date(w.year, w.month or 1, w.day or 1) for w in days]
        since = max((d for d in said if d <= published), default=published)
    day = since + dt.timedelta(days=(target - since.weekday()) % 7)
    return When.on(day)


# A reporting verb, after which the clause reported starts: "He said he's heard ...".
_REPORTED = re.compile(rf"\b(?:{'|'.join(sorted(REPORTING_WORDS))}|tells)\b", re.IGNORECASE)
# What a clause looks ahead to: "in the run-up to Sunday's elections", or puts off or
# plans ("Organizers postponed Tuesday's concert"; the day after publication it is
# the coming one).
_AHEAD = re.compile(
    r"\b(?:ahead\s+of|run-?up\s+to|before|prior\s+to|for|until|till|toward|towards|awaiting"
    r"|postponed|delayed|cancell?ed|called\s+off|rescheduled|scrapped|suspended|boycotted|scheduled|planned)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A weekday's possessive and what its clause goes on to say of it, to the next mark.
_OWNED = re.compile(r"['’]s\s(?P<told>[^,;:.!?()_—–]{0,60})")
_DATE_AFTER_WEEKDAY = re.compile(
    rf"(?:\s+(?:morning|afternoon|evening|night))?\s*(?:,|\()\s*{_M}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


# A range's end written short after its start: a day after a day ("from November 2 to
# 13"), a year's last two digits after a year ("from 1988 to 92", "1997-98").
_SHORT_END = re.compile(rf"\s*(?:{_JOINING})\s*'?(\d{{1,2}})(?!\d|[.,]\d|\s*(?:%|percent\b|per\s?cent\b))")
_LAST_NUMBER = re.compile(r"(?<![\d,.])(\d{1,2}|\d{4})$")


def _short_end(text: str, mention: DateMention) -> DateMention:
    """The mention with the short end of its range, if one follows it."""
    after = _SHORT_END.match(text, mention.end)
    last = _LAST_NUMBER.search(text, mention.start, mention.end)
    if after is None or last is None:
        return mention
    number, start = int(after[1]), int(last[1])
    when = mention.when
    if len(last[1]) == 4 and len(after[1]) == 2 and start % 100 < number:
        until = When(start - start % 100 + number) if when is not None else None
    elif len(last[1]) <= 2 and start < number <= 31:
        valid = when is not None and when.month is not None and _valid(when.year, when.month, number)
        until = When(when.year, when.month, number) if valid and when is not None else None
    else:
        return mention
    return DateMention(mention.start, after.end(), when, until)


def _join_ranges(text: str, mentions: list[DateMention]) -> list[DateMention]:
    mentions = [_short_end(text, m) if m.until is None else m for m in mentions]
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
