"""Where sources disagree: what is one, and what only looks like one (a deadline, an
offer against a demand, the last strike against this one, a count that rose), on
small articles written here and on a made-up port-strike corpus (tests/data/port)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from briefing import conflicts
from briefing.api import load_articles
from briefing.conflicts import find_discrepancies
from briefing.figures import read_corpus
from briefing.models import Article, Discrepancy
from briefing.segment import segment_all
from briefing.select import Index
from builders import make_article

DAY = dt.date(2025, 3, 4)


def disagreements(*articles: Article, every_sentence: bool = True) -> tuple[Discrepancy, ...]:
    index = Index(segment_all(articles))
    # An article written here is read whole: an empty answer is never for want of a
    # sentence (too short ones are left out of the analyst sections).
    assert all(index.quality > 0) or not every_sentence
    return find_discrepancies(index, articles, read_corpus(index, articles))


def article(body: str, title: str = "Port strike", published: dt.date = DAY) -> Article:
    return make_article(f"{title}\n\n{body}\n", published=published)


def sides(d: Discrepancy) -> list[tuple[str, list[int]]]:
    """Each side's value and the sources it cites."""
    return [(c.says, [x.source for x in c.citations]) for c in d.claims]


# --- the port-strike corpus ---------------------------------------------------------------


@pytest.fixture(scope="module")
def port(request: pytest.FixtureRequest) -> list[Article]:
    return load_articles([Path(request.path).parent / "data" / "port"])


def test_the_port_corpus_shows_only_the_strikers_count(port: list[Article]):
    """Before: "Date of the job" (a walk-out, a guarantee until 2027 and a deadline of
    2030), "pay rise" twice (offer against demand), "Date of the strike" (the last
    strike against this one), "Number of ships" (35, then "has risen to 41"); the
    union's 4,500 against the authority's 4,200 was missed."""
    [strikers] = disagreements(*port, every_sentence=False)
    assert strikers.about == "Number of members"
    assert [c.says for c in strikers.claims] == ["4,500", "about 4,200"]
    assert strikers.claims[0].text.startswith("The union says")
    assert strikers.claims[1].text == "The authority puts the figure at about 4,200."


def test_two_of_the_port_articles_show_only_the_strikers_count(port: list[Article]):
    walkout, _second_day, demands, _talks = port
    assert [d.about for d in disagreements(walkout, demands, every_sentence=False)] == ["Number of members"]


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bodies",
    [
        pytest.param(
            [
                "About 4,200 dock workers walked off the job on March 3, 2025, after talks collapsed.",
                "The authority offered a 6% rise and a job guarantee until 2027.",
                "The union wants a promise that no docker will lose a job to automation before 2030.",
            ],
            id="a walk-out, a guarantee until 2027, a deadline of 2030",
        ),
        pytest.param(
            [
                "The terminal, finished before 2027 under the plan, will double the port's capacity.",
                "The terminal, finished in 2024, has doubled the port's capacity.",
            ],
            id="a bound and a date within it",
        ),
        pytest.param(
            [
                "Dock workers walked off the job on March 3, 2025.",
                "Quinn took the job in 2019 and has led the union since.",
            ],
            id="a shared noun alone",
        ),
        pytest.param(
            [
                "The last strike at Portmere, in 2019, lasted eleven days and cost the port dearly.",
                "Talks resume on Friday, the first since the strike began on March 3, 2025.",
            ],
            id="the last strike and this one",
        ),
        pytest.param(
            [
                "The last strike by the Harbour Workers Union at Portmere, in 2019, shut the terminal for 11 days.",
                "The strike by the Harbour Workers Union at Portmere, in March 2025, has shut the terminal.",
            ],
            id="the last strike and this one, told alike",
        ),
        pytest.param(
            [
                "The 2019 strike at the port lasted eleven days and cost the economy dearly.",
                "The 2025 strike at the port has already lasted four days, the union said.",
            ],
            id="two dates used as names",
        ),
    ],
)
def test_dates_of_different_things_do_not_disagree(bodies: list[str]):
    assert disagreements(*(article(body, f"Report {k}") for k, body in enumerate(bodies))) == ()


