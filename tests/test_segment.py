from __future__ import annotations

from pathlib import Path

import pytest

from briefing.ingest import read_sources
from briefing.segment import segment, segment_all, split_spans
from briefing.terms import content_terms


def sentences_of(text: str) -> list[str]:
    return [text[s:e] for s, e in split_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. will cut troops. Officials agreed.", ["The U.S. will cut troops.", "Officials agreed."]),
        ("U.S.-Iraq talks began in Baghdad. They ended late.", ["U.S.-Iraq talks began in Baghdad.", "They ended late."]),
        ("Gen. Smith spoke on Sept. 11 at the U.N. in New York.", ["Gen. Smith spoke on Sept. 11 at the U.N. in New York."]),
        ("In Jan. 2024 the base closed. Troops left.", ["In Jan. 2024 the base closed.", "Troops left."]),
        ("“We will go,” he said. Then he left.", ["“We will go,” he said.", "Then he left."]),
        ("He said “we will go.” Then he left.", ["He said “we will go.”", "Then he left."]),
        ('He said "we will go." Then he left.', ['He said "we will go."', "Then he left."]),
        ("Lt. Col. Ann Lee of the U.S. Army spoke. Dr. Kim agreed.", ["Lt. Col. Ann Lee of the U.S. Army spoke.", "Dr. Kim agreed."]),
        ("Troops number 2,500. About 20.5% will leave.", ["Troops number 2,500.", "About 20.5% will leave."]),
        ("The convoy left at 3 p.m. Friday. Officials agreed.", ["The convoy left at 3 p.m. Friday.", "Officials agreed."]),
        ("It was 10 p.m. ET when it hit. Two died.", ["It was 10 p.m. ET when it hit.", "Two died."]),
        ("Polls close at 8 p.m. Oct. 12 in most states.", ["Polls close at 8 p.m. Oct. 12 in most states."]),
        ("He left at 9:30 a.m. and came back.", ["He left at 9:30 a.m. and came back."]),
        ("It ended at 4 p.m. The troops left.", ["It ended at 4 p.m.", "The troops left."]),
        ("It ended at 4 P.M. Friday in the capital.", ["It ended at 4 P.M. Friday in the capital."]),
        # Titles sentencex does not know; a name that is also an abbreviation stays an end.
        ("It was over, Ms. Lee said. Then she left.", ["It was over, Ms. Lee said.", "Then she left."]),
        ("Atty. Gen. Ann Lee and Amb. Bo Park met. Then they left.", ["Atty. Gen. Ann Lee and Amb. Bo Park met.", "Then they left."]),
        ("Rebels fired on the convoy of Hun Sen. He was not hurt.", ["Rebels fired on the convoy of Hun Sen.", "He was not hurt."]),
        # "May." is no abbreviation; sentencex took it for one before a name (DUC 2006, D0605E).
        (
            "Vioxx has made steady gains since its introduction in May. Celebrex and Vioxx are both Cox-2 inhibitors.",
            ["Vioxx has made steady gains since its introduction in May.", "Celebrex and Vioxx are both Cox-2 inhibitors."],
        ),
        ("A bomb was found at a prom in May. ``We're trying,'' he said.", ["A bomb was found at a prom in May.", "``We're trying,'' he said."]),
        ("The report, due in May, was late. It came in June.", ["The report, due in May, was late.", "It came in June."]),
    ],
)
def test_hard_cases(text: str, expected: list[str]):
    assert sentences_of(text) == expected


@pytest.mark.parametrize("mark", ["•", "-", "*", "1.", "_", "--"])
def test_placeholders_and_bullets_are_not_part_of_sentences(mark: str):
    text = f"  {mark} Militias may regroup in the desert. [INTERNAL_LINK]"
    assert sentences_of(text) == ["Militias may regroup in the desert."]


def test_odd_white_space_is_split_like_a_space():
    text = "The\u00a0U.S.\u00a0will reduce troops.\u2009Officials\u00a0agreed."
    assert sentences_of(text) == ["The\u00a0U.S.\u00a0will reduce troops.", "Officials\u00a0agreed."]


def test_headline_and_byline_are_never_glued_to_the_first_sentence(make_article):
    article = make_article(
        "Ports close as storm hits\nBy Jane Doe\nThree ports closed on Friday as winds rose, the coast guard said.\n"
        "Ferries stay in harbour until Sunday, operators told passengers on board.\n"
    )
    first = segment(article, 0)[0]
    assert first.text == "Three ports closed on Friday as winds rose, the coast guard said."



