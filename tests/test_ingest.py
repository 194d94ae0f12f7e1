from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from briefing.errors import SourceError
from briefing.ingest import (
    NotText,
    complete,
    decode,
    parse_text,
    read_json_lines,
    read_sources,
    read_text_file,
)
from briefing.models import Article

BOILERPLATE_SEEN_ON_THE_SEEDS = [
    "Don't Miss", "National march", "Felix Baumgartner", "The Austrian who broke",
    "[INTERNAL_LINK]", "Soldiers_assigned", "Picture: U.S. Troops", "Follow us on social",
    "U.s._army", "50911-N-9885M-300", "Top photo credit", "Mali", "Assimi Goita", "JNIM",
    "keep reading", "Adam Smith", "China", "Sentinel", "nuclear missile", "Newsletter",
    "Subscribe now", "LATEST", "QIOSK", "Analysis | Middle East", "Category:", "Author:",
]


def body_text(article) -> str:
    return "\n".join(article.text[b.start : b.end] for b in article.body_blocks())


# --- decoding -------------------------------------------------------------------------


def test_decode_utf8_with_and_without_bom():
    assert decode("Café – “quoted”".encode()) == "Café – “quoted”"
    assert decode(b"\xef\xbb\xbf" + "Café".encode()) == "Café"


def test_decode_falls_back_to_cp1252_then_latin1():
    assert decode("Café “quoted” – 5€".encode("cp1252")) == "Café “quoted” – 5€"
    # 0x81 is undefined in CP-1252: Latin-1 takes it rather than failing.
    assert decode(b"caf\xe9 \x81 ok") == "café \x81 ok"


def test_decode_utf16_with_bom():
    assert decode("Déjà vu".encode("utf-16")) == "Déjà vu"


def test_decode_refuses_binary():
    with pytest.raises(NotText):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_binary_file_is_skipped_and_the_rest_read(tmp_path: Path, caplog):
    (tmp_path / "a.txt").write_text("Officials said on Monday that the bridge will reopen in May after repairs.\n")
    (tmp_path / "b.txt").write_bytes(bytes(range(256)) * 4)
    articles, skipped = read_sources([tmp_path])
    assert [Path(a.path).name for a in articles] == ["a.txt"]
    assert [s.path.name for s in skipped] == ["b.txt"]
    assert "b.txt" in caplog.text


def test_missing_path_and_empty_corpus_are_errors(tmp_path: Path):
    with pytest.raises(SourceError, match="no such file"):
        read_sources([tmp_path / "nope"])
    (tmp_path / "empty.txt").write_text("   \n")
    with pytest.raises(SourceError, match="no readable article"):
        read_sources([tmp_path])