def test_dates_resolved_from_each_article_are_left_out():
    """The same wire story, reprinted a week later: its "Friday" is another day."""
    text = "Dockers walked out of the terminal on Friday night, the union said."
    first, reprint = article(text, published=dt.date(2025, 3, 1)), article(text, "Reprint", dt.date(2025, 3, 8))
    assert disagreements(first, reprint) == ()


def test_two_sources_dating_one_thing_apart_disagree():
    a = article("The terminal, opened in 1998, handles most of the port's containers.")
    b = article("The terminal was opened in 2001 by the then transport minister.", "History")
    [d] = disagreements(a, b)
    assert d.about == "Date of the terminal"
    assert sides(d) == [("1998", [1]), ("2001", [2])]


def test_a_source_never_stands_on_two_sides():
    """Source 1 dates the agreement two ways; it stays on the side where it stands
    alone, and the other source's side does not cite it."""
    a = article(
        "The 2022 agreement between the two governments set out the withdrawal. "
        "The drawdown stems from an agreement reached in September 2024."
    )
    b = article("The plan follows an agreement reached between the two governments in September 2024.", "Plan")
    [d] = disagreements(a, b)
    assert sides(d) == [("2022", [1]), ("September 2024", [2])]


# --- counts --------------------------------------------------------------------------------


def test_a_count_that_rose_is_not_a_disagreement():
    tuesday = article("The authority said 35 ships were waiting to berth.", published=dt.date(2025, 3, 4))
    thursday = article("The authority said 41 ships were waiting after the queue grew.", "Queue", dt.date(2025, 3, 6))
    assert disagreements(tuesday, thursday) == ()
    before = article("The port authority said 35 ships were waiting to berth.", published=dt.date(2025, 3, 4))
    after = article(
        "The number of ships waiting outside the port has risen to 41, according to the authority.",
        "Queue grows",
        dt.date(2025, 3, 6),
    )
    assert disagreements(before, after) == ()
    same_day = article("The authority said 41 ships were waiting to berth, up from 35 on Monday.", "Queue")
    assert disagreements(article("The authority said 35 ships were waiting to berth."), same_day) == ()


def test_counts_said_to_be_current_on_different_days_do_not_disagree():
    tuesday = article("The authority said 35 ships were now waiting to berth.", published=dt.date(2025, 3, 4))
    thursday = article("The authority said 41 ships were now waiting to berth.", "Queue", dt.date(2025, 3, 6))
    assert disagreements(tuesday, thursday) == ()
    # The same day, they do.
    [d] = disagreements(tuesday, article("The authority said 41 ships were now waiting to berth.", "Queue"))
    assert d.about == "Number of ships"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(
            "The union has rejected the authority's offer of a 6% pay rise for all dock workers.",
            "The union is demanding a 9% pay rise for all dock workers, its leader said.",
            id="an offer and a demand",
        ),
        pytest.param(
            "In 2019 the port employed 3,000 dock workers, the authority said.",
            "The port employs 4,200 dock workers, the authority said.",
            id="then and now",
        ),
        pytest.param(
            "Cranes at the port unload 3,000 containers every day, the authority said.",
            "Cranes at the port unload about 1 million containers every year, the authority said.",
            id="a day and a year",
        ),
        pytest.param(
            "Police said 12 dockers were arrested at the gates on Monday.",
            "Police said 300 dockers marched to the town hall on Monday.",
            id="two happenings",
        ),
        pytest.param(
            "Only 2 percent of the port's workforce is female, the union said.",
            "Only 2.3 percent of the port's workforce is female, the union said.",
            id="a round figure and what rounds to it",
        ),
        pytest.param(
            "Police said 4,500 people joined the march through the town on Monday.",
            "Police said 4,520 people joined the march through the town on Monday.",
            id="a figure of two significant digits and what rounds to it",
        ),
    ],
)
def test_counts_that_differ_for_a_reason_do_not_disagree(first: str, second: str):
    assert disagreements(article(first), article(second, "Another view")) == ()