@pytest.mark.parametrize(
    ("lead", "first"),
    [
        ("BRUSSELS, Belgium (AP) - The European Union on Friday voiced deep concern over the abuse.", "The European Union"),
        ("LONDON, Oct 2 (Reuters) - Oil prices rose on Thursday as the storm closed three ports.", "Oil prices"),
        ("BEIJING, Dec. 3 (Xinhua) -- China said on Friday it would open two more ports.", "China said"),
        ("NEW YORK _ Stocks fell sharply on Monday as the storm closed the ports.", "Stocks fell"),
        ("PORTMERE, March 3, 2025 — About 4,200 dock workers walked off the job on Monday.", "About 4,200"),
        ("March 3, 2025 — About 4,200 dock workers walked off the job on Monday.", "About 4,200"),
        ("BOGOTÁ, Colombia (AP) — Three ports closed on Friday as winds rose, the coast guard said.", "Three ports"),
        ("ZÜRICH, March 3 (dpa) — Three ports closed on Friday as winds rose, the coast guard said.", "Three ports"),
        ("ST. LOUIS — A judge ruled on Monday that the ports must reopen next week.", "A judge"),
        ("(CNN) — Three ports closed on Friday as winds rose, the coast guard said.", "Three ports"),
        ("(CNN)Three ports closed on Friday as winds rose, the coast guard said.", "Three ports"),
        # A wire's typesetting codes around it (from a farming corpus).
        ("&QL; &UR; SALINAS, Calif. _ &LR; Tom Jones is a hands-on farmer, not a sentimental one.", "Tom Jones"),
        # A state's abbreviation in the dateline, where sentencex would end a sentence.
        ("TOPPENISH, Wash. (AP) -- At Tiny's Tavern, the talk on Friday was of the ports.", "At Tiny's"),
        # Not datelines: an acronym of two letters, a lower-case continuation.
        ("U.S. — The coast guard closed three ports on Friday as winds rose.", "U.S. — The"),
        ("NATO - the alliance - said on Friday that three ports had closed.", "NATO - the"),
    ],
)
def test_a_wire_dateline_is_not_part_of_the_lead_sentence(make_article, lead: str, first: str):
    article = make_article(f"Ports close as storm hits\n{lead}\nFerries stay in harbour until Sunday, operators said.\n")
    sentence = segment(article, 0)[0]
    assert sentence.text.startswith(first)
    assert article.text[sentence.start : sentence.end] == sentence.text  # still a span of the source


def test_only_the_lead_paragraph_has_a_dateline(make_article):
    article = make_article(
        "Ports close as storm hits\nThree ports closed on Friday as winds rose, the coast guard said.\n"
        "DOHA — The talks in Qatar went on through the night, two officials said.\n"
    )
    assert segment(article, 0)[1].text.startswith("DOHA — The talks")

def test_every_seed_sentence_points_at_its_source_text(seeds_dir: Path):
    articles, _ = read_sources([seeds_dir])
    sentences = segment_all(articles)
    assert len(sentences) > 150
    for s in sentences:
        span = articles[s.source].text[s.start : s.end]
        assert " ".join(span.split()) == s.text
        assert span == span.strip()
        assert "[INTERNAL_LINK]" not in span
    # Untrained Punkt splits after every "U.S."; we never do.
    assert not any(s.text.endswith("U.S.") for s in sentences)


def test_terms_are_stemmed_content_words():
    assert content_terms("The U.S.-Iraq talks: 2,500 US troops, pro-Iranian militias; us too.") == (
        "us", "iraq", "talk", "2500", "us", "troop", "pro", "iranian", "militia",
    )
    # Curly quotes are not glued to words.
    assert content_terms("“The drawdown”") == ("drawdown",)
    # Nor is wire copy's single mark for a quotation within one ("`Refer to the clips").
    assert content_terms("He said, `Refer to the clips.' He's blaming others.") == ("refer", "clip", "blame", "other")


def test_one_tokenizer_call_for_many_sentences_gives_what_one_call_each_gives():
    from nltk.tokenize import TreebankWordTokenizer

    from briefing import terms

    sentences = [
        "Hyde hoped to put it into Gingrich's.", "He said \"we go.\"", "It is in the U.S.",
        "Troops: 2,500.", "They said ``no.''", "Really?!", "It ends... ", "A (b.)",
        "''That's fine,'' Newton said. ''", "Eventually, Microsoft caught up to Netscape's.",
        "The U.S.-Iraq talks: 20.5% of 2,500 troops, pro-Iranian militias.",
    ]
    treebank = TreebankWordTokenizer()
    terms._TOKEN_CACHE.clear()
    terms.prime(sentences)
    for sentence in sentences:
        text = terms._PER_CENT.sub(" percent", sentence.translate(terms._QUOTES))
        alone = tuple(t for t in treebank.tokenize(text) if terms._WORDISH.search(t) or t == "%")
        assert terms.tokens(sentence) == alone, sentence