def test_folders_are_read_recursively_in_sorted_order(tmp_path: Path):
    text = "The mayor opened the new library on Friday in front of a large crowd.\n"
    for name in ("b/2.txt", "a/1.md", "c.txt", "ignored.pdf", ".hidden/x.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    articles, _ = read_sources([tmp_path])
    assert [Path(a.path).relative_to(tmp_path).as_posix() for a in articles] == ["a/1.md", "b/2.txt", "c.txt"]


# --- white space and offsets ------------------------------------------------------------


def test_odd_white_space_keeps_offsets_into_the_original(seeds_dir: Path):
    path = seeds_dir / "002_7fc7dffd4be10938.txt"
    article = read_text_file(path)
    assert article.text == path.read_text(encoding="utf-8")
    assert article.text.count("\u00a0") == 96
    assert article.title == "End of an Era: U.S. Troops Begin Historic Withdrawal from Iraq - What It Means for Global Security"


def test_crlf_text_is_read_as_is():
    text = "Bridge reopens\r\n\r\nThe bridge reopened on Monday after two years of repairs, the council said.\r\n"
    article = parse_text(text)
    assert article.text == text
    (body,) = article.body_blocks()
    assert text[body.start : body.end].startswith("The bridge reopened")


# --- metadata ---------------------------------------------------------------------------


def test_metadata_of_the_seeds(seeds_dir: Path):
    articles, _ = read_sources([seeds_dir])
    meta = {Path(a.path).name[:3]: (a.title, a.published, a.author) for a in articles}
    assert meta["000"] == (None, None, None)
    assert meta["001"] == (
        "The United States sets up camp in Iraq: mission accomplished or a retreat with its tail between its legs?",
        dt.date(2025, 10, 1),
        None,
    )
    assert meta["002"][1:] == (dt.date(2025, 10, 5), "Michal Fencl")
    assert meta["003"] == (None, dt.date(2025, 10, 2), None)
    assert meta["004"] == ("No, the U.S. military is not 'leaving' Iraq", None, None)


def test_dateline_author_and_title_of_a_page():
    article = parse_text(
        "Storm closes ports along the coast\n\nAuthor: Jane Q. Doe\n\n12 January 2024\n\n"
        "Three ports closed on Friday as winds reached 120 km/h, the coast guard said in a statement.\n"
        "Ferries will stay in harbour until Sunday at the earliest, operators told passengers.\n"
    )
    assert article.title == "Storm closes ports along the coast"
    assert article.author == "Jane Q. Doe"
    assert article.published == dt.date(2024, 1, 12)


def test_the_headline_above_the_dateline_even_when_the_body_words_differ():
    article = parse_text(
        "Advertisement\n\nTalks to resume in Portmere dispute\n\n6 March 2025\n\n"
        "Mediators said on Thursday that the port authority and the dockers would meet on Friday.\n\n"
        "The number of ships waiting outside the harbour has risen to 41, according to the authority.\n"
    )
    assert (article.title, article.published) == ("Talks to resume in Portmere dispute", dt.date(2025, 3, 6))


def test_a_byline_that_shares_its_line_with_the_date(tmp_path: Path):
    page = tmp_path / "page.md"
    page.write_text(
        "# Strike: what the union wants\n\n*Published 5 March 2025 · By Sam Okafor*\n\n"
        "The union has set out its demands on the third day of the strike at the port.\n"
    )
    (article,), _ = read_sources([page])
    assert (article.author, article.published) == ("Sam Okafor", dt.date(2025, 3, 5))


BODY = (
    "City officials on Friday ordered all 62,000 residents of Millbrook to boil their tap water after routine "
    "tests found E. coli bacteria at two sampling stations.\n\nThe order covers every address served by the "
    "Cedar Street treatment plant, which supplies the whole city, the city said.\n"
)


@pytest.mark.parametrize(
    ("header", "author", "published"),
    [
        ("By Dana Whitfield\nStaff Writer, The Millbrook Courier\n"
         "Published March 14, 2025 at 6:12 p.m. | Updated March 14, 2025 at 9:40 p.m.", "Dana Whitfield", (2025, 3, 14)),
        ("*By Marcus Lee · Valley Public Radio · 2025-03-16*", "Marcus Lee", (2025, 3, 16)),
        ("Written by Greg Holloway, Ledger Editorial Board | 18/03/2025", "Greg Holloway", (2025, 3, 18)),
        ("By Greg Holloway | 18 March 2025", "Greg Holloway", (2025, 3, 18)),
        ("By Dana Whitfield\n\nPosted Oct. 2, 2025, 6:12 p.m. ET", "Dana Whitfield", (2025, 10, 2)),
        ("By Ann Lee and Bo Park, March 18, 2025", "Ann Lee and Bo Park", (2025, 3, 18)),
        ("Greg Holloway, Staff Writer\n\nOctober 2, 2025 at 6:12 PM EDT", "Greg Holloway", (2025, 10, 2)),
        ("by Lena Marsh | Oregon Daily Star\n\n2 Oct 2025 18:12 BST", "Lena Marsh", (2025, 10, 2)),
    ],
)
def test_bylines_and_time_stamps_as_pages_write_them(header: str, author: str, published: tuple[int, int, int]):
    article = parse_text(f"THE MILLBROOK COURIER\n\nBoil-water order issued for Millbrook\n\n{header}\n\n{BODY}")
    assert (article.title, article.author, article.published) == (
        "Boil-water order issued for Millbrook",
        author,
        dt.date(*published),
    )
    assert body_text(article).startswith("City officials on Friday ordered")


def test_a_masthead_and_its_date_line_above_the_headline_are_not_the_title():
    article = parse_text(
        "Oregon Daily Star\nSaturday, March 15th, 2025\n\nShare on Facebook   Share on X   Email\n\n"
        f"Millbrook outbreak: state to review city's handling of water crisis\n\nby Lena Marsh | Oregon Daily Star\n\n{BODY}"
    )
    assert article.title == "Millbrook outbreak: state to review city's handling of water crisis"
    assert (article.author, article.published) == ("Lena Marsh", dt.date(2025, 3, 15))


def test_a_body_sentence_naming_a_reporter_stays_body_text():
    article = parse_text(
        f"Pipes\n\nMarch 18, 2025\n\n{BODY}\nJohn Smith, a former reporter, said the city had known for years.\n"
    )
    assert "John Smith, a former reporter" in body_text(article)


def test_the_caption_under_an_image_is_not_body_text(tmp_path: Path):
    page = tmp_path / "page.md"
    opening = (
        "The union has set out its demands on the third day of the strike at the port.\n\n"
        "The last strike, in 2019, lasted eleven days and cost an estimated $1.2 billion.\n\n"
    )
    page.write_text(
        opening + "![Cranes idle at Portmere](cranes.jpg)\n\nCranes stand idle at the terminal on Wednesday.\n\n"
        "photo_2291.jpg\n\nPickets gather outside the main gate before dawn.\n\n"
        "![](map.png)\n\nTalks resumed on Friday, and the union said it was \"hopeful\" of a deal by Monday.\n"
    )
    (article,), _ = read_sources([page])
    blocks = [article.text[b.start : b.end] for b in article.body_blocks()]
    assert not any("Cranes" in t or "Pickets" in t for t in blocks)
    # A paragraph that reports someone's words is the article going on, not a caption.
    assert blocks[-1].startswith("Talks resumed on Friday")


def test_a_short_lead_under_the_top_image_is_the_article(tmp_path: Path):
    page = tmp_path / "page.md"
    page.write_text(
        "# Port strike enters third day\n\n![A container ship at the quay](https://example.com/ship.jpg)\n\n"
        "Dock workers at Portmere stayed off the job for a third day on Wednesday.\n\n"
        "The union has set out its demands on the third day of the strike at the port.\n\n"
        "The last strike, in 2019, lasted eleven days and cost an estimated $1.2 billion.\n\n"
        "Talks are due to resume on Friday, the port authority said in a statement.\n"
    )
    (article,), _ = read_sources([page])
    blocks = [article.text[b.start : b.end] for b in article.body_blocks()]
    assert blocks[0] == "Dock workers at Portmere stayed off the job for a third day on Wednesday."

def test_unknown_stays_unknown():
    article = parse_text(
        "Three ports closed on Friday as winds reached 120 km/h, the coast guard said in a statement.\n"
        "Ferries will stay in harbour until next week at the earliest, operators told passengers.\n"
    )
    assert (article.title, article.published, article.author) == (None, None, None)


def test_a_date_in_the_lead_dates_the_article_but_not_one_further_down():
    lead = "The ministry announced on March 3, 2024, that the plant would close, ending 300 jobs."
    later = "The plant first opened on June 1, 1990, and employed 900 people at its peak."
    assert parse_text(f"{lead}\n{later}\n").published == dt.date(2024, 3, 3)
    assert parse_text(f"Workers were told the plant would close, ending 300 jobs in the town.\n{later}\n").published is None


# --- boilerplate ------------------------------------------------------------------------


def test_no_boilerplate_reaches_the_body_of_the_seeds(seeds_dir: Path):
    articles, _ = read_sources([seeds_dir])
    for article in articles:
        body = body_text(article)
        for marker in BOILERPLATE_SEEN_ON_THE_SEEDS:
            # "[INTERNAL_LINK]" sits inside paragraphs: segmentation removes it (test_segment).
            if marker != "[INTERNAL_LINK]":
                assert marker not in body, (article.path, marker)


def test_article_text_survives_on_the_seeds(seeds_dir: Path):
    articles, _ = read_sources([seeds_dir])
    bodies = {Path(a.path).name[:3]: body_text(a) for a in articles}
    assert "2,500 to fewer than 2,000" in bodies["003"]
    assert "Author" not in bodies["002"] and "Parnell" in bodies["002"]
    assert bodies["004"].startswith("Officials have announced an 'end' to the combat mission")
    assert "prevent Iran from acquiring a nuclear weapon" in bodies["004"]
    assert "The remnants of the Islamic State" in bodies["001"]
    assert "only time will tell" in bodies["001"]


def test_a_page_of_another_site_is_cleaned(data_dir: Path):
    article = read_text_file(data_dir / "citytimes.txt")
    assert article.title == "Council approves £48m budget after late-night vote"
    assert article.author == "Priya Raman"
    assert article.published == dt.date(2024, 3, 14)
    body = body_text(article)
    assert body.startswith("Councillors approved a £48m budget")
    # The article goes on past an advert and a "Read more" link ...
    assert "2,000 potholes" in body and "until 30 April" in body
    # ... but nothing of the page around it stays.
    for furniture in ("Home | News", "Sign in", "Photograph by", "Advertisement", "Read more",
                      "Related stories", "Bus fares", "fuel costs", "Getty", "Stadium",
                      "15,000-seat", "newsletter", "Share this", "©"):
        assert furniture not in body, furniture


def test_headings_inside_the_body_are_kept_apart(seeds_dir: Path):
    article = read_text_file(seeds_dir / "000_c9972f89c1d3049c.txt")
    headings = [article.text[b.start : b.end] for b in article.blocks if b.kind == "heading"]
    assert "The New Chapter: What Does This Security Alliance Mean?" in headings
    assert "The New Chapter" not in body_text(article)


WIRE_STORY = """\
Dock workers at the Port of Portmere walked off the job on Monday, halting cargo traffic for the first time in a decade.
The union said the strike would last until the port authority reopened talks on pay and shift lengths.
&QL; &QL;
(BEGIN OPTIONAL TRIM)
Pay talks
&QL; &QL;
The authority's chairman said on Tuesday that the union's demands would cost the port $48 million a year.
The union has asked for the following:
_ a pay rise of 6 percent a year for three years;
_ shifts of no more than ten hours;
_ two more cranes on the night shift.
* * *
Shipping lines began diverting vessels to Harwick on Wednesday, a spokesman for the largest of them said.
"""


def test_wire_notes_section_breaks_and_lists_do_not_cut_an_article_short():
    # Each of these is a run of three short blocks, the shape of a teaser card; the
    # paragraphs after them are still the article's.
    body = body_text(parse_text(WIRE_STORY))
    assert body.startswith("Dock workers")
    assert "the union's demands would cost the port $48 million" in body
    assert "Shipping lines began diverting vessels" in body
    assert "&QL;" not in body and "OPTIONAL TRIM" not in body and "* * *" not in body


def test_utf8_text_with_stray_cp1252_bytes_keeps_its_accents():
    raw = "Café owners said the offer was ".encode() + b"\x93too low\x94."
    assert decode(raw) == "Café owners said the offer was “too low”."


def test_a_markdown_heading_is_the_title(tmp_path: Path):
    (tmp_path / "a.md").write_text(
        "# Dockers strike at Harwick\n\nDockers at Harwick walked out on Monday after talks on pay collapsed, halting traffic.\n"
    )
    (article,), _ = read_sources([tmp_path])
    assert article.title == "Dockers strike at Harwick"


def test_each_file_is_read_once_and_unsupported_types_are_skipped(tmp_path: Path, caplog):
    (tmp_path / "a.txt").write_text("Officials said on Monday that the bridge will reopen in May after repairs.\n")
    (tmp_path / "page.html").write_text("<html><body>Not read yet</body></html>")
    articles, skipped = read_sources([tmp_path, tmp_path / "a.txt", (tmp_path / "a.txt").resolve(), tmp_path / "page.html"])
    assert len(articles) == 1
    assert [s.path.name for s in skipped] == ["page.html"] and "not a supported file type" in caplog.text



def test_a_folder_says_how_many_files_it_did_not_read(tmp_path: Path, caplog):
    (tmp_path / "a.txt").write_text("Officials said on Monday that the bridge will reopen in May after repairs.\n")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.html").write_text("<html></html>")
    (tmp_path / "NOTES").write_text("to do")
    (tmp_path / ".hidden.png").write_bytes(b"")  # hidden files are not even mentioned
    articles, _ = read_sources([tmp_path])
    assert len(articles) == 1
    assert f"{tmp_path}: skipped 3 file(s) of a kind not read (.html, .png, no extension)" in caplog.text


def test_a_copy_of_an_article_is_one_source_not_two(tmp_path: Path, seeds_dir: Path, caplog):
    import shutil

    from briefing.api import load_articles

    seed = sorted(seeds_dir.iterdir())[3]
    (tmp_path / "copies").mkdir()
    copy = tmp_path / "copies" / "saved-again.txt"
    copy.write_text("\n\n" + seed.read_text(encoding="utf-8").replace("\n", "\r\n"), encoding="utf-8")
    shutil.copy(seeds_dir / sorted(p.name for p in seeds_dir.iterdir())[0], tmp_path / "other.txt")
    articles = load_articles([seeds_dir, tmp_path / "copies", tmp_path / "other.txt"])
    assert [Path(a.path or "").name for a in articles] == sorted(p.name for p in seeds_dir.iterdir())
    assert f"skipped {copy}: the same article as " in caplog.text and seed.name in caplog.text

# --- JSON Lines: articles handed over by another program ---------------------------------

HARWICK = (
    "Dockers at Harwick walked out on Monday after talks on pay collapsed, halting all container traffic.\n\n"
    "The port authority offered a 4% rise, which the union rejected as far below inflation.\n"
)


def jsonl(*records: object) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def test_json_lines_records_become_articles_with_their_metadata():
    text = jsonl(
        {"title": "Harwick strike", "text": HARWICK, "url": "https://example.org/a", "outlet": "Port News",
         "published": "2025-10-02T08:30:00Z", "author": "Ann Lee", "id": 17},
        {"text": "Container traffic at Harwick stopped on Monday as dockers began an open-ended strike.",
         "published": "Thu, 02 Oct 2025 23:30:00 -0400", "title": None},
    )
    first, second = read_json_lines("\n" + text, "feed.jsonl")  # blank lines are skipped
    assert (first.title, first.url, first.outlet, first.author) == ("Harwick strike", "https://example.org/a", "Port News", "Ann Lee")
    assert first.published == dt.date(2025, 10, 2) and first.path == "feed.jsonl:2"
    # The text is read like a text file: paragraphs are blocks, offsets index into it.
    assert [first.text[b.start : b.end] for b in first.body_blocks()] == [p for p in HARWICK.split("\n") if p]
    # RFC 2822, as in RSS: the date as the feed wrote it, not moved to another zone.
    assert second.published == dt.date(2025, 10, 2) and second.title is None and second.path == "feed.jsonl:3"


def test_a_json_lines_text_may_hold_unicode_line_separators():
    # JSON strings may hold U+2028 raw; only "\n" ends a record.
    line = '{"text": "Dockers walked out on Monday\u2028after talks on pay collapsed at the port of Harwick."}\n'
    (article,) = read_json_lines(line, "<stdin>")
    assert "\u2028" in article.text


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "<stdin>:2: not a JSON object (Expecting value, column 1)"),
        ('["a list"]', "<stdin>:2: not a JSON object"),
        ('{"title": "No text"}', "<stdin>:2: 'text' must be the article's text, a non-empty string"),
        ('{"text": "   "}', "<stdin>:2: 'text' must be the article's text, a non-empty string"),
        ('{"text": "Some words here.", "url": 5}', "<stdin>:2: 'url' must be a string or null, not int"),
        ('{"text": "Some words here.", "published": "yesterday"}', "<stdin>:2: 'published' is not a date"),
    ],
)
def test_a_malformed_json_lines_record_is_an_error_naming_its_line(line: str, message: str):
    with pytest.raises(SourceError) as error:
        read_json_lines(jsonl({"text": HARWICK}) + line + "\n", "<stdin>")
    assert str(error.value).startswith(message)


