"""The timeline: each sentence one entry, under the date of what it reports, on a small
corpus of a port strike written here (three days of coverage, one wire dateline)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from briefing.figures import read_corpus
from briefing.models import Article, Event
from briefing.segment import segment_all
from briefing.select import Index
from briefing.timeline import build_timeline, key_events
from builders import make_article

WALKOUT = """Dockers walk out at Portmere as pay talks collapse

By Jane Holloway

PORTMERE, March 3, 2025 — About 4,200 dock workers at the Port of Portmere walked off the job on Monday after talks over pay and automation collapsed late on Sunday night.

The Harbour Workers Union said its members had rejected a final offer of a 6% pay rise over two years.

Shipping analysts warned that more than 30 vessels were already waiting at anchor by Monday afternoon.
"""
SECOND_DAY = """Port strike enters second day as ships queue offshore

March 4, 2025

The strike at the Port of Portmere entered its second day on Tuesday, with around 4,000 dock workers on the picket lines.
"""
TALKS = """Talks to resume in Portmere dispute

6 March 2025

Mediators said on Thursday that the port authority and the Harbour Workers Union would meet on Friday, the first talks since the strike began on Monday.

The number of ships waiting outside the port has risen to 41, according to the authority.

Supermarkets in Portmere ran short of fresh fruit on Wednesday as containers stayed on the quay.
"""
LEAD = "About 4,200 dock workers at the Port of Portmere walked off the job on Monday"
MEDIATORS = "Mediators said on Thursday"


def timeline(*articles: Article) -> tuple[Event, ...]:
    index = Index(segment_all(articles))
    readings = read_corpus(index, articles)
    return build_timeline(index, readings.dated, readings.quantities())


def timeline_of(*texts: str) -> tuple[Event, ...]:
    """The timeline of a corpus of the given texts, in their order."""
    return timeline(*(make_article(t, path=f"{k}.txt") for k, t in enumerate(texts)))


def dates_of(events: tuple[Event, ...], words: str) -> list[str]:
    return [e.when.iso for e in events if words in e.text]


@pytest.fixture
def strike() -> list[Article]:
    return [
        make_article(WALKOUT, path="a1.txt"),
        make_article(SECOND_DAY, path="a2.txt"),
        make_article(TALKS, path="a4.txt"),
    ]


def test_the_corpus_is_dated_as_its_datelines_say(strike):
    # What the tests below rely on: the dates the articles' resolved weekdays start from.
    assert [a.published for a in strike] == [dt.date(2025, 3, 3), dt.date(2025, 3, 4), dt.date(2025, 3, 6)]


def test_a_sentence_with_several_dates_is_one_entry_under_its_main_clauses_date(strike):
    events = timeline(*strike)
    # A dateline (the filing date), "on Monday" (the walkout) and "on Sunday" (the
    # collapse it followed): the walkout's day, once.
    assert dates_of(events, LEAD) == ["2025-03-03"]
    rows = Counter((e.when, e.until, e.text, e.citations) for e in events)
    assert max(rows.values()) == 1
    cited = Counter((c.source, c.start) for e in events for c in e.citations)
    assert max(cited.values()) == 1  # no sentence in two entries either


def test_what_is_said_is_dated_not_when_it_was_said(strike):
    # "said on Thursday" (6 March), "would meet on Friday", "since the strike began on
    # Monday" (3 March): the meeting, the coming Friday.
    assert dates_of(timeline(*strike), MEDIATORS) == ["2025-03-07"]


def test_a_future_weekday_is_never_dated_before_the_article(strike):
    # The mediators' meeting, said on Thursday 6 March to be on Friday: that Friday.
    assert dates_of(timeline(strike[2]), MEDIATORS) == ["2025-03-07"]
    # The strike began on 3 March: nothing in this corpus happened the week before.
    assert all(e.when.key >= (2025, 3, 3) for e in timeline(*strike) if e.when.day)


def test_past_tense_weekdays_are_the_past_weeks(strike):
    events = timeline(*strike)
    assert dates_of(events, "entered its second day on Tuesday") == ["2025-03-04"]
    assert dates_of(events, "by Monday afternoon") == ["2025-03-03"]  # the day of publication
    assert dates_of(events, "ran short of fresh fruit on Wednesday") == ["2025-03-05"]  # the day before


def test_a_wire_datelines_date_dates_nothing():
    story = make_article(
        "Dockers stay out\n\nPORTMERE, March 3, 2025 — Dock workers stayed away from the port.\n\n"
        "The union said the strike would go on.\n",
        path="a.txt",
    )
    assert story.published == dt.date(2025, 3, 3)
    assert timeline(story) == ()


def test_a_chronologys_line_keeps_its_date():
    # Not a dateline: the article's first sentence is another.
    story = make_article(
        "How the Portmere dispute unfolded\n\nMarch 5, 2025\n\n"
        "The dispute over pay and automation at the Port of Portmere has run for more than a year.\n\n"
        "March 3, 2025 — About 4,200 dock workers walk off the job after talks collapse.\n",
        path="a.txt",
    )
    assert dates_of(timeline(story), "dock workers walk off the job") == ["2025-03-03"]


def test_a_future_in_a_side_clause_does_not_move_the_event():
    story = make_article(
        "Minister arrives for port talks\n\nMarch 5, 2025\n\n"
        "The labour minister who will chair the Portmere talks arrived in the city on Monday.\n\n"
        "Dock workers who plan to strike again voted on Tuesday to reject the offer.\n",
        path="a.txt",
    )
    events = timeline(story)
    assert dates_of(events, "arrived in the city on Monday") == ["2025-03-03"]
    assert dates_of(events, "voted on Tuesday") == ["2025-03-04"]


def test_a_date_that_bounds_the_happening_says_so():
    story = make_article(
        "Port deal signed\n\nMarch 5, 2025\n\n"
        "The agreement guarantees that no dock job will be lost before the end of 2027.\n\n"
        "Cranes have been automated at the container terminal since 2019.\n\n"
        "The port authority bought six new cranes in 2019, its annual report shows.\n\n"
        "Container traffic grew in the decade since the 2003 expansion of the quay.\n",
        path="a.txt",
    )
    events = timeline(story)
    bounds = {e.text.split()[1]: (e.bound, e.when.iso) for e in events}
    assert bounds["agreement"] == ("before the end of", "2027")
    assert bounds["have"] == ("since", "2019")
    assert bounds["port"] == (None, "2019")
    # "since the 2003 expansion": the date dates the expansion, a happening.
    assert bounds["traffic"] == (None, "2003")


def test_sources_that_give_one_date_as_a_bound_and_as_a_date_are_one_event():
    deadline = "Mission to end\n\nMarch 5, 2025\n\nThe coalition agreed to end its military mission in Iraq by September 2025.\n"
    horizon = (
        "A year of talks\n\nMarch 6, 2025\n\n"
        "Talks set September 2025 as the deadline for the coalition's military mission in Iraq.\n"
    )
    (event,) = timeline_of(deadline, horizon)
    assert (event.when.iso, len(event.citations)) == ("2025-09", 2)
    assert event.bound is None  # one source gives it as the date of the end
    (alone,) = timeline_of(deadline)
    assert alone.bound == "by"


def test_sources_giving_one_event_different_figures_are_each_cited_for_their_own():
    study = "A 2022 engineering study estimated that replacing the east side's cast-iron mains would cost {}."
    a = make_article(f"Pipes\n\nMarch 15, 2025\n\n{study.format('$48 million')}\n", path="a.txt")
    b = make_article(f"Mains\n\nMarch 15, 2025\n\n{study.format('$52 million')}\n", path="b.txt")
    events = timeline(a, b)
    assert [(e.text.endswith("$48 million."), [c.source for c in e.citations]) for e in events] == [
        (True, [1]),
        (False, [2]),
    ]


def cited_events(*texts: str) -> list[tuple[str, list[int]]]:
    """Each event's date and the sources it cites, from a corpus of the given texts."""
    return [(e.when.iso, [c.source for c in e.citations]) for e in timeline_of(*texts)]


