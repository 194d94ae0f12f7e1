"""The seeds brief end to end: golden Markdown and HTML, the JSON's promises, the PDF."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from briefing.api import build_brief, render
from briefing.config import load_settings
from briefing.ingest import read_sources
from briefing.models import Brief, Theme
from briefing.select import Index
from briefing.segment import segment_all
from builders import make_article

GOLDEN = Path(__file__).resolve().parent / "golden"
ROOT = Path(__file__).resolve().parent.parent
THEMES = ["Drawdown numbers", "Iran influence", "ISIS remnants", "Syria timeline"]


@pytest.fixture(scope="module")
def seeds_brief() -> Brief:
    """The brief `make brief` builds, dated so that the golden files stay put."""
    import os

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        settings = load_settings(ROOT / "briefing.toml", {"date": dt.date(2025, 10, 5)})
        return build_brief(settings=settings)
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="module")
def seed_texts() -> dict[int, str]:
    articles, _ = read_sources([ROOT / "seeds"])
    return {i + 1: a.text for i, a in enumerate(articles)}


def items(brief: Brief):
    return [item for section in brief.sections for item in section.items]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden_output(seeds_brief: Brief, fmt: str):
    """Regenerate with `make golden` after a deliberate change, and review the diff."""
    expected = (GOLDEN / f"brief.{fmt}").read_text(encoding="utf-8")
    assert render(seeds_brief, fmt) == expected


def test_sections_are_the_theme_pack_in_order(seeds_brief: Brief):
    assert [s.name for s in seeds_brief.sections] == THEMES
    assert all(s.items for s in seeds_brief.sections)
    assert 3 <= len(seeds_brief.bottom_line) <= 5


def test_every_item_is_verbatim_and_every_citation_points_at_its_sentence(seeds_brief: Brief, seed_texts):
    data = json.loads(render(seeds_brief, "json"))
    sentences = {(s.source + 1, s.start, s.end) for s in segment_all(read_sources([ROOT / "seeds"])[0])}
    for item in [i for t in data["themes"] for i in t["items"]] + data["bottom_line"]:
        first = item["citations"][0]
        span = seed_texts[first["source"]][first["start"] : first["end"]]
        assert " ".join(span.split()) == item["text"]
        for c in item["citations"]:
            assert (c["source"], c["start"], c["end"]) in sentences


def test_no_sentence_twice_and_no_fact_twice(seeds_brief: Brief):
    cited = [(c.source, c.start) for i in items(seeds_brief) for c in i.citations]
    assert len(cited) == len(set(cited))
    articles, _ = read_sources([ROOT / "seeds"])
    index = Index(segment_all(articles))
    where = {(s.source + 1, s.start): n for n, s in enumerate(index.sentences)}
    firsts = [where[(i.citations[0].source, i.citations[0].start)] for i in items(seeds_brief)]
    for a in firsts:
        for b in firsts:
            if a < b and index.sentences[a].source != index.sentences[b].source:
                assert index.same_fact(a, b) == 0, (index.sentences[a].text, index.sentences[b].text)


def test_repeated_facts_cite_every_source(seeds_brief: Brief):
    soleimani = [i for i in items(seeds_brief) if "Soleimani" in i.text]
    assert len(soleimani) == 1
    assert sorted(soleimani[0].source_ids) == [1, 2, 4, 5]


def test_key_facts_of_the_seeds_are_in_the_memo(seeds_brief: Brief):
    memo = " ".join(i.text for i in items(seeds_brief))
    for fact in ("2,500 to fewer than 2,000", "Erbil", "Soleimani", "September 2026", "fewer than 1,000"):
        assert fact in memo, fact


def test_the_pdf_reads_back_with_every_section_and_citation(seeds_brief: Brief):
    from pypdf import PdfReader

    pdf = render(seeds_brief, "pdf")
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    for heading in ["Iraq drawdown brief", "Bottom line", *THEMES, "Sources"]:
        assert heading in flat, heading
    markers = set(re.findall(r"\[(\d)\]", flat))
    cited = {str(sid) for i in items(seeds_brief) for sid in i.source_ids}
    assert cited <= markers
    assert "Page 1 of" in flat
    links = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])]
    assert len(links) >= sum(len(i.citations) for i in items(seeds_brief))


def test_the_same_quotation_is_one_fact_a_different_quote_of_the_same_speaker_is_not():
    articles, _ = read_sources([ROOT / "seeds"])
    index = Index(segment_all(articles))
    texts = [s.text for s in index.sentences]
    quote = next(i for i, t in enumerate(texts) if t.startswith("“The United States and its coalition partners will reduce"))
    grouped = [index.sentences[j].text for j in index.duplicates(quote)]
    assert grouped == [next(t for t in texts if t.startswith("“The U.S. will reduce its military mission in Iraq,” Parnell said"))]


def test_an_untitled_source_is_named_by_its_opening_words_after_the_dateline():
    text = (
        "WASHINGTON (AP) -- National Transportation Safety Board Chairman Jim Hall said Friday that "
        "additional studies must be completed before the board can name the cause of the crash.\n\n"
        "He disputed a report that investigators were convinced the jet was crashed on purpose.\n"
    )
    brief = build_brief([make_article(text, path="a.txt")], [Theme("Cause", "What caused the crash")])
    assert brief.sources[0].title is None
    assert brief.sources[0].lead == "National Transportation Safety Board Chairman Jim Hall said Friday that additional studies…"