def test_json_lines_with_a_bom_and_crlf_read_as_plain_json_lines():
    plain = read_json_lines(jsonl({"text": HARWICK, "published": "2025-10-02T23:30:00-04:00"}), "a")
    windows = read_json_lines(("\ufeff" + jsonl({"text": HARWICK, "published": "2025-10-02T23:30:00-04:00"})).replace("\n", "\r\n"), "a")
    assert plain == windows and plain[0].published == dt.date(2025, 10, 2)  # the date as written there


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[" * 100_000, "<stdin>:1: not a JSON object (nested too deeply)"),
        ('{"text": "Some words here.", "published": "Thu, 02 Oct 99999999999 08:30:00 GMT"}', "<stdin>:1: 'published' is not a date"),
    ],
)
def test_hostile_json_lines_are_errors_not_crashes(line: str, message: str):
    with pytest.raises(SourceError) as error:
        read_json_lines(line, "<stdin>")
    assert str(error.value).startswith(message)


def test_half_an_emoji_reads_as_a_replacement_character(caplog):
    (article,) = read_json_lines('{"text": "Dockers at Harwick walked out \\ud83d on Monday after pay talks collapsed.", "title": "\\ude00 Strike"}', "<stdin>")
    assert "\ufffd on Monday" in article.text and article.title == "\ufffd Strike"
    assert len(article.text) == len("Dockers at Harwick walked out ? on Monday after pay talks collapsed.")
    assert "<stdin>:1: an unpaired surrogate escape" in caplog.text
    article.text.encode("utf-8")  # writable, unlike the surrogate


