"""Analyst sections: key figures, timeline, disagreements and corroboration, on the
seeds and on small corpora of another story written here."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from briefing.api import build_brief, render
from briefing.conflicts import find_discrepancies
from briefing.figures import find_figures, key_figures, read_corpus
from briefing.models import Brief, Theme, When
from briefing.segment import segment_all
from briefing.select import Index
from briefing.dates import find_dates
from briefing.timeline import build_timeline
from builders import make_article

# --- figures -----------------------------------------------------------------------------


def figures(text: str) -> list[tuple[str, float, str | None, str]]:
    return [(f.label, f.value, f.unit, f.counts) for _s, _e, f in find_figures(text)]


def test_figures_are_normalised_with_their_qualifier_and_what_they_count():
    found = find_figures("Officials said about 1,200 residents were evacuated from Marlow.")
    assert len(found) == 1
    figure = found[0][2]
    assert (figure.value, figure.qualifier, figure.unit) == (1200, "about", None)
    assert figure.counts == "residents in Marlow"  # the one place its sentence names


def test_a_reporting_verb_after_a_figure_is_not_what_it_counts():
    assert figures("Health officials in this river city of about 60,000 said Saturday that the plant was shut.") == [
        ("about 60,000", 60000, None, "")
    ]


def test_a_change_is_one_figure_with_both_values():
    [(_s, _e, f)] = find_figures("Enrolment will fall from just over 4,000 to fewer than 3,500 students.")
    assert (f.was, f.was_qualifier, f.value, f.qualifier) == (4000, "just over", 3500, "fewer than")
    assert f.label == "just over 4,000 → fewer than 3,500"
    assert f.counts == "students"


def test_percentages_money_distances_and_ranges():
    assert figures("Turnout fell by about 20%.") == [("about 20%", 20, "%", "")]
    assert figures("The council approved $4.5 million for repairs.") == [("$4.5 million", 4_500_000, "USD", "repairs")]
    assert figures("The fire spread over 40 km of forest.")[0][:3] == ("over 40 km", 40, "km")
    [(_s, _e, f)] = find_figures("Between 10 and 12 climbers were rescued.")
    assert (f.value, f.upper, f.counts) == (10, 12, "climbers")
    # A scale written once after a range is both ends'; after a rise from a smaller
    # number it is the second's only.
    [(_s, _e, f)] = find_figures("Repairs will cost between 10 and 12 million euros.")
    assert (f.value, f.upper) == (10_000_000, 12_000_000)
    [(_s, _e, f)] = find_figures("Sales rose from 2 to 3 billion units.")
    assert (f.was, f.value) == (2_000_000_000, 3_000_000_000)
    [(_s, _e, f)] = find_figures("The city grew from 500 to 2 million people.")
    assert (f.was, f.value) == (500, 2_000_000)
    assert figures("A 37 percent cost overrun.") == [("37 percent", 37, "%", "cost overrun")]
    assert figures("Exporters said goods worth about $50 million were at risk.") == [
        ("about $50 million", 50_000_000, "USD", "goods")
    ]


def test_what_a_price_is_the_price_of_and_what_a_part_is_part_of():
    assert figures("A study estimated that replacing the east side's cast-iron mains would cost $48 million.") == [
        ("$48 million", 48_000_000, "USD", "cost of replacing the east side's cast-iron mains")
    ]
    assert figures("A 2022 study put the cost of replacing those mains at $52 million.") == [
        ("$52 million", 52_000_000, "USD", "cost of replacing those mains")
    ]
    assert figures("The new bridge will cost $5 million, officials said.")[0][3] == "cost of the new bridge"
    # A pronoun, or a subject too long to be sure of, says nothing of what is paid for.
    assert figures("Officials said that it would cost about $2 billion.")[0][3] == ""
    assert figures("The plan to rebuild the old bridge over the wide river would cost $9 million.")[0][3] == ""
    assert figures("All 14 of its schools will be closed on Monday.") == [("14", 14, None, "schools")]
    assert figures("Crews flushed more than 30 miles of pipe.") == [("more than 30 mi", 30, "mi", "pipe")]
    assert figures("Only 220 of the units were government-funded.")[0][3] == ""  # a part of a count


def test_what_a_bare_count_counts():
    # Those something was done to.
    assert figures("Seven people died and 62 were infected.")[-1] == ("62", 62, None, "infected")
    assert figures("Last year 55 others were infected in the area.")[0][3] == "infected"
    assert figures("About 1,000 were expected to leave.")[0][3] == ""
    # A verb is not a thing counted; a place is not a route.
    assert figures("Last year 55 became seriously ill from the virus.")[0][3] == ""
    assert figures("Crews sprayed 20 towns along a road from Greenwich to Madison.")[0][3] == "towns"
    # "other", "more": the thing comes after them.
    assert figures("The fever killed three and sickened 15 other people in the city.")[0][3] == "people"
    assert figures("Tests showed that 16 more crows were infected.")[0][3] == "crows"


def test_a_count_joined_to_the_one_before_counts_the_same_thing():
    # From a school-violence corpus: the second count leaves its noun to the first.
    text = "As many as 5,700 students in 1996-97 and roughly 3,900 in 1997-98 were expelled for bringing a firearm."
    assert figures(text) == [("as many as 5,700", 5700, None, "students"), ("roughly 3,900", 3900, None, "students")]
    assert figures("Police said 40 people were hurt and 12 killed.")[1][3] == "people"
    assert figures("About 300 workers were laid off, and 40 remain.")[1][3] == "workers"
    # Not across a clause of its own, nor from an amount of another unit, nor far.
    assert figures("The town has 2,000 homes; 150 lost power.")[1][3] == ""
    assert figures("The fund spent $40 million on 300 schools in 1998 and 120 in 1999.")[1:] == [
        ("300", 300, None, "schools"), ("120", 120, None, "schools")
    ]
    assert figures("The fund spent $40 million in 1998 and 120 in 1999.")[1][3] == ""
    assert figures("The report counted 300 schools that had cut their budgets for sports and music, or 40 in all.")[1][3] == ""


def test_a_figure_after_a_year_is_read_and_the_end_of_a_date_range_is_not():
    # "1992 to 25.6" had been read as one range and dropped as a date.
    assert figures("Deaths per 10,000 vehicles declined from 30.2 in 1992 to 25.6 in 1996.")[1:] == [
        ("30.2", 30.2, None, ""), ("25.6", 25.6, None, "")
    ]
    assert figures("The conference will be held here from November 2 to 13.") == []
    assert figures("The movement of motor columns has been banned from May 1 to 11.") == []
    assert figures("He served from 1988 to 92 as governor, and crime fell in 1997 and 98.") == []
    assert figures("Police arrested 40 people on May 5 and 120 on May 6.")[1][:2] == ("120", 120)


def test_a_share_counts_its_noun_not_the_clause_after_it():
    # From a steroids corpus and a climate corpus.
    assert figures("About 40 percent of the high school students using steroids want muscles.")[0][3] == (
        "high school students"
    )
    assert figures("Up to 13 percent use them and 40 percent of those athletes believe it is safe.")[1][3] == "athletes"
    assert figures("With 50 percent of the global population currently living on coasts, floods matter.")[0][3] == (
        "global population"
    )
    assert figures("The two countries produce more than 20 percent of all gas emission worldwide.")[0][3] == (
        "gas emission worldwide"  # "gas" is no plural
    )
    assert figures("Concentrations of CO2 are now 30 percent above the pre-industrial level.")[0][3] == ""
    assert figures("Only 2 percent of all police officers are women.")[0][3] == "police officers"
    assert figures("In the poll, 68 percent of those surveyed favored teaching it.")[0][3] == "surveyed"
    assert figures("In 1998, 62 percent of those aged 18 to 34 held stocks.")[0][3] == ""


def test_a_share_of_a_counted_whole_counts_the_noun_after_the_count():
    # DUC 2006 dev (Quebec; a reservation; malaria in Lagos): the whole's size is no
    # part of what the share is of, which had come out empty.
    assert figures("About 80 percent of the 5.2 million eligible voters cast ballots in Monday's election.")[0][3] == (
        "eligible voters"
    )
    assert figures("In Macy, 60 percent of the 3,400 tribe members are unemployed.")[0][3] == "tribe members"
    assert figures("He said that about 30 percent of the 450 children seen in the study had malaria parasite.")[0][3] == (
        "children"
    )
    assert figures("Crime fell 5 percent of the 1990s level.")[0][3] == ""  # a decade, not a count
    # Without "the": the whole's count is no part of the noun either; a year is no count.
    assert figures("In Macy, 60 percent of 3,400 tribe members are unemployed.")[0][3] == "tribe members"
    assert figures("Exports rose to 30 percent of 1998 levels.")[0][3] == ""


def test_a_share_ends_before_its_verb_and_keeps_a_participle_before_its_noun():
    # "goes" is a verb, not a plural noun; "reported" qualifies "cases" here, where
    # after a count it mostly opens a clause ("40 reported seeing it").
    assert figures("About 40 percent of the budget goes to defense.")[0][3] == "budget"
    assert figures("About 40 percent of Indian gambling revenue comes from eight tribes.")[0][3] == (
        "Indian gambling revenue"
    )
    assert figures("About 90 percent of the reported cases were in Africa.")[0][3] == "reported cases"
    # After a bare count it is the verb (helper-37): what is counted is the whole.
    assert figures("Of the 30 Dow companies, 12 reported losses for the quarter.")[1][3] == "Dow companies"
    assert figures("Of the 50 states, 30 reported cases of West Nile virus.")[1][3] == "states"


def test_ages_and_multiples_are_not_figures_and_centimetres_are_a_length():
    assert figures("The athlete risks death before the age of 50.") == []
    assert figures("Children aged 12 were tested.") == []
    assert figures("Emissions rose 10 times faster than forecast.") == []
    assert figures("This will raise the sea level by some 50 cm., he said.") == [("some 50 cm", 50, "cm", "")]
    assert figures("Seas have risen 2 centimeters in the past year.") == [("2 cm", 2, "cm", "")]


def test_a_sentence_opening_in_a_stop_word_is_no_label():
    # "Article 5" names a number; "In 300 cases" and "Of 250 people" do not.
    assert figures("In 300 cases, doctors found nothing.") == [("300", 300, None, "cases")]
    assert figures("Of 250 people tested, 40 were ill.")[0] == ("250", 250, None, "people")


def test_a_distance_says_no_count_or_place_unless_it_is_of_something():
    assert figures("Flying at 33,000 feet, the jet began to dive.") == [("33,000 ft", 33000, "ft", "")]
    # What follows a distance says where or which way, and the sentence's place is
    # not the distance's.
    assert figures("The plane crashed some 60 miles off Nantucket Island after leaving New York.") == [
        ("some 60 mi", 60, "mi", "")
    ]
    assert figures("Sales in Marlow, 50 miles away, fell.") == [("50 mi", 50, "mi", "")]


def test_a_count_takes_no_place_from_a_longer_name():
    assert figures("A review of 1,665 pages revealed a letter from Egyptian Civil Aviation Authority chief Kato.") == [
        ("1,665", 1665, None, "pages")
    ]


@pytest.mark.parametrize(
    "text, k, counts",
    [
        ("About 300 troops remain in Syria.", 0, "troops in Syria"),
        ("There are about 190 Jewish settlements in Palestinian territories.", 0, "Jewish settlements"),
        ("Some 2,500 troops in Iraq are leaving.", 0, "troops in Iraq"),
        ("The PQ won 75 seats in Quebec's 125-seat legislature.", 0, "seats"),  # a possessor
        # A place of another clause is not the count's; a count "there" takes its sentence's.
        ("The PQ won 75 seats, while the Liberals, who favor keeping Quebec in Canada, won 48.", 0, "seats"),
        ("No troops left from Syria, and fewer than 1,000 American troops remain there.", 0, "American troops in Syria"),
        # A preposition ends the phrase: "of Canadians outside the province" counts Canadians.
        ("Up to 78 percent of Canadians outside the province agree.", 0, "Canadians"),
        # An aside between commas is no other clause; a place's name before "hours" is no
        # people's adjective; "there are plans" is not a count that is there.
        ("More than 200 people, including 40 children, were killed in Gaza.", 0, "people in Gaza"),
        ("About 1,200 residents were evacuated from Marlow hours before the levee broke.", 0, "residents in Marlow"),
        ("The company employs 300 workers, though there are plans to open a plant in Mexico.", 0, "workers"),
        # Where a report was given is not where the count is, and a weekday is no part of
        # a place's name (both from a Chechnya corpus).
        (
            "About 50 persons have been detained in the breakaway republic, eight of whom took part in the "
            "bombing, presidential aide Sergei Yastrzhembsky told an interview in Moscow Wednesday.",
            0,
            "persons",
        ),
        ("Police detained 50 people in Grozny Wednesday.", 0, "people in Grozny"),
        ("About 300 troops remain in Syria, officials said.", 0, "troops in Syria"),
        # Who said it, as an aside, leaves the count's clause open.
        ("At least 30 people were killed, police said, in Grozny.", 0, "people in Grozny"),
        ("At least 50 people, according to Interfax, were killed in Grozny.", 0, "people in Grozny"),
        # A month may end a place's name; a place in "-ish" may be one.
        ("About 400 homes were destroyed in Cape May.", 0, "homes in Cape May"),
        ("About 200 homes were flooded in Jefferson Parish.", 0, "homes in Jefferson Parish"),
        # Before a count, who said it leads into the count: the place stays.
        ("With jets hitting targets in Chechnya, Putin said 30,000 Russian troops had moved.", 0, "Russian troops in Chechnya"),
        # A place listed beside the count is not where the count is.
        ("Followers massed in Dalian, Guangzhou and 28 other cities.", 0, "cities"),
        ("Followers massed in Dalian and 28 other cities.", 0, "cities"),
        # Two clauses joined by "and" share their place.
        ("Floods destroyed 2,000 houses in Bangladesh and about 300 people were killed.", 1, "people in Bangladesh"),
        ("In a bombing in Nairobi, 11 people were killed.", 0, "people in Nairobi"),
        # "known in Chinese as" names a language, not a place.
        (
            "The ban on the group, known in Chinese as Falun Gong, had been rumored since the police rounded "
            "up more than 100 leaders of the sect in several Chinese cities.",
            0,
            "leaders",
        ),
        # A possessor is no plural that ends the phrase: not "32 | capital's".
        ("The raid, in all 32 of the capital's local districts, was part of it.", 0, "capital's local districts"),
    ],
)
def test_what_a_count_counts_and_its_place(text: str, k: int, counts: str):
    assert figures(text)[k][3] == counts


def test_a_number_the_corpus_uses_in_a_name_is_no_figure_anywhere():
    texts = [
        "Jet lost\nThe Boeing 767 fell into the ocean with 217 people aboard, officials said.\n",
        "Old crash\nIn 1991 another 767 crashed, and a former 767 pilot said the 217 people had no warning.\n",
    ]
    assert rows_of(texts, 767) == []
    [row] = rows_of(texts, 217)
    assert (row.figure.counts, [c.source for c in row.citations]) == ("people", [1, 2])
    # Without the name, "another 767 crashed" is a bare count like any other.
    assert len(rows_of([texts[1].replace("another 767", "another 767 planes")], 767)) == 1
    # A sentence's first word names nothing, and a count that says what it counts stays
    # one whatever a name elsewhere holds.
    [hurt] = rows_of(["Blast\nAnother 300 people were injured in the blast at the market, police said on Monday.\n"], 300)
    assert hurt.figure.counts == "people"
    [jobs] = rows_of(["Cuts\nThe Fortune 500 company said on Monday that it would cut 500 jobs at its plants this year.\n"], 500)
    assert jobs.figure.counts == "jobs"


def test_a_row_counts_what_most_of_its_sources_say_and_bare_numbers_come_last():
    texts = [
        "Crash\nThe crash killed 217 people, investigators said on Monday.\n",
        "Crash probe\nAll 217 people on board died, and the jet had dived 16,000 feet, the board said.\n",
        "Probe\nInvestigators from the United States said 217 people died, and 5,000 was the sum paid.\n",
        "Radar\nRadar tracked the jet down to 16,000 feet before it broke up, officials said.\n",
    ]
    articles = [make_article(t, path=f"{k}.txt") for k, t in enumerate(texts)]
    index = Index(segment_all(articles))
    rows = key_figures(index, read_corpus(index, articles).figures)
    assert [(r.figure.label, r.figure.counts, [c.source for c in r.citations]) for r in rows] == [
        ("217", "people", [1, 2, 3]),  # not "people in United States", one sentence's place
        ("16,000 ft", "", [2]),  # two sentences that tell different things: two rows
        ("16,000 ft", "", [4]),
        ("5,000", "", [3]),  # says neither what it counts nor its unit: last
    ]
    # Said equally often, the plainest wording: it claims least.
    [row] = rows_of([texts[0], texts[2]], 217)
    assert row.figure.counts == "people"


def test_an_age_after_a_name_is_not_a_figure():
    assert figures("``I think it is more of a threat,'' said Thelma Hansen, 50.") == []
    assert figures("Thelma Hansen, 50, a retired teacher, agreed.") == []
    assert figures("Sales in Marlow, 50 miles away, fell.")[0][1] == 50  # a distance stays


def test_markdown_emphasis_does_not_hide_what_a_figure_counts():
    assert figures("The union says **4,500** members are on strike.") == [("4,500", 4500, None, "members")]


@pytest.mark.parametrize(
    "text",
    [
        "The dam was built in 1962.",  # a year
        "Heavy rains fell on March 12, 2024.",  # a date
        "He served 20 years in the navy.",  # a duration
        "Their first visit was a decade ago.",  # a time, not a figure
        "A C-17 landed after 9/11.",  # numbers inside names
        "Article 5 was invoked.",  # a label
        "The two countries signed a deal.",  # a small count spelled out
        "Talks begin at 3 p.m. on Friday.",  # a time
    ],
)
def test_what_is_not_a_figure(text: str):
    assert find_figures(text) == []


# --- a small corpus on another story -------------------------------------------------------

FLOOD_A = """Floods force evacuation of Marlow