@pytest.mark.parametrize(
    ("texts", "events"),
    [
        # "Flight 990", "Boeing 767" and the date's own "31" and "1999" are no figures
        # that part an event; 217 is.
        (
            (
                "Jet lost\n\nNovember 1, 1999\n\nFlight 990 crashed into the Atlantic on October 31, 1999, "
                "killing 217 people on board, the safety board said.\n",
                "Jet probe\n\nNovember 2, 1999\n\nThe Boeing 767 crashed into the Atlantic on Oct. 31, 1999, "
                "shortly after taking off from New York, the safety board said.\n",
            ),
            [("1999-10-31", [1, 2])],
        ),
        # An event holds only dates that all agree: "in 1999" agrees with both days,
        # which do not agree, so two events, not one.
        (
            (
                "Crash\n\nNovember 1, 1999\n\nThe airline's jet crashed into the ocean on October 31, 1999, "
                "the airline said.\n",
                "Year\n\nDecember 1, 1999\n\nThe airline's jet crashed into the ocean in 1999, the worst loss in "
                "its history.\n",
                "Recorder\n\nNovember 13, 1999\n\nDivers found the airline's jet recorder in the ocean on "
                "November 12, 1999.\n",
            ),
            [("1999-10-31", [1, 2]), ("1999-11-12", [3])],
        ),
        # A year sharing one word with a day's event is not cited for it (from an
        # anti-smoking corpus: a seminar on a Sunday and an airline's ban "this year"
        # share "smoking" and a year, not a happening).
        (
            (
                "Jordan\n\nJune 1, 1998\n\nThe society's president told a seminar Sunday that smoking costs "
                "Jordan at least 166 million dinars a year.\n",
                "Europe\n\nDecember 11, 1998\n\nMore companies send employees outside to smoke, and this year "
                "KLM banned smoking on all flights.\n",
            ),
            [("1998", [2]), ("1998-05-31", [1])],
        ),
        # Who reports is not what happened (from a malaria corpus): two agencies'
        # reports of one year share "News Agency", not a happening.
        (
            (
                "Harare\n\nMay 3, 1998\n\nThe experts who met for the preparatory meeting on malaria control "
                "were from institutions affiliated to the World Health Organization, the Zimbabwe News Agency "
                "reported Saturday.\n",
                "Hanoi\n\nAugust 25, 1998\n\nMalaria spread in 14 central provinces of Vietnam in the first "
                "seven months this year, Vietnam News Agency reported Tuesday.\n",
            ),
            [("1998", [2]), ("1998-05-02", [1])],
        ),
        # Who confirms or announces is who acts: Boeing's cut, told in other words.
        (
            (
                "Jobs\n\nDecember 2, 1998\n\nBoeing confirmed Tuesday that it would cut 20,000 jobs.\n",
                "Planes\n\nDecember 3, 1998\n\nBoeing confirmed on Dec. 1, 1998, plans to shed 20,000 workers.\n",
            ),
            [("1998-12-01", [1, 2])],
        ),
        # Two sources telling one happening of a year are one event: two shared words
        # at the date, or the happening the year names, or the same sentence.
        (
            (
                "Lawrence\n\nFebruary 25, 1999\n\nStephen Lawrence was fatally stabbed by white youths at a bus "
                "stop in southeast London in 1993.\n",
                "Inquiry\n\nFebruary 24, 1999\n\nThe teenager was stabbed to death at a bus stop in Eltham in "
                "1993, the report found.\n",
            ),
            [("1993", [1, 2])],
        ),
        (
            (
                "Iraq\n\nOctober 2, 2025\n\nThe 2003 invasion left a country in tatters.\n",
                "Withdrawal\n\nOctober 3, 2025\n\nThe army has been in Iraq since the 2003 invasion, which "
                "toppled Saddam Hussein.\n",
            ),
            [("2003", [1, 2])],
        ),
        (
            (
                "Run\n\nMay 3, 1999\n\nShe had said she would run again in 2000.\n",
                "Again\n\nMay 4, 1999\n\nShe had said she would run again in 2000.\n",
            ),
            [("2000", [1, 2])],
        ),
    ],
)
def test_which_dated_sentences_are_one_event(texts: tuple[str, ...], events: list[tuple[str, list[int]]]):
    assert cited_events(*texts) == events