def test_jsonl_files_in_a_folder_are_read_record_by_record(tmp_path: Path, caplog):
    (tmp_path / "feed.jsonl").write_text(jsonl({"text": HARWICK}, {"text": "Menu"}), encoding="utf-8")
    (tmp_path / "b.txt").write_text(HARWICK)
    articles, skipped = read_sources([tmp_path])
    assert [a.path for a in articles] == [f"{tmp_path / 'b.txt'}", f"{tmp_path / 'feed.jsonl'}:1"]
    assert len(skipped) == 1 and f"feed.jsonl:2: no article text found" in caplog.text


def test_a_jsonl_file_that_is_not_utf8_or_empty_is_skipped_like_a_binary_file(tmp_path: Path, caplog):
    raw = b'{"text": "x"}\n{"text": "caf\xe9 owners said the offer was too low."}\n'
    (tmp_path / "a.jsonl").write_bytes(raw)
    (tmp_path / "b.jsonl").write_bytes(b"")
    (tmp_path / "c.txt").write_text(HARWICK)
    articles, skipped = read_sources([tmp_path])
    assert len(articles) == 1 and [s.path.name for s in skipped] == ["a.jsonl", "b.jsonl"]
    assert f"skipped {tmp_path / 'a.jsonl'}: JSON Lines must be UTF-8 (line 2, byte {raw.index(0xE9)} is not)" in caplog.text
    assert skipped[1].reason == "empty file"


