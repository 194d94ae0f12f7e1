"""briefing.dates: the one reader of written dates, for publication dates, "when"
questions, the timeline and figures alike."""

import datetime as dt

import pytest

from briefing.dates import bound_phrase, bound_word, find_dates, full_dates, says_when
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
        # a year beside a name: the sentence's first word is none
        "In 1990 Congress passed the act.",
        "It began in December 1990 Britain said.",
        "The 1990 Trust said so.",
        "Riots in Brixton in 1981 shook Britain.",
        "Wang was jailed after China's 1989 Tiananmen Square crackdown.",  # a possessor is no name
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
        "More than 2000 troops remain.",
        "It costs $2,025 per unit.",
        # a year inside a name
        "Lee Jasper, director of the group The 1990 Trust, said so.",
        "Visit the Cox News Campaign 2000 Web site.",
        "The office still runs Windows 2000 Server.",
    ],
)
def test_month_words_in_prose_quantities_and_names_do_not(text: str):
    assert not says_when(text)


@pytest.mark.parametrize(
    "text",
    [
        "The mission ends no later than 2027.",  # a deadline, not "more than 2000"
        "Moreover 2014 was a hard year.",  # "over" inside a word qualifies nothing
        "The awesome 2019 season ended early.",
    ],
)
def test_a_year_after_a_word_that_only_looks_like_a_quantity_word_is_a_year(text: str):
    assert says_when(text)


# --- bare weekdays: the past week's, unless their clause speaks of the future ------------

THURSDAY = dt.date(2025, 3, 6)  # the article's publication date


def weekdays(text: str, published: dt.date = THURSDAY) -> list[tuple[str, str | None]]:
    return [(text[d.start : d.end], d.when.iso if d.when else None) for d in find_dates(text, published)]


@pytest.mark.parametrize(
    "text",
    [
        "The union will meet the port authority on Friday.",
        "The two sides are due to meet on Friday.",
        "Talks are to resume Friday in the capital.",
        "The union plans to hold a ballot on Friday.",
        "A vote is scheduled for Friday.",
        "The next round of talks is on Friday.",
        "They'll vote on Friday.",
        "On Friday, the two sides will meet again.",
        "The strike will continue until Friday.",
        # From DUC 2006 (D0610A): a present of what is arranged.
        "The network, which is hosting a home-schooling convention in Sharon on Friday, has 300 members.",
        "The union is holding a meeting for all players in Las Vegas on Friday.",
    ],
)
def test_a_weekday_in_the_future_tense_is_the_coming_one(text: str):
    [(_words, date)] = weekdays(text)
    assert date == "2025-03-07"  # not 28 February, the Friday before publication


WEDNESDAY = dt.date(2025, 3, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Scheduled talks between the two sides collapsed on Friday.", "2025-02-28"),
        ("The upcoming vote was postponed on Monday.", "2025-03-03"),
        # A future in a relative clause is not the main verb's.
        ("Workers who plan to strike voted on Monday.", "2025-03-03"),
        ("The minister who will chair the talks arrived on Friday.", "2025-02-28"),
        ("The minister who will chair the talks was in the capital on Friday.", "2025-02-28"),
    ],
)
def test_a_past_verb_after_a_future_word_is_the_clauses_tense(text: str, expected: str):
    [(_words, date)] = weekdays(text, WEDNESDAY)
    assert date == expected  # not the coming one


def test_the_next_day_is_not_a_future():
    assert weekdays("The strike began on Monday and the next day on Tuesday the port closed.", WEDNESDAY) == [
        ("on Monday", "2025-03-03"),
        ("on Tuesday", "2025-03-04"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Workers who walked out last week will vote on Friday.",
        "The minister who arrived in the capital will chair the talks on Friday.",
        "The union will vote on the revised offer on Friday.",  # an adjective, not a past
        "The talks are expected to be held on Friday.",  # a participle
        "The port will remain closed on Friday.",
        "Talks will proceed on Friday.",
        "The upcoming vote is on Friday.",
        "The union's leader faces a trial scheduled to start on Friday.",
        "The port authority scheduled a news conference on the new rules for Friday.",
    ],
)
def test_a_future_after_a_past_word_stays_the_coming_one(text: str):
    [(_words, date)] = weekdays(text, WEDNESDAY)
    assert date == "2025-03-07"


def test_the_publications_own_weekday_is_that_day_in_either_tense():
    # Wire copy names the day it is filed by its weekday: "voted Thursday", "will vote Thursday".
    assert weekdays("The union will vote Thursday on the offer.") == [("Thursday", "2025-03-06")]
    assert weekdays("The union voted Thursday on the offer.") == [("Thursday", "2025-03-06")]