def test_the_same_count_given_two_ways_is_one_disagreement_citing_every_source():
    a = article("Police said 12 dockers were arrested at the gates on Monday.")
    b = article("Police said 20 dockers were arrested at the gates on Monday.", "Arrests")
    c = article("Police said 20 dockers were arrested at the gates on Monday night.", "Night")
    [d] = disagreements(a, b, c)
    assert d.about == "Number of dockers"
    assert sides(d) == [("12", [1]), ("20", [2, 3])]


def test_no_subject_is_given_twice():
    """One source keeps the number back, two others give it two ways: both kinds of
    disagreement are about the "Number of staff", and the memo gives it once, every
    side shown."""
    silent = article("The ministry has not disclosed the numbers of staff leaving the agency this year.")
    cut = article("The agency will cut 900 staff by the summer, a ministry spokesman said.", "Cuts")
    fewer = article("The agency will cut 650 staff by the summer, the ministry said on Tuesday.", "Fewer cuts")
    [d] = disagreements(silent, cut, fewer)
    assert d.about == "Number of staff"
    assert sides(d) == [("not disclosed", [1]), ("900", [2]), ("650", [3])]


def test_a_count_given_years_after_a_silence_answers_nothing():
    # From a health corpus: a doctor in 1996 "did not disclose the number of cases of
    # heart attacks"; a report in 2000 gives malaria cases.
    silent = article(
        "The doctor did not disclose the specific number of cases of heart attacks at the hospital.",
        "Heart", dt.date(1996, 1, 24),
    )
    later = article("Over 5,000 cases of malaria have been handled at the hospital this year.", "Malaria", dt.date(2000, 3, 2))
    assert not disagreements(silent, later)
    assert [d.about for d in disagreements(silent, article(later.text, "Malaria", dt.date(1996, 1, 25)))] == [
        "Number of cases"
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("10", "14"),
        ("20", "25"),
        ("100", "140"),
        ("2,000", "2,500"),
        ("10", "20"),
        ("450", "460"),  # rounded to the ten, but half up: 455 is 460's alone
    ],
)
def test_round_figures_of_one_significant_digit_are_taken_as_written(first: str, second: str):
    """Read as rounded to its last non-zero digit, "10 people were killed" allowed 14,
    and 2,000 allowed 2,500: the counts a memo most needs to set apart."""
    police = article(f"Police said {first} people were killed in the blast at the market on Monday morning.")
    officials = f"Officials said {second} people were killed in the blast at the market on Monday morning."
    [d] = disagreements(police, article(officials, "Blast"))
    assert sides(d) == [(first, [1]), (second, [2])]


def test_a_count_that_leaves_its_noun_to_the_one_before_disagrees():
    """Two same-day wire stories on one federal report: 'roughly 3,900' counts the
    students of the figure before it, and a count 'roughly' 13% away is another."""
    nyt = article(
        "As many as 5,700 students in 1996-97 and roughly 3,900 in 1997-98 were expelled for bringing a "
        "firearm to school, the Education Department reported.",
        "Gun expulsions",
    )
    ap = article(
        "He cited a new Education Department report showing that a total of 3,390 students were expelled for "
        "bringing firearms to school during the 1997-1998 school year.",
        "Riley",
    )
    [d] = disagreements(nyt, ap)
    assert d.about == "Number of students"
    assert sides(d) == [("roughly 3,900", [1]), ("3,390", [2])]


def test_two_counts_of_one_thing_are_two_disagreements():
    """The killed and the injured are both counts of people; each is its own
    disagreement, named by what is told of the people."""
    police = article(
        "Police said 12 people were killed in the blast at the market on Monday morning. "
        "Police said 47 people were injured in the blast at the market on Monday morning."
    )
    officials = article(
        "Officials said 31 people were killed in the blast at the market on Monday morning. "
        "Officials said 93 people were injured in the blast at the market on Monday morning.",
        "Blast",
    )
    found = {d.about: sides(d) for d in disagreements(police, officials)}
    assert found == {
        "Number of people killed": [("12", [1]), ("31", [2])],
        "Number of people injured": [("47", [1]), ("93", [2])],
    }


# --- one speaker against another ---------------------------------------------------------