def test_an_article_made_by_a_program_is_read_like_a_file():
    article = complete(Article(text="HARWICK, Oct. 2, 2025 —\n\n" + HARWICK, url="https://example.org/a"))
    assert len(article.body_blocks()) == 2 and article.url == "https://example.org/a"
    assert article.published == dt.date(2025, 10, 2)  # from the dateline, as for a file
    assert complete(article) is article  # read once


def test_pages_without_article_text_are_not_copies_of_each_other(caplog):
    from briefing.ingest import distinct

    pages = [parse_text("Menu\n\nHome"), parse_text("Login\n\nSubscribe")]
    assert distinct(pages) == pages
    assert "the same article" not in caplog.text


def test_a_notice_shouted_ahead_of_a_wire_story_is_not_its_text():
    # From a crime corpus: one paragraph, opening with a copyright notice in capitals.
    notice = (
        "WASHINGTON, D.C. 20003 Tel: 202-547-4512 Fax: 202-546-4194 COPYRIGHT 1998 BY WORLDSOURCES, INC., "
        "A JOINT VENTURE OF FDCH, INC. AND WORLD TIMES, INC. NO PORTION OF THE MATERIALS CONTAINED HEREIN "
        "MAY BE USED IN ANY MEDIA WITHOUT ATTRIBUTION TO WORLDSOURCES, INC. "
    )
    story = (
        "MACAU'S Judicial Police on Sunday announced the arrest of three alleged triad members, among them two "
        "women said to be close to the gang's detained leader. The three were identified by the police as gang "
        "members. Macau's district court ordered the pre-trial detention of the two women on charges of "
        "criminal association."
    )
    article = parse_text(notice + story)
    body = [article.text[b.start : b.end] for b in article.blocks if b.kind == "body"]
    assert body == [story]


