"""briefing.dates: the one reader of written dates, for publication dates, "when"
questions, the timeline and figures alike."""

import datetime as dt

import pytest

from briefing.dates import find_dates, full_dates, says_when
from briefing.models import When


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("by October 1, 2025", dt.date(2025, 10, 1)),
        ("05. 10. 2025", dt.date(2025, 10, 5)),
        ("05.10.2025", dt.date(2025, 10, 5)),
        ("October 2, 2025", dt.date(2025, 10, 2)),
        ("Oct. 2 2025", dt.date(2025, 10, 2)),
        ("Oct 2, 2025", dt.date(2025, 10, 2)),
        ("Sept 5 2024", dt.date(2024, 9, 5)),
        ("SEPT. 5, 2024", dt.date(2024, 9, 5)),
        ("2 October 2025", dt.date(2025, 10, 2)),
        ("the 2nd of Oct 2025", dt.date(2025, 10, 2)),
        ("Published 2025-10-02", dt.date(2025, 10, 2)),
        ("2025-10-2", dt.date(2025, 10, 2)),
        ("Updated: 2025-10-02T08:30:00Z", dt.date(2025, 10, 2)),
        ("10/05/2025", dt.date(2025, 10, 5)),
        ("25/10/2025", dt.date(2025, 10, 25)),
    ],
)
def test_full_dates_in_every_common_format(text: str, expected: dt.date):
    assert [date for _start, _end, date in full_dates(text)] == [expected]


@pytest.mark.parametrize("text", ["Oct 2, 2025", "Sept 5 2024", "2025-10-2", "10/05/2025"])
def test_publication_dates_and_the_timeline_read_a_date_alike(text: str):
    [(start, end, date)] = list(full_dates(f"Signed on {text}."))
    [mention] = find_dates(f"Signed on {text}.", None)
    assert (mention.start, mention.end) == (start, end)
    assert mention.when == When(date.year, date.month, date.day)


def test_no_full_date_is_guessed():
    assert list(full_dates("in 2014, last year, a decade ago, on Thursday, September 2026")) == []
    assert list(full_dates("February 30, 2025")) == []
    assert list(full_dates("2025-13-01")) == []


def test_abbreviated_months_keep_their_precision():
    span, due = find_dates("It ran from Sept 2024 to Jan 2025; the report is due Dec 3.", None)
    assert (span.when, span.until) == (When(2024, 9), When(2025, 1))
    assert due.when is None  # a month and day without a year: a date, never guessed


@pytest.mark.parametrize(
    "text",
    [
        "The offensive began in March 2024.",
        "Talks resume on Oct. 2.",
        "The vote was held on Thursday.",
        "Troops left last year.",
        "The base opened in 2014.",
    ],
)
def test_a_sentence_that_gives_a_date_says_when(text: str):
    assert says_when(text)


@pytest.mark.parametrize(
    "text",
    [
        "Officials may march on the capital, they said.",  # verbs, not months
        "The general said troops may leave soon.",
        "Some 2000 troops remain.",  # a quantity, not a year
        "It costs $2,025 per unit.",
    ],
)
def test_month_words_in_prose_and_quantities_do_not(text: str):
    assert not says_when(text)