def test_one_speakers_count_against_anothers_in_one_article():
    [d] = disagreements(
        article("The union says 4,500 members are on strike. The authority puts the figure at about 4,200.")
    )
    assert d.about == "Number of members"
    assert sides(d) == [("4,500", [1]), ("about 4,200", [1])]


@pytest.mark.parametrize(
    "body",
    [
        # the same speaker, correcting itself
        "The union says 4,500 members are on strike. The union puts the figure at about 4,600.",
        # no speaker for the first count
        "Some 4,500 members of the union are on strike. The authority puts the figure at about 4,200.",
        # another count altogether
        "The union says 4,500 members are on strike. The authority puts the ship count at 41.",
    ],
)
def test_a_count_that_answers_no_other_speakers_count(body: str):
    assert disagreements(article(body)) == ()


def test_a_qualified_count_that_allows_the_other_speakers_is_no_disagreement():
    """"About 4,500" allows 4,400: the authority's figure answers the union's without
    contradicting it."""
    body = "The union says about 4,500 members are on strike. The authority puts the figure at 4,400."
    assert disagreements(article(body)) == ()


def test_a_long_run_of_underscores_does_not_stall_the_speaker_patterns():
    """Markdown emphasis is blanked out before the speaker patterns run; 1,600
    underscores took a build 46 s (each figure's clause tried at every start and every
    split of the run) instead of under one."""
    body = (
        "The union says 4,500 members are on strike at the port on Monday. "
        f"The authority puts the blame on 3 unions {'_' * 1600} and 12 workers left the port."
    )
    started = time.perf_counter()
    disagreements(article(body), every_sentence=False)
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    "clause",
    [
        pytest.param(("the union" + " " * 40) * 200, id="runs of spaces"),
        pytest.param("the union " * 1000, id="one speaker named again and again"),
        pytest.param("the union says" + " " * 10_000, id="a verb, then a run of spaces"),
    ],
)
def test_the_speaker_patterns_take_linear_time(clause: str):
    """10,000 characters that almost name a speaker: the old patterns, searched at
    every start of a clause with a lazy speaker and a run of spaces, took minutes."""
    text = f"{clause}4,500 members are on strike, {clause}"
    started = time.perf_counter()
    conflicts._speaker(text, len(clause), len(clause) + 5)
    conflicts._clause(conflicts._PUT_AT, text, len(clause))
    assert time.perf_counter() - started < 1


# --- one sentence, two figures ------------------------------------------------------------

STUDY = "A 2022 engineering study estimated that replacing the east side's cast-iron mains would cost {}."


PARALLEL = "A 2022 engineering study estimated that it would cost {} to replace the east side's cast-iron mains."


def test_two_sources_telling_one_sentence_with_two_figures_disagree():
    # "it would cost $48 million": the figure does not say what it counts; the words
    # around it are the same, so the words before it name the disagreement.
    a = article(PARALLEL.format("$48 million"), "Pipes")
    b = article(PARALLEL.format("$52 million"), "Mains")
    [d] = disagreements(a, b)
    assert sides(d) == [("$48 million", [1]), ("$52 million", [2])]
    assert "that it would cost" in d.about


def test_two_prices_of_one_thing_in_other_words_disagree():
    a = article(STUDY.format("$48 million"), "Pipes")
    b = article("A 2022 engineering study put the cost of replacing those mains at $52 million.", "Mains")
    [d] = disagreements(a, b)
    assert sides(d) == [("$48 million", [1]), ("$52 million", [2])]
    assert d.about == "Cost of replacing the east side's cast-iron mains"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(STUDY.format("$48 million"), STUDY.format("about $50 million"), id="a qualifier allows it"),
        pytest.param(STUDY.format("$48 million"), STUDY.format("$48 million"), id="the same figure"),
        pytest.param(
            STUDY.format("$48 million"),
            "A 2022 study estimated that the new treatment plant would cost $52 million.",
            id="two things",
        ),
        pytest.param(
            STUDY.format("$48 million"),
            "The cost of replacing the east side's cast-iron mains has risen to $52 million.",
            id="a change",
        ),
        pytest.param(
            STUDY.format("$48 million"),
            "The city put the cost of repairing the broken main at $200,000.",
            id="the price of another thing done to it",
        ),
    ],
)
def test_parallel_sentences_that_do_not_disagree(first: str, second: str):
    assert disagreements(article(first, "Pipes"), article(second, "Mains")) == ()