def test_a_wire_photo_package_is_captions_not_an_article():
    # From a farming corpus: a photo package's listing sent as a story. Every caption
    # opens with the photo's code and closes with its credit; the first is a note to
    # editors. None of it is article text.
    package = (
        "ATTENTION EDITORS: The following photos are part of tonight's New York Times Photo Package, moving "
        "Wednesday, 10/20/99. Photo clients will automatically receive these photos via AP's PhotoExpress.\n\n"
        "(NYT42) NEW YORK -- Oct. 20, 1999 -- NY-METS-HONEYMOONERS, 10-20 -- The Mets' Tuesday night loss to "
        "the Atlanta Braves ruined the honeymoon plans of Brenda and Felix Manglinong, newlyweds from "
        "Sacramento, Calif., who had dreams of attending a World Series. (James Estrin/New York Times Photo)\n\n"
        "(NYT39) VERO BEACH, Fla. -- Oct. 20, 1999 -- PEST-CONTROL-2-COX, 10-20 -- Solarization keeps diseases "
        "and blemishes at bay on a Vero Beach organic vegetable farm. (Randall Smith/Agricultural Research "
        "Service photo)\n"
    )
    article = parse_text(package)
    assert [b.kind for b in article.blocks] == ["boilerplate"] * 3
    # A story that ends with a photo's credit keeps its text; the caption alone goes.
    story = (
        "Farmers in the valley have cut their use of pesticides by half since 1995, the county's agricultural "
        "office said on Monday, crediting a program that pays growers to release beneficial insects.\n\n"
        "A grower inspects his beans. (AP Photo/Jane Doe)\n"
    )
    assert [b.kind for b in parse_text(story).blocks] == ["body", "boilerplate"]