def test_a_weekday_in_the_past_tense_is_the_past_weeks():
    assert weekdays("About 4,200 dock workers walked off the job on Monday.") == [("on Monday", "2025-03-03")]
    assert weekdays("On Friday, the two sides met again.") == [("On Friday", "2025-02-28")]
    assert weekdays("The union voted on Thursday.") == [("on Thursday", "2025-03-06")]  # the day itself
    assert weekdays("Port workers last Friday rejected the offer.") == [("last Friday", "2025-02-28")]


def test_a_range_whose_end_is_written_short_is_one_date():
    # From the bench data: "Junior Team in 1995 and '96", "from May 1 to 7".
    [d] = find_dates("She played for the junior team in 1995 and '96.", None)
    assert (d.when, d.until) == (When(1995), When(1996))
    text = "The poll surveyed 2,450 people from May 1 to 7."
    [d] = find_dates(text, None)
    assert text[d.start : d.end] == "May 1 to 7"  # a span of days, no figure 7
    [d] = find_dates("He served from 1988 to 92 as governor.", None)
    assert (d.when, d.until) == (When(1988), When(1992))
    [d] = find_dates("The talks run from November 2 to 13.", dt.date(1997, 10, 30))
    assert d.until is None and d.end == len("The talks run from November 2 to 13")
    # Not a count after a year, nor an end before its start.
    assert [d.until for d in find_dates("Crime fell 40 percent in 1998 and 12 in 1999.", None)] == [None, None]
    assert find_dates("The 1998 and 93 figures differ.", None)[0].until is None


def test_a_weekday_given_with_its_date_is_that_day():
    """From a school-violence corpus, published on Thursday 20 May 1999: the date in
    parentheses says which Friday, where "will wear" came too late in the sentence to
    set its tense and the weekday had been put on the Friday before."""
    text = "At graduation Friday night (May 21) at Hobbton High School, Principal Stewart Hobbs will wear a vest."
    [friday] = [d for d in find_dates(text, dt.date(1999, 5, 20)) if text[d.start : d.end] == "Friday"]
    assert friday.when == When(1999, 5, 21)
    assert [d.when for d in find_dates("The board met Friday, May 14, behind closed doors.", dt.date(1999, 5, 20))][
        0
    ] == When(1999, 5, 14)
    # A date that is not that weekday says nothing of it: the tense decides, as before.
    [friday] = [d for d in find_dates("The board met Friday (May 20).", dt.date(1999, 5, 20)) if d.when]
    assert friday.when == When(1999, 5, 14)


def test_a_weekdays_event_named_the_day_before_it_is_the_coming_one():
    """From the bench data: a story of Wednesday 19 April 2000 on the Columbine
    anniversary had put "Thursday's anniversary" on the Thursday before, six days back,
    where a writer says "last Thursday's"."""
    def day(text: str, published: dt.date) -> When | None:
        [d] = [d for d in find_dates(text, published) if "day" in text[d.start : d.end]]
        return d.when

    wednesday = dt.date(2000, 4, 19)
    text = "He said he's heard more from reporters writing about Thursday's anniversary than from parents."
    assert day(text, wednesday) == When(2000, 4, 20)
    saturday = dt.date(1999, 12, 18)
    text = "Russian troops beefed up security in the breakaway republic in the run-up to Sunday's elections."
    assert day(text, saturday) == When(1999, 12, 19)
    text = "Quebecers _ for whom Monday's election is the sixth in six years _ were against another referendum."
    assert day(text, dt.date(1998, 11, 29)) == When(1998, 11, 30)  # "were" is the Quebecers'
    # Told as past, it is the past week's ("Before Tuesday's show started", in a
    # review of Monday 17 May 1999); so is any other day's event.
    text = "Before Tuesday's show started, an agent asked the audience to report any camcorders."
    assert day(text, dt.date(1999, 5, 17)) == When(1999, 5, 11)
    assert day("The police closed the market after Monday's attack.", wednesday) == When(2000, 4, 17)
    # A past verb before it in its clause tells it as past too, unless the day is what
    # the clause looks ahead to ("in the run-up to Sunday's elections", above).
    monday = dt.date(2000, 4, 17)
    for text in (
        "Police arrested three men after Tuesday's bombing.",
        "Twelve people were killed in Tuesday's bombing at a market in Kabul.",
        "Investigators were searching for clues to Tuesday's bombing.",
        "Stocks fell sharply after Tuesday's report on inflation.",
    ):
        assert day(text, monday) == When(2000, 4, 11), text
    text = "The candidates campaigned hard ahead of Tuesday's vote."
    assert day(text, monday) == When(2000, 4, 18)
    # Nor what it puts off or plans (helper-34: these had gone a week back).
    for text in (
        "Organizers postponed Tuesday's concert until next month.",
        "The city cancelled Tuesday's parade because of the storm.",
        "The opposition boycotted Tuesday's talks with the government.",
    ):
        assert day(text, monday) == When(2000, 4, 18), text
    text = "Tuesday's long-delayed vote will go ahead."  # a compound's "-ed" is no verb
    assert day(text, monday) == When(2000, 4, 18)