def test_a_shared_name_and_day_do_not_make_one_event():
    promise = make_article(
        "City to pay for water\n\nMarch 15, 2025\n\nMayor Rosa Delgado said the city would cover the cost of "
        "bottled water and would ask the state for emergency funds on Monday.\n",
        path="a.txt",
    )
    bond = make_article(
        "Council weighs bond\n\nMarch 18, 2025\n\nMayor Rosa Delgado said on Monday that she would support it.\n",
        path="b.txt",
    )
    events = timeline(promise, bond)
    assert [e.when.iso for e in events] == ["2025-03-17", "2025-03-17"]
    assert all(len(e.citations) == 1 for e in events)


def test_a_sentence_announcing_what_follows_is_no_event():
    explainer = make_article(
        "What we know\n\nMarch 17, 2025\n\nHere is what we know as of Monday morning.\n\n"
        "Here’s what residents need to know about the order on Monday.\n\n"
        "Crews repaired the broken main on Monday within six hours.\n",
        path="a.txt",
    )
    assert [e.text for e in timeline(explainer)] == ["Crews repaired the broken main on Monday within six hours."]


def test_an_event_is_worded_by_a_source_whose_sentence_stands_alone():
    leaning = (
        "Dockers strike\n\nMarch 5, 2025\n\nThe union rejected the port authority's final offer on pay.\n\n"
        "They walked off the job at the Port of Portmere on Monday.\n\n"
        "The port handles most of the country's container traffic.\n"
    )
    whole = (
        "Port at a standstill\n\nMarch 5, 2025\n\nDock workers walked off the job at the Port of Portmere on Monday.\n\n"
        "Ships are waiting at anchor outside the harbour.\n"
    )
    (event,) = timeline_of(leaning, whole)
    assert event.text.startswith("Dock workers")
    assert [c.source for c in event.citations] == [2, 1]