def test_a_wire_budget_and_an_authors_note_are_not_article_text():
    # From a home-schooling corpus: a news service's budget of the day's stories, sent
    # as a story, gave the memo "nearly 700 | students" from a story it only announces;
    # from an arthritis corpus: a record holding only its author's note was a source.
    budget = (
        "(For use by N.Y. Times News Service clients)(a) &QL;\n\n"
        "The Arizona Republic plans to move the following stories for use by\n\n"
        "clients of the NYTimes News Service for Tuesday, Aug. 29. If you\n\n"
        "have any questions, please call The Republic News Desk at (602)\n\n"
        "444-8286.\n\n"
        "POLYGAMIST (Colorado City, Ariz.) - School opens in Colorado City. Nearly 700 students don't show up, "
        "as the fundamentalist church begins its home-schooling project. By MARK SHAFFER. Story will move in "
        "the ``A'' category.\n\n"
        "PACKARD (Undated) {ndash} A Phoenix man puts up for auction the rights to the famous Packard "
        "automobile name. By BOB GOLFEN. Story will move in the ``A'' category.\n\n"
        "AUTISM-THERAPY (Undated) _ The explosion in the population of children with autism has created huge "
        "demand for therapists.\n"
    )
    article = parse_text(budget)
    body = [article.text[b.start : b.end] for b in article.body_blocks()]
    assert not any("700" in text or "Packard" in text or "explosion" in text for text in body)
    # A budget says what it is in its first line: nothing in it is article text, not its
    # contacts, bylines or notes either (a memo's timeline had dated the budget itself).
    budget = (
        "The Seattle Post-Intelligencer plans to move the following for clients of the NYTimes News Service "
        "for editions of Tuesday, Nov. 16, and thereafter. If you have any questions, please call Larry "
        "Johnson at (206) 448-8035.\n\n"
        "DAM-FISH (Undated) _ A panel of scientists assembled by the federal government says punching holes "
        "in four Snake River dams is the best way to help endangered salmon there.\n\n"
        "By Robert McClure.\n\n"
        "(Story will move in the ``a'' category.)\n\n"
        "The agency said on Monday that it would decide on the dams by the end of the year.\n"
    )
    assert parse_text(budget).body_blocks() == ()
    budget = (
        "The Arizona Republic plans to move the following stories on Tuesday, Aug. 29. If you have any "
        "questions, please call The Republic News Desk at (602) 444-8286.\n\n"
        "PACKARD (Undated) _ A Phoenix man puts up for auction the rights to the famous Packard name.\n\n"
        "The auction house said on Monday that bidding would open at $1 million next month.\n"
    )
    assert parse_text(budget).body_blocks() == ()
    # The wire's header before it, a note to clients and typesetting codes, does not
    # push the announcement out of the first lines; nor do "Sunday editions of clients".
    header = "(a) &QL;\n\n(For use by N.Y. Times News Service clients)(a) &QL;\n\n&QL;\n\n"
    assert parse_text(header + budget).body_blocks() == ()
    sunday = budget.replace("stories on Tuesday", "for Sunday editions of clients of the NYTimes News Service")
    assert parse_text(sunday).body_blocks() == ()
    for words in ("for use by clients of the NYTimes News Service", "for weekend editions"):
        assert parse_text(budget.replace("stories on Tuesday", words)).body_blocks() == (), words
    # A story that says the words is a story all the same; so is one that quotes a
    # budget's words far down.
    for story in (
        "WASHINGTON (AP) -- The Army plans to move the following for storage at a depot in Utah: tanks, "
        "trucks and spare parts.\n\nThe move will take two years, officials said on Monday.\n",
        "WASHINGTON (AP) -- The Pentagon plans to move the following for eventual military use: tanks, "
        "trucks and spare parts.\n\nThe move will take two years, officials said on Monday.\n",
        "WASHINGTON (AP) -- The Pentagon plans to move the following for Army use: tanks, "
        "trucks and spare parts.\n\nThe move will take two years, officials said on Monday.\n",
        "WASHINGTON (AP) -- The Army said on Monday it would close the depot by the end of the year.\n\n"
        "Officials said the closure would save $40 million a year.\n\nCongress must still approve it.\n\n"
        "A memo read: the base plans to move the following stories of the building first.\n",
    ):
        assert len(parse_text(story).body_blocks()) >= 2, story
    note = "&UR; (Margaret Talbot is a contributing writer for The New York Times Magazine.) &LR;\n\n------------------ &QC;\n"
    assert parse_text(note).body_blocks() == ()
    # A wire dateline is no budget entry, and a reporter in a story is no author's note.
    for story in (
        "WASHINGTON (AP) -- The government announced new air bag rules on Tuesday, ending a two-year review.\n",
        "WASHINGTON (AP, Reuters) -- The Senate voted on Tuesday to approve the bill after a long debate.\n",
        "(Smith, who was a freelance reporter, declined to comment on the matter on Tuesday.)\n",
        "For use by hospitals and their clients, the new device costs about $300 and is sold in most states.\n",
    ):
        assert len(parse_text(story).body_blocks()) == 1, story