def test_a_weekday_paired_with_another_takes_its_tense():
    # From DUC 2006 (D0622D), published on a Monday: Thursday had been put on the
    # Thursday before, and the two days were no range.
    giuliani = dt.date(2000, 7, 31)
    text = (
        "Mayor Rudolph Giuliani announced Monday that the city would re-spray all of Staten Island "
        "on Wednesday and Thursday with the pesticide Anvil."
    )
    [_monday, spraying] = find_dates(text, giuliani)
    assert (spraying.when, spraying.until) == (When.on(dt.date(2000, 8, 2)), When.on(dt.date(2000, 8, 3)))
    # In the past, both days are the past week's.
    assert weekdays("The talks were held on Monday and Tuesday.")[0][1] == "2025-03-03"


def test_each_weekday_of_a_sentence_takes_the_tense_of_its_own_clause():
    assert weekdays(
        "Mediators said on Thursday that the port authority and the union would meet on Friday, "
        "the first talks since the strike began on Monday."
    ) == [("on Thursday", "2025-03-06"), ("on Friday", "2025-03-07"), ("on Monday", "2025-03-03")]
    assert weekdays("The union will meet on Friday after talks collapsed late on Sunday night.") == [
        ("on Friday", "2025-03-07"),
        ("on Sunday", "2025-03-02"),
    ]
    assert weekdays("The strike began on Monday and will end on Friday.") == [
        ("on Monday", "2025-03-03"),
        ("on Friday", "2025-03-07"),
    ]


def test_a_would_looks_forward_from_the_day_it_was_said():
    saturday = dt.date(2025, 3, 8)
    said = "Mediators said on Thursday that the two sides would meet on Friday."
    assert weekdays(said, saturday) == [("on Thursday", "2025-03-06"), ("on Friday", "2025-03-07")]
    assert weekdays("Mediators said the two sides would meet on Friday.", saturday) == [("on Friday", "2025-03-14")]


@pytest.mark.parametrize(
    "text",
    [
        "The talks were due to start on Friday.",
        "The vote had been scheduled for Friday.",
        "The ruling coalition had scheduled a rally in the capital on Friday.",
        "He would have signed the deal on Friday.",
        "The earliest that could happen is Friday.",
        "The port could reopen on Friday.",
        "Workers may strike on Friday.",
    ],
)
def test_a_future_seen_from_the_past_or_a_mere_possibility_is_not_placed(text: str):
    # The Friday may have come and gone, or never come: a date, never a guess.
    [(_words, date)] = weekdays(text)
    assert date is None
    assert says_when(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("a guarantee until 2027", "until"),
        ("no job lost before the end of 2030", "before"),
        ("by the year 2010", "by"),
        ("ahead of early March 2025", "ahead of"),
        ("since 2014", "since"),
        ("the 2014 invasion", ""),
        ("in 2019", ""),
    ],
)
def test_the_word_a_date_hangs_on_when_it_bounds_a_happening(text: str, word: str):
    year = next(d for d in find_dates(text, None) if d.when is not None)
    assert bound_word(text, year.start) == word