def test_a_long_timeline_keeps_the_storys_events_before_an_aside() -> None:
    articles = [
        make_article(WALKOUT, path="a.txt"),
        make_article(SECOND_DAY, path="b.txt"),
        make_article(
            TALKS + "\nThe Rovers football club won the county cup in 1998.\n", path="c.txt"
        ),
    ]
    index = Index(segment_all(articles))
    readings = read_corpus(index, articles)
    events = build_timeline(index, readings.dated, readings.quantities())
    assert "Rovers" in events[0].text and len(events) > 3  # the oldest entry is the aside
    # Of events reported by as many sources, the ones that weigh most in the corpus stay;
    # the aside goes although it is the oldest, the shown ones keep their date order.
    shown = key_events(index, events, limit=len(events) - 1)
    assert not any("Rovers" in e.text for e in shown)
    assert list(shown) == [e for e in events if "Rovers" not in e.text]
    assert key_events(index, events, limit=len(events)) == events


def test_on_one_day_a_word_the_whole_corpus_repeats_is_no_shared_happening():
    # From DUC 2006 (D0620B), a corpus on school violence: two schools' Fridays were one
    # event because both sentences say "school" near the day.
    closed = "All of the district's 21 schools were closed Friday, then searched over the weekend."
    vest = "At graduation Friday night at Hobbton High School in rural North Carolina, Principal Stewart Hobbs wore a bulletproof vest."
    filler = " ".join(f"School {name} added a guard after the shootings." for name in "ABCDEFG")
    events = timeline_of(
        f"Schools closed\n\nMay 17, 1999\n\n{closed} {filler}\n",
        f"Graduation\n\nMay 17, 1999\n\n{vest}\n",
    )
    fridays = [e for e in events if e.when.iso == "1999-05-14"]
    assert sorted(len(e.citations) for e in fridays) == [1, 1]
    # A name the whole corpus repeats still is one: the film's opening, told twice.
    films = " ".join(f"The Phantom Menace sold {n} tickets in town {n}." for n in range(20, 27))
    events = timeline_of(
        f"Opening\n\nMay 18, 1999\n\nThe Phantom Menace opens Wednesday in 2,970 theaters. {films}\n",
        "Fans\n\nMay 18, 1999\n\nFans have waited for weeks for The Phantom Menace, which opens Wednesday.\n",
    )
    [opening] = [e for e in events if e.when.iso == "1999-05-19"]
    assert [c.source for c in opening.citations] == [1, 2]