def test_parallel_sentences_a_month_apart_do_not_disagree():
    later = article(STUDY.format("$52 million"), "Mains", published=DAY + dt.timedelta(days=30))
    assert disagreements(article(STUDY.format("$48 million"), "Pipes"), later) == ()


# --- a person's age -----------------------------------------------------------------------


def test_two_sources_giving_one_person_two_ages_at_one_time_disagree():
    killing = article("The inquiry looked into the 1993 killing of 17-year-old Stephen Lawrence at a bus stop.")
    stabbed = article(
        "Stephen Lawrence, 18, was stabbed to death at a bus stop in south London in 1993.",
        published=DAY + dt.timedelta(days=400),  # both date his age: 1993
    )
    murder = article("The murder of Lawrence, 18, in 1993 has put police under pressure again.")  # his surname alone
    [age] = disagreements(killing, stabbed, murder)
    assert age.about == "Stephen Lawrence’s age"
    assert sides(age) == [("17", [1]), ("18", [2, 3])]
    assert age.claims[1].text.startswith("Stephen Lawrence, 18,")  # the side's sentence that stands alone
    # With his father named too, "Lawrence" alone is either of them.
    father = article("Neville Lawrence, his father, said the police had failed his son.")
    [age] = disagreements(killing, stabbed, murder, father)
    assert sides(age) == [("17", [1]), ("18", [2])]
    # Undated ages: the articles' own days, within a week.
    charged = article("Aaron McKinney, 22, was charged with attempted murder on Friday night.")
    arraigned = article("At the courthouse, Aaron McKinney, 25, was arraigned on charges of kidnapping.")
    assert sides(disagreements(charged, arraigned)[0]) == [("22", [1]), ("25", [2])]


@pytest.mark.parametrize(
    "first, second, published",
    [
        ("Nelson Mandela, 81, received the award in Johannesburg.", "Nelson Mandela, 83, met the prime minister.", DAY + dt.timedelta(days=400)),
        # A birthday may lie between two undated ages a year apart.
        ("Augusto Pinochet, 82, was arrested in a London clinic.", "Augusto Pinochet, 83, stays under guard in the clinic.", DAY),
        # An age at another time.
        ("In 1990, 19-year-old Pete Sampras won the US Open title.", "Pete Sampras, 27, lost in the second round.", DAY),
        # Capitalised words that qualify a noun, and a place, name nobody.
        ("A 45-year-old New York man was arrested at the airport.", "A 30-year-old New York woman was hurt at the airport.", DAY),
        ("Joe Doe of Trenton, New Jersey, 82, died.", "Ann Roe, who lives in New Jersey, 61, said so.", DAY),
        ("Nelson Mandela, 81, received the award in Johannesburg.", "Nelson Mandela, 81, met the prime minister.", DAY),
    ],
)
def test_ages_that_do_not_disagree(first: str, second: str, published: dt.date):
    assert disagreements(article(first), article(second, published=published)) == ()


def test_what_gives_a_persons_age():
    assert list(conflicts._ages("Stephen Lawrence, an 18-year-old Londoner, was killed.")) == [("Stephen Lawrence", 18)]
    assert list(conflicts._ages("When Stephen Lawrence, 18, was killed, nobody came.")) == [("Stephen Lawrence", 18)]
    assert list(conflicts._ages("Police said 17-year-old Jo Smith and Ann Lee, 19, were held.")) == [
        ("Jo Smith", 17),
        ("Ann Lee", 19),
    ]
    # No name: a place or a day before the number, a number that is a count.
    assert list(conflicts._ages("In London, 18, or perhaps more, officers joined.")) == []
    assert list(conflicts._ages("On Monday, 25, police said, were held.")) == []
    assert list(conflicts._ages("Stephen Lawrence, 18 people said, was a student.")) == []
    assert list(conflicts._ages("Democrat John Smith, 4,512 votes, beat him.")) == []
    assert list(conflicts._ages("A 45-year-old New York man was arrested.")) == []