@pytest.mark.parametrize(
    ("text", "phrase", "label"),
    [
        ("a guarantee until 2027", "until", "2027"),
        ("no job lost before the end of 2030", "before the end of", "2030"),
        ("by the year 2010", "by", "2010"),
        ("the last troops leave by mid-2026.", "by mid-", "2026"),
        ("talks are to be held by the end of this year.", "by the end of", "2025"),
        ("talks are to be held by the end of the year.", "by the end of", "2025"),
        ("talks are to be held by the year's end.", "by the end of", "2025"),
        ("ahead of early March 2025", "ahead of early", "March 2025"),
        ("in Iraq since the 2003 invasion", "since", "2003"),
        ("in 2019", "", "2019"),
    ],
)
def test_a_bound_keeps_what_it_says_of_its_date(text: str, phrase: str, label: str):
    date = next(d for d in find_dates(text, dt.date(2025, 10, 1)) if d.when is not None)
    assert date.when is not None and date.when.label == label
    assert bound_phrase(text, date.start, date.end) == phrase


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Last month the port shut.", "September 2025"),
        ("This year, sales rose.", "2025"),
        ("Next year will tell.", "2026"),
        ("Later this year, talks resume.", "2025"),
        ("Earlier this year, talks broke down.", "2025"),
        ("Work on the quay stopped in mid-2024.", "2024"),
        ("The quay was built twenty years ago.", "c. 2005"),
    ],
)
def test_relative_dates_that_open_a_sentence_and_mid_year(text: str, label: str):
    (date,) = find_dates(text, dt.date(2025, 10, 1))
    assert date.when is not None and date.when.label == label
    if text.startswith(("Later", "Earlier")):  # the edge word is part of the date's span
        assert text[date.start : date.end] == text.split(",")[0]


@pytest.mark.parametrize(
    ("text", "placed"),
    [
        ("Syria is in talks with Europe, The Sunday Times reported.", False),
        ("He told London's Sunday Telegraph he would go.", False),
        ("Lucas even has fun with ``Monday Night Football'' in the film.", False),
        ("The Tuesday Senate vote failed.", True),
        ('"Since Monday we have had no water," she said.', True),
        ("It is expected on Canada's anti-smoking day, ``Weedless Wednesday.''", False),
        ("Critics who see ``Phantom'' Friday night will not matter.", True),
        ("On Tuesday Moscow said no.", True),
        ("The Monday meeting was cancelled.", True),
        ('"Friday was the worst day," he said.', True),
        # A weekday's edition dates the paper, not what it reports: "Wednesday's Journal"
        # in a Tuesday story is the next day's issue, and was put on the Wednesday before.
        ("The study was published in Wednesday's Journal of the American Medical Association.", False),
        ("The plan was first reported in Tuesday's editions of the San Francisco Chronicle.", False),
        ("In Tuesday's Washington Post, the ad displayed a photograph.", False),
        ("Sunday's election was marred by violence.", True),
        ("Tuesday's Times Square rally drew crowds.", True),
        ("Sunday's Washington Post-ABC News poll showed a lead.", True),
        ("It was in Sunday's Daily Mirror.", False),
    ],
)
def test_a_weekday_inside_a_name_dates_nothing(text: str, placed: bool):
    (mention,) = find_dates(text, dt.date(1998, 6, 10))
    assert (mention.when is not None) == placed


@pytest.mark.parametrize(
    "text, expected",
    [
        # From a steroids corpus: a timetable's present tense is the coming day.
        ("The trial for the others resumes Wednesday, but no verdict was expected.", [("Wednesday", "2025-03-12")]),
        ("The ban takes effect Friday.", [("Friday", "2025-03-07")]),
        # From a climate corpus: "the next year" counts from the story's time, not the article's.
        ("When conditions turned drier the next year, the mice sought food in homes.", [("next year", None)]),
        ("Prices will rise next year.", [("next year", "2026")]),
        # A year that a word labels, or a baseline, dates nothing.
        ("Write to Snow Creek Gardens, P.O. Box 2007, Port Townsend.", []),
        ("Flight 1999 landed safely.", []),
        ("Nations agreed to return emissions to 1990 levels by 2000.", [("2000", "2000")]),
        # From the bench data: a graduating class and a car's model year are labels.
        ("Generation X is anyone born before the Class of 2000 just now leaving high school.", []),
        ("While his peers in the class of 2000 were collecting diplomas, he got his degree.", []),
        ("The standard will be phased in, starting with 2004 model year vehicles.", []),
        ("Ford plans a compact sport-utility vehicle for model year 2001.", []),
        ("Ford has installed data recorders in all of its 1999 models.", []),
        ("The recorders are standard on model-year 2001 pickups.", []),
        ("Ford recalled 1999 and 2000 models of the Explorer.", []),
        ("Nations agreed to return emissions to 1990 or 1995 levels.", []),
        ("The Class Of 2000 was the largest yet.", []),
        # A year that opens the sentence after a preposition is a date all the same.
        ("By 2050 models predict that sea levels will rise by a foot.", [("2050", "2050")]),
        ("In 1998 models of the virus showed it could spread quickly.", [("1998", "1998")]),
        ("The cars were recalled in 1999, models and all.", [("1999", "1999")]),
    ],
)
def test_a_timetable_a_story_relative_year_a_label_and_a_baseline(text: str, expected: list):
    assert weekdays(text) == expected