Heavy rains flooded the river town of Marlow on Tuesday, officials said.
Officials said about 1,200 residents were evacuated from Marlow as the river rose.
The dam, built in 1962, held through the night, the regional council said.
The council approved a repair budget of $4.5 million last month.
Rescue teams said 14 people were still missing on Wednesday evening.
"""
FLOOD_B = """Marlow shelters fill as river keeps rising

Some 1,200 residents of Marlow were moved to shelters after the river burst its banks, officials said.
The dam was built in 1958, according to council records seen by this paper.
Rescue teams reported that 9 people were missing in the flooded districts.
Schools in Marlow will stay closed until May, the mayor said.
"""
FLOOD_C = """A town used to water

Marlow has flooded before: the river burst its banks in the spring of 1998 and again last year.
Residents said the warning sirens sounded for the first time in years.
"""


@pytest.fixture
def flood() -> list:
    return [
        make_article(FLOOD_A, published=dt.date(2024, 3, 14), path="a.txt"),
        make_article(FLOOD_B, published=dt.date(2024, 3, 15), path="b.txt"),
        make_article(FLOOD_C, path="c.txt"),  # no publication date
    ]


@pytest.fixture
def flood_index(flood) -> Index:
    return Index(segment_all(flood))


def test_the_same_quantity_from_two_sources_is_one_row(flood, flood_index):
    rows = key_figures(flood_index, read_corpus(flood_index, flood).figures)
    residents = [r for r in rows if r.figure.value == 1200]
    assert len(residents) == 1
    assert sorted(c.source for c in residents[0].citations) == [1, 2]
    assert rows[0] is residents[0]  # most-cited first


def rows_of(texts: list[str], value: float) -> list:
    """The key-figure rows of one value, from a corpus of the given texts."""
    articles = [make_article(t, path=f"{k}.txt") for k, t in enumerate(texts)]
    index = Index(segment_all(articles))
    return [r for r in key_figures(index, read_corpus(index, articles).figures) if r.figure.value == value]


def test_a_figure_that_says_not_what_it_counts_joins_only_the_thing_its_sentence_names():
    texts = [
        "Report on the outbreak\nThe health department's report on the outbreak ran to more than 60 pages, officials said on Monday.\n",
        "Virus spreads\nSo far more than 60 have fallen ill, and most of the sick people live near the river, officials said.\n",
        "Cases rise\nMore than 60 people have fallen ill in the county since June, a doctor at the county hospital said.\n",
    ]
    rows = rows_of(texts, 60)
    # The second source's 60 is of people (its sentence says so), not of pages.
    assert sorted((r.figure.counts, [c.source for c in r.citations]) for r in rows) == [
        ("pages", [1]),
        ("people", [2, 3]),
    ]


def test_one_number_of_different_things_is_not_one_row():
    # From a steroids corpus: three sources' 40 percent were one row "high school
    # students using", and an age joined "more than 50 athletes".
    texts = [
        "Appearance\nStudies have shown that about 40 percent of the high school students using steroids do so "
        "to improve their appearance. The athlete risks death before the age of 50.\n",
        "Survey\nUp to 13 percent of all high school athletes use anabolic steroids and 40 percent of those "
        "athletes believe the drug is not harmful.\n",
        "Games\nMore than 50 athletes have withdrawn or been caught using drugs at the Games.\n",
    ]
    assert sorted((r.figure.counts, [c.source for c in r.citations]) for r in rows_of(texts, 40)) == [
        ("athletes", [2]),
        ("high school students", [1]),
    ]
    assert [[c.source for c in r.citations] for r in rows_of(texts, 50)] == [[3]]


def test_a_share_of_the_things_joins_a_row_only_where_its_sentence_tells_the_same():
    # From a malaria corpus: "90 percent of the cases occur in children" (chickenpox, in
    # a reference work) was one row "90 percent | cases" with malaria's 90 percent of
    # cases in Africa. "Of the cases" says not which; a share coincides often.
    texts = [
        "Malaria\nExperts say 90 percent of malaria cases are in sub-Saharan Africa.\n",
        "Chickenpox\nIn the United States, according to Dr. Mary Wilson's reference work, ``A World Guide to "
        "Infections'' (Oxford), 90 percent of the cases occur in children under age 10, who are then usually "
        "immune for life.\n",
        "WHO\nThe World Health Organisation resident representative Levon Arevshatian said more than 90 percent "
        "of all malaria cases in the world were in sub-Saharan Africa.\n",
        "Fact sheet\nMalaria affects 40 percent of the world's population in more than 90 countries while over 90 "
        "percent of the cases are in Africa where there are increasing levels of chloroquine resistance, the News "
        "Agency of Nigeria (NAN) Sunday quoted the recently-released WHO fact sheet as saying.\n",
    ]
    assert sorted([c.source for c in r.citations] for r in rows_of(texts, 90) if r.figure.unit == "%") == [
        [1, 3, 4],
        [2],
    ]


def test_two_figures_that_say_not_what_they_count_are_one_row_only_when_they_tell_the_same():
    texts = [
        "Fever in the city\nThe fever killed three people and sickened 15 others in the city, health officials said.\n",
        "Fever spreads\nThe fever killed three people and sickened 15 others in the city, officials said on Monday.\n",
        "Fever fears\nA grandmother said she would keep her grandsons, ages nine and 15, away from the long grass.\n",
    ]
    rows = rows_of(texts, 15)
    assert sorted([c.source for c in r.citations] for r in rows) == [[1, 2], [3]]


def test_relative_dates_resolve_against_the_article_and_keep_their_precision():
    published = dt.date(2024, 3, 14)  # a Thursday

    def values(text: str, on: dt.date | None = published) -> list[str | None]:
        return [d.when.iso if d.when else None for d in find_dates(text, on)]

    assert values("It happened on Tuesday.") == ["2024-03-12"]
    assert values("The budget passed last month.") == ["2024-02"]
    assert values("They met last year and will meet next year.") == ["2023", "2025"]
    assert values("The program started a decade ago.") == ["2014"]
    assert find_dates("The program started a decade ago.", published)[0].when.approximate
    assert values("The talks are planned for next month.", dt.date(2024, 12, 3)) == ["2025-01"]
    # Absolute dates, as precise as written.
    assert values("Signed on October 2, 2025, in force from September 2026, drafted in 2014.") == [
        "2025-10-02", "2026-09", "2014",
    ]
    # No year, no guess; an undated article resolves nothing relative.
    assert values("Schools stay closed until May 3.") == [None]
    assert values("It happened last year.", None) == [None]
    # Ranges are one mention.
    [mention] = find_dates("Fighting raged between 2014 and 2017.", None)
    assert (mention.when, mention.until) == (When(2014), When(2017))


def test_the_timeline_is_chronological_cited_and_never_guesses(flood, flood_index):
    readings = read_corpus(flood_index, flood)
    events = build_timeline(flood_index, readings.dated, readings.quantities())
    dates = [e.when.iso for e in events]
    assert dates == sorted(dates, key=lambda d: [int(p) for p in d.split("-")])
    assert "2024-03-12" in dates  # "on Tuesday" in an article of Thursday 14 March
    assert "2024-02" in dates  # "last month"
    assert "1998" in dates
    assert "2023" not in dates  # "last year" in the undated article
    assert not any("until May" in e.text for e in events)  # a month without a year
    texts = {a.path: a.text for a in flood}
    paths = {i + 1: a.path for i, a in enumerate(flood)}
    for event in events:
        first = event.citations[0]
        assert " ".join(texts[paths[first.source]][first.start : first.end].split()) == event.text


def test_disagreements_on_a_date_and_on_a_count_are_found_with_each_side_cited(flood, flood_index):
    found = {d.about: d for d in find_discrepancies(flood_index, flood, read_corpus(flood_index, flood))}
    dam = found["Date of the dam"]
    assert [c.says for c in dam.claims] == ["1958", "1962"]
    assert [c.citations[0].source for c in dam.claims] == [2, 1]
    missing = [d for d in found.values() if d.about.startswith("Number of") and "people" in d.about]
    assert len(missing) == 1
    assert {c.says for c in missing[0].claims} == {"14", "9"}


def test_agreeing_sources_give_no_disagreement():
    a = make_article("Talks\n\nThe treaty, signed in 2019, set up the commission of 40 members.\n", published=dt.date(2024, 5, 1))
    b = make_article("More talks\n\nThe treaty was signed in 2019 and the commission has about 40 members.\n", published=dt.date(2024, 5, 2))
    index = Index(segment_all([a, b]))
    assert find_discrepancies(index, [a, b], read_corpus(index, [a, b])) == ()


def test_a_count_that_changed_between_distant_dates_is_not_a_disagreement():
    a = make_article("Then\n\nThe mission had 3,000 soldiers in the country.\n", published=dt.date(2015, 5, 1))
    b = make_article("Now\n\nThe mission had fewer than 1,000 soldiers in the country.\n", published=dt.date(2024, 5, 2))
    index = Index(segment_all([a, b]))
    assert find_discrepancies(index, [a, b], read_corpus(index, [a, b])) == ()


def test_numbers_withheld_by_one_source_and_given_by_another():
    a = make_article("Cuts\n\nThe ministry has not disclosed the numbers of staff leaving the agency.\n", published=dt.date(2024, 5, 1))
    b = make_article("Cuts\n\nThe agency will shrink from 900 to 650 staff, the ministry said.\n", published=dt.date(2024, 5, 2))
    index = Index(segment_all([a, b]))
    [d] = find_discrepancies(index, [a, b], read_corpus(index, [a, b]))
    assert [c.says for c in d.claims] == ["not disclosed", "900 → 650"]
    assert [c.citations[0].source for c in d.claims] == [1, 2]


# --- corroboration ---------------------------------------------------------------------------

FLOOD_THEMES = [
    Theme("Evacuations", "How many residents were evacuated from Marlow", ("evacuated", "residents", "shelters")),
    Theme("Missing", "How many people are missing", ("missing", "rescue")),
]


@pytest.fixture
def flood_brief(flood) -> Brief:
    return build_brief(flood, FLOOD_THEMES)


def test_a_paraphrased_fact_is_one_item_citing_both_sources(flood_brief: Brief):
    [evacuations, _missing] = flood_brief.sections
    first = evacuations.items[0]
    assert "1,200" in first.text
    assert sorted(first.source_ids) == [1, 2]  # "evacuated from" / "moved to shelters"


def test_every_item_says_how_many_sources_carry_it(flood_brief: Brief):
    md = render(flood_brief, "md")
    assert "· *2 sources*" in md
    assert "· *single source*" in md
    data = json.loads(render(flood_brief, "json"))
    counts = [i["source_count"] for t in data["themes"] for i in t["items"]]
    assert 2 in counts and 1 in counts


def test_the_analyst_sections_appear_in_every_format(flood_brief: Brief):
    from io import BytesIO

    from pypdf import PdfReader

    md = render(flood_brief, "md")
    html = render(flood_brief, "html")
    assert isinstance(md, str) and isinstance(html, str)
    for heading in ("Key figures", "Timeline", "Where sources disagree"):
        assert f"## {heading}" in md
        assert f">{heading}</h2>" in html
    assert "<table>" in html and "about 1,200" in html
    pdf = render(flood_brief, "pdf")
    assert isinstance(pdf, bytes)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages).split())
    for words in ("Key figures", "Timeline", "Where sources disagree", "Date of the dam", "about 1,200"):
        assert words in text
    data = json.loads(render(flood_brief, "json"))
    assert data["key_figures"] and data["timeline"] and data["discrepancies"]
    assert Brief.from_dict(data).to_dict() == data
    assert render(Brief.from_json(str(render(flood_brief, "json"))), "json") == render(flood_brief, "json")


def test_no_disagreement_is_said_in_one_line():
    a = make_article("Talks\n\nThe treaty was signed in 2019 by both governments after long talks.\n", published=dt.date(2024, 5, 1))
    brief = build_brief([a], [Theme("Treaty", "When was the treaty signed", ("treaty",))])
    assert brief.discrepancies == ()
    assert "*No disagreement found between the sources on dates or figures.*" in str(render(brief, "md"))


# --- the seeds, checked by hand against the articles ---------------------------------------------


@pytest.fixture(scope="module")
def seeds_json() -> dict:
    from pathlib import Path

    from briefing.api import load_articles

    root = Path(__file__).resolve().parent.parent
    articles = load_articles([root / "seeds"])
    themes = [Theme("Drawdown", "How many troops leave Iraq", ("troops",))]
    brief = build_brief(articles, themes)
    data = json.loads(str(render(brief, "json")))
    data["_texts"] = {i + 1: a.text for i, a in enumerate(articles)}
    return data


def test_seed_key_figures(seeds_json):
    labels = {(k["label"], k["counts"]) for k in seeds_json["key_figures"]}
    assert ("just over 2,500 → fewer than 2,000", "American service members in Iraq") in labels
    assert ("about 20%", "reduction") in labels
    assert ("around 20,000", "troops in Iraq") in labels
    assert ("fewer than 1,000", "American troops in Syria") in labels
    change = next(k for k in seeds_json["key_figures"] if k["from"] == 2500)
    assert (change["value"], change["qualifier"], change["from_qualifier"]) == (2000, "fewer than", "just over")


def test_seed_timeline_runs_from_the_invasion_to_the_end_of_operations_in_syria(seeds_json):
    timeline = seeds_json["timeline"]
    assert timeline[0]["date"] == "2003" and "invasion" in timeline[0]["text"]
    assert sorted(c["source"] for c in timeline[0]["citations"]) == [1, 2, 3]
    assert timeline[-1]["date"] == "2026-09" and "Syria" in timeline[-1]["text"]
    dates = [e["date"] for e in timeline]
    assert "2025-10-02" in dates and "2024-09" in dates and "2022" in dates
    decade = next(e for e in timeline if "a decade ago" in e["text"])
    assert (decade["date"], decade["approximate"]) == ("2015", True)
    # Source 5 is undated: its "last year" and "Thursday" stay out.
    assert not any("Thursday" in e["text"] for e in timeline)


def test_seed_disagreements(seeds_json):
    found = {d["about"]: d for d in seeds_json["discrepancies"]}
    assert set(found) == {"Date of the agreement", "Number of American service members in Iraq"}
    agreement = found["Date of the agreement"]["claims"]
    assert [(c["says"], c["citations"][0]["source"]) for c in agreement] == [("2022", 3), ("September 2024", 4)]
    numbers = found["Number of American service members in Iraq"]["claims"]
    assert [(c["says"], c["citations"][0]["source"]) for c in numbers] == [
        ("not disclosed", 3),
        ("just over 2,500 → fewer than 2,000", 4),
    ]


def test_every_analyst_citation_points_at_its_words(seeds_json):
    texts = seeds_json["_texts"]
    entries = [*seeds_json["key_figures"], *seeds_json["timeline"]]
    entries += [c for d in seeds_json["discrepancies"] for c in d["claims"]]
    assert entries
    for entry in entries:
        first = entry["citations"][0]
        assert " ".join(texts[first["source"]][first["start"] : first["end"]].split()) == entry["text"]
        for c in entry["citations"]:
            assert texts[c["source"]][c["start"] : c["end"]].strip()


def test_a_figure_that_says_not_what_it_counts_joins_a_row_only_where_its_sentence_names_the_noun():
    # From a home-schooling corpus and a Quebec corpus: the stem was enough, so "a
    # section called" named telephone calls, and the Parti Quebecois' share of the vote
    # was Quebecers' answer to a poll.
    calls = [
        "Lobby\nFarris can generate 100 telephone calls to every congressional office within hours.\n",
        "Catalogue\nThe catalogue has a section called ``100 Programs You Should Not Buy'' for parents.\n",
        "Phones\nOn Friday the group made 100 telephone calls to the capitol, and its 100 calls worked.\n",
    ]
    assert sorted((r.figure.counts, [c.source for c in r.citations]) for r in rows_of(calls, 100)) == [
        ("", [2]),
        ("telephone calls", [1, 3]),
    ]
    votes = [
        "Vote\nThe Liberal Party received 44 percent of the popular vote to 43 percent for the Parti Quebecois.\n",
        "Poll\nRecent polls indicate that only 43 percent of Quebecers would vote yes in another referendum.\n",
    ]
    assert len(rows_of(votes, 43)) == 2
    # Singular or plural, the noun names the thing.
    families = [
        "Border\nAll borders were closed last week, trapping up to 20,000 families trying to flee.\n",
        "Camps\nSome 20,000 have reached the camps, and each family gets a tent.\n",
    ]
    [row] = rows_of(families, 20000)
    assert [c.source for c in row.citations] == [1, 2]


def test_the_table_shows_the_figures_of_the_memos_themes_its_own_first():
    # From a home-schooling corpus, whose table had filled with "60 computers",
    # "150 miles" and "35 working machines" once its few key figures were shown.
    articles = [
        make_article(
            "Home schooling\n\nAn estimated 1.7 million children are taught at home across the country, "
            "according to the Home School Legal Defense Association. The library lends 60 computers to "
            "families on weekends.\n",
            path="a.txt",
        ),
        make_article(
            "Home schoolers\n\nThe National Home Education Research Institute estimates the number of "
            "home-schooled children at 1.5 million, a number that is growing by at least 7 percent a year. "
            "Home schooling is legal in all 50 states.\n",
            path="b.txt",
        ),
        make_article(
            "Rally\n\nParents rallied in the capital on Friday. Home schooling is now legal in all 50 states, "
            "organisers said.\n",
            path="c.txt",
        ),
    ]
    themes = [Theme("Size and growth", "How many children are home-schooled and how fast is the number growing", ("million", "growing"))]
    data = json.loads(str(render(build_brief(articles, themes), "json")))
    cited = {(c["source"], c["start"]) for t in data["themes"] for i in t["items"] for c in i["citations"]}
    rows = [(k["label"], k["counts"]) for k in data["key_figures"]]
    assert rows[0] == ("an estimated 1.7 million", "children")  # the memo's own figures first
    assert all((c["source"], c["start"]) in cited for k in data["key_figures"][:2] for c in k["citations"])
    # Two sources say home schooling is legal in all 50 states, but not on the theme.
    assert ("50", "states") not in rows and ("60", "computers") not in rows
    assert data["left_out"]["key_figures"] == 2


def test_a_telephone_number_is_no_figure():
    # From an osteoarthritis corpus: "800" and "283-7800" had become two key figures.
    text = "For its guide of 48 pages, call the foundation at (800) 283-7800, 1-800-283-7800 or 800.283.7800."
    assert [text[start:end] for start, end, _figure in find_figures(text)] == ["48"]
    assert [f.label for _s, _e, f in find_figures("Between 500-1000 people came.")] == ["500–1000"]
