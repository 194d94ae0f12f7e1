"""Rendering a Brief as Markdown, HTML, PDF and JSON."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.errors import ConfigError, RenderError
from briefing.models import Brief, Citation, Event, Figure, Item, KeyFigure, Section, Source, When
from briefing.rendering import FORMATS, md_text, render

EVIL = "<script>alert(1)</script> [click](http://evil.example) **bold** <http://x.example> & &amp;"


def make_item(text: str, *source_ids: int) -> Item:
    return Item(text, tuple(Citation(s, 10 * s, 10 * s + len(text)) for s in source_ids), 0.5)


def make_brief(
    *,
    title: str = "Iraq drawdown brief",
    sections: tuple[Section, ...] | None = None,
    sources: tuple[Source, ...] | None = None,
    bottom_line: tuple[Item, ...] | None = None,
) -> Brief:
    if sources is None:
        sources = (
            Source(1, "seeds/001.txt", "US to cut Iraq troops", "Reuters", "Phil Stewart",
                   dt.date(2025, 10, 2), "https://example.com/a?x=1&y=2"),
            Source(2, "seeds/002.txt", None, None, None, None, None,
                   lead="BAGHDAD — Iraqi officials said on Thursday"),
            Source(3, "seeds/003.html", "Kurds welcome troops", None, "Amberin Zaman",
                   dt.date(2025, 10, 1)),
        )  # fmt: skip
    if sections is None:
        sections = (
            Section("Drawdown numbers", "How many troops leave", (
                make_item("Troops will fall from 2,500 to fewer than 2,000.", 1, 3, 1),
                make_item("Several hundred troops already left Ain al-Asad.", 2),
            )),
            Section("Syria timeline", "When", (),
                    note="No source in this set covers Syria timeline."),
            Section("Reactions", "Who said what", (
                make_item("Kurdish leaders welcomed the US presence in Erbil.", 3, 2),
            )),
        )  # fmt: skip
    if bottom_line is None:
        bottom_line = (make_item("The US will cut its presence in Iraq by a fifth.", 1),)
    return Brief(title, dt.date(2025, 10, 5), sources, sections, bottom_line)


class _Text(HTMLParser):
    """The text a reader sees: tags dropped, entities decoded, <style> and <title> skipped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._skip += tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "title")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", "".join(parser.parts))


def no_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def sample_brief() -> Brief:
    return make_brief()


@pytest.fixture(scope="module")
def sample_pdf(sample_brief: Brief) -> bytes:
    pdf = render(sample_brief, "pdf")
    assert isinstance(pdf, bytes)
    return pdf


# Markdown


def test_markdown_shows_every_part(sample_brief: Brief) -> None:
    md = render(sample_brief, "md")
    assert isinstance(md, str)
    assert md.startswith("# Iraq drawdown brief\n")
    assert "5 October 2025" in md
    assert "Drawn from 3 sources" in md
    assert "## Bottom line" in md
    assert "> - The US will cut its presence in Iraq by a fifth. [[1]](#src-1)\n" in md
    for section in sample_brief.sections:
        assert f"## {section.name}\n" in md
    assert "\n*No source in this set covers Syria timeline.*\n" in md
    assert "## Sources" in md
    assert '1. **US to cut Iraq troops**<a id="src-1"></a> — Reuters, by Phil Stewart' in md
    assert "2 October 2025" in md
    assert "`seeds/001.txt`" in md
    assert "<https://example.com/a?x=1&y=2>" in md
    assert '**Untitled** “BAGHDAD — Iraqi officials said on Thursday”<a id="src-2"></a> · date unknown' in md
    assert "— by Amberin Zaman · 1 October 2025" in md
    assert md.endswith("\n") and "\n\n\n" not in md


def test_markdown_items_cite_each_source_once_in_citation_order(sample_brief: Brief) -> None:
    md = render(sample_brief, "md")
    assert "2,000. [[1]](#src-1)[[3]](#src-3) · *2 sources*\n" in md
    assert "Erbil. [[3]](#src-3)[[2]](#src-2) · *2 sources*\n" in md


def test_markdown_item_without_citation_and_lines_without_trailing_space() -> None:
    section = Section("S", "q", (make_item("Uncited."), make_item("Cited.", 1)))
    md = render(make_brief(sections=(section,)), "md")
    assert "\n- Uncited.\n- Cited. [[1]](#src-1) · *single source*\n" in md
    assert not re.search(r" $", md, re.MULTILINE)


def test_markdown_plain_words_stay_readable() -> None:
    md = render(make_brief(title="Troops & bases: a 2025 update, part 2-3"), "md")
    assert md.startswith("# Troops & bases: a 2025 update, part 2-3\n")


# HTML


def test_html_citations_link_to_source_anchors(sample_brief: Brief) -> None:
    html = render(sample_brief, "html")
    assert isinstance(html, str)
    assert '<a href="#src-1">[1]</a><a href="#src-3">[3]</a>' in html
    for n in re.findall(r'href="#src-(\d+)"', html):
        assert f'id="src-{n}"' in html
    for source in sample_brief.sources:
        assert html.count(f'id="src-{source.id}"') == 1


def test_html_is_a_self_contained_page(sample_brief: Brief) -> None:
    html = render(sample_brief, "html")
    assert html.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in html
    assert "<title>Iraq drawdown brief</title>" in html
    assert "<style>" in html and "blockquote {" in html and "@page { size: A4; }" in html
    assert "<link" not in html and "<script" not in html
    assert re.search(r"<h2[^>]*>Drawdown numbers</h2>", html)
    assert "<em>No source in this set covers Syria timeline.</em>" in html


def test_html_escapes_item_text() -> None:
    brief = make_brief(sections=(Section("Evil", "q", (make_item(EVIL, 1),)),))
    html = render(brief, "html")
    assert "<script" not in html
    assert 'href="http://evil' not in html
    assert "<strong>bold" not in html
    assert "x.example" not in re.sub(r">[^<]*<", "><", html)  # only as text
    assert EVIL + " [1]" in visible_text(html)


def test_html_escapes_titles_names_and_source_fields() -> None:
    source = Source(1, "a`b<i>.txt", "<b>Head</b> *x*", "<i>Outlet</i>", "_Au_", None,
                    "javascript:alert(1)")  # fmt: skip
    brief = make_brief(
        title="<script>x</script> # [t](http://evil.example)",
        sources=(source,),
        sections=(Section("<em>Name</em>", "q", (make_item("Text.", 1),)),),
    )
    html = render(brief, "html")
    assert "<script" not in html and "<b>" not in html and "<i>" not in html
    assert "<em>Name" not in html and "<strong>Head" not in html
    assert "javascript:" not in re.sub(r">[^<]*<", "><", html)  # text, never an href
    assert "<title>&lt;script&gt;x&lt;/script&gt; # [t](http://evil.example)</title>" in html
    text = visible_text(html)
    assert "<script>x</script> # [t](http://evil.example)" in text
    assert "<em>Name</em>" in text
    assert (
        "<b>Head</b> *x* — <i>Outlet</i>, by _Au_ · date unknown · a`b<i>.txt · javascript:alert(1)"
        in text
    )


@pytest.mark.parametrize(
    "text",
    [
        EVIL,
        "1986. That year",
        "4.3 percent",
        "- a list? + no > quote",
        "# not a heading #",
        "*** --- ___",
        "snake_case *emph* `code` \\*escaped\\* \\\\ back\\slash",
        "[ref]: http://x.example title",
        "{: #id .cls } at the end {: .x}",
        "&copy; &#169; &#xA9; &nope & done",
        "<!-- comment --> <?php ?> <a@b.example> <br>",
        "![img](http://x.example/i.png) (parens) !bang",
        "=== | table | ~~strike~~ ^sup^ :colon:",
        "\u00ab guillemets \u00bb — dash … ellipsis \u2019quote\u2019",
    ],
)
def test_mdtext_shows_the_original_characters(text: str) -> None:
    brief = make_brief(title=text, sections=(Section(text, "q", (make_item(text, 1),)),))
    html = render(brief, "html")
    body = html.split("<main", 1)[1].split("</main>")[0]
    assert not re.search(r"<(?!/?(?:main|h1|h2|p|ul|ol|li|a|em|strong|code|blockquote)\b)", body)
    assert 'href="http://x' not in body
    text_seen = visible_text(body)
    assert text_seen.count(text) >= 3  # title, section name, item


def test_the_memo_says_how_many_analyst_entries_it_leaves_out_and_nowhere_else_to_find_them() -> None:
    cite = (Citation(1, 0, 10),)
    brief = dataclasses.replace(
        make_brief(),
        key_figures=(KeyFigure(Figure(2500.0, None, "troops", label="2,500"), "2,500 troops remain.", cite),),
        timeline=(Event(When(2025, 10), "Troops left in October 2025.", cite),),
        left_out={"key_figures": 3, "timeline": 2},
    )
    md = render(brief, "md")
    assert "*3 more figures left out.*" in md
    assert "*2 more dated events left out: the timeline keeps those most sources report.*" in md
    assert "brief.json" not in md  # it holds the same entries as the memo
    assert json.loads(render(brief, "json"))["left_out"] == {"key_figures": 3, "timeline": 2}


def test_mdtext_collapses_white_space_and_drops_control_characters() -> None:
    assert md_text("a\n\n    b\x02c\t") == "a bc"


def test_mdtext_escapes_a_number_only_where_it_would_start_a_list() -> None:
    # brief.md is read as it is: "4\.3 percent" in a key-figures cell was noise.
    assert md_text("4.3 percent") == "4.3 percent"
    assert md_text("1986. That year") == "1986\\. That year"


def test_source_urls_are_links_only_when_http() -> None:
    sources = (
        Source(1, None, "T1", url='https://example.com/p?q="x"<y>&z=`1`'),
        Source(2, None, "T2", url="JavaScript:alert(1)"),
        Source(3, None, "T3", url="data:text/html,<script>"),
    )
    html = render(make_brief(sources=sources), "html")
    hrefs = re.findall(r'href="([^"]*)"', html)
    external = [h for h in hrefs if not h.startswith("#")]
    assert external == ["https://example.com/p?q=%22x%22%3Cy%3E&amp;z=%601%60"]
    assert "<script" not in html


# PDF


def pdf_reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def test_pdf_holds_the_memo_text_and_page_numbers(sample_brief: Brief, sample_pdf: bytes) -> None:
    assert sample_pdf.startswith(b"%PDF")
    reader = pdf_reader(sample_pdf)
    text = no_space("".join(page.extract_text() for page in reader.pages))
    assert no_space(sample_brief.title) in text
    for section in sample_brief.sections:
        assert no_space(section.name) in text
        for item in section.items:
            assert no_space(item.text) in text
    assert no_space(f"Page 1 of {len(reader.pages)}") in text
    assert reader.metadata is not None and reader.metadata.title == sample_brief.title


def test_pdf_shows_the_running_title_from_page_two() -> None:
    many = tuple(make_item(f"Item number {n} says something long enough to fill a line.", 1)
                 for n in range(60))  # fmt: skip
    brief = make_brief(title="Long brief", sections=(Section("Many", "q", many),))
    reader = pdf_reader(render(brief, "pdf"))
    assert len(reader.pages) >= 2
    second = reader.pages[1].extract_text()
    assert "Long brief" in second and "Page 2 of" in second


def text_boxes(box):
    """Every run of text WeasyPrint laid out under a box, each with where it ends."""
    if type(box).__name__ == "TextBox":
        yield box
    for child in getattr(box, "children", None) or ():
        yield from text_boxes(child)


def box_text(box) -> str:
    return " ".join(b.text for b in text_boxes(box))


def test_long_titles_and_words_without_spaces_stay_on_the_page() -> None:
    import weasyprint

    unbroken = "A" * 150
    title = "A memo title long enough to need more than one line in the running header " * 2
    sources = (Source(1, "a.txt", unbroken, "Gazette", None, dt.date(2025, 10, 2), "https://example.com/" + "x" * 150),)
    many = tuple(make_item(f"Item number {n} says something long enough to fill a line.", 1) for n in range(40))
    brief = make_brief(title=title, sources=sources, sections=(Section("Many", "q", many),), bottom_line=())
    document = weasyprint.HTML(string=render(brief, "html")).render()
    assert len(document.pages) >= 2

    for page in document.pages:
        right = page.width - page._page_box.margin_right + 1
        content = [box for box in page._page_box.children if type(box).__name__ != "MarginBox"]
        assert max(b.position_x + b.width for box in content for b in text_boxes(box)) <= right
    # The running title on page two is one line, clipped at the margin.
    (header,) = [box for box in document.pages[1]._page_box.children if getattr(box, "at_keyword", "") == "@top-left"]
    assert len(list(text_boxes(header))) == 1
    assert header.position_x + header.width <= document.pages[1].width - document.pages[1]._page_box.margin_right + 1

def test_a_citation_stays_with_its_last_word_and_no_word_is_stranded() -> None:
    # On this text, at A4, WeasyPrint 70 with Pango 1.50 once broke the line after
    # "September" and left "2025" alone on the next one; and a citation could open a line.
    import weasyprint

    from briefing.models import Event, When
    from briefing.rendering import print_html

    text = (
        "The agreement to end the American-led coalition's military mission by September 2025 underscores "
        "a shift in focus from combat operations to supporting Iraqi sovereignty and regional stability."
    )
    event = Event(When(2025, 9), text, (Citation(3, 0, len(text)),), bound="by")
    brief = dataclasses.replace(make_brief(), timeline=(event,))
    html = print_html(brief)
    assert "stability.\u2060<a" in html and "[3]" in html
    document = weasyprint.HTML(string=html).render()

    def lines(box, inside=False):  # the words of each line of the timeline's entry
        if type(box).__name__ == "LineBox" and inside:
            yield " ".join(b.text for b in text_boxes(box)).split()
            return
        for child in getattr(box, "children", None) or ():
            yield from lines(child, inside or (getattr(child, "element_tag", "") == "li" and "regional" in box_text(child)))

    found = [line for page in document.pages for line in lines(page._page_box) if line != ["•"]]
    assert len(found) >= 2
    assert all(len(line) > 1 for line in found), found
    assert found[-1][-2:] == ["stability.\u2060", "[3]"]


def test_pdf_citations_are_internal_links(sample_pdf: bytes) -> None:
    reader = pdf_reader(sample_pdf)
    dests = {
        annot.get_object().get("/Dest")
        for page in reader.pages
        for annot in page.get("/Annots", [])
    }
    assert {"src-1", "src-2", "src-3"} <= dests
    assert {"src-1", "src-2", "src-3"} <= set(reader.named_destinations)


def test_pdf_paper_size(sample_brief: Brief, sample_pdf: bytes) -> None:
    a4 = pdf_reader(sample_pdf).pages[0].mediabox
    letter = pdf_reader(render(sample_brief, "pdf", paper="letter")).pages[0].mediabox
    assert float(a4.width) == pytest.approx(595.3, abs=0.5)
    assert float(letter.width) == pytest.approx(612, abs=0.5)
    assert float(letter.height) == pytest.approx(792, abs=0.5)


def test_pdf_without_weasyprint_is_a_render_error(
    sample_brief: Brief, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # makes the import fail
    with pytest.raises(RenderError, match="PDF output needs WeasyPrint"):
        render(sample_brief, "pdf")


# JSON


def test_json_is_the_brief_dict(sample_brief: Brief) -> None:
    text = render(sample_brief, "json")
    assert isinstance(text, str) and text.endswith("}\n")
    assert "BAGHDAD — Iraqi" in text  # not \u-escaped
    data = json.loads(text)
    assert data == sample_brief.to_dict()
    assert Brief.from_dict(data) == sample_brief


# Templates


def test_user_template_extends_the_default(sample_brief: Brief, tmp_path: Path) -> None:
    (tmp_path / "brief.md.j2").write_text(
        '{% extends "default:brief.md.j2" %}\n'
        "{% block header %}# {{ brief.title|mdtext }} (for the desk)\n\nPrepared by Ops.\n"
        "{% endblock %}\n"
    )
    md = render(sample_brief, "md", template_dir=tmp_path)
    assert md.startswith("# Iraq drawdown brief (for the desk)\n\nPrepared by Ops.\n")
    assert "Drawn from" not in md
    assert "## Bottom line" in md and "## Drawdown numbers" in md and "## Sources" in md
    html = render(sample_brief, "html", template_dir=tmp_path)
    assert "<p>Prepared by Ops.</p>" in html


def test_user_template_overrides_one_section(sample_brief: Brief, tmp_path: Path) -> None:
    (tmp_path / "brief.md.j2").write_text(
        '{% extends "default:brief.md.j2" %}\n'
        "{% block section %}\n### {{ section.name|mdtext }} ({{ section.items|length }})\n"
        "{% endblock %}\n"
    )
    md = render(sample_brief, "md", template_dir=tmp_path)
    assert "### Drawdown numbers (2)\n" in md and "### Syria timeline (0)\n" in md
    assert "\n## Drawdown numbers" not in md and "\n## Sources" in md


def test_user_stylesheet_replaces_or_extends_the_default(
    sample_brief: Brief, tmp_path: Path
) -> None:
    (tmp_path / "style.css").write_text("body { color: rebeccapurple; }\n")
    html = render(sample_brief, "html", template_dir=tmp_path)
    assert "color: rebeccapurple" in html and "blockquote {" not in html
    (tmp_path / "style.css").write_text(
        '{% include "default:style.css" %}\nbody { color: rebeccapurple; }\n'
    )
    html = render(sample_brief, "html", template_dir=tmp_path)
    assert "blockquote {" in html
    assert html.index("blockquote {") < html.index("color: rebeccapurple")


def test_broken_user_template_is_one_line_render_error(sample_brief: Brief, tmp_path: Path) -> None:
    (tmp_path / "brief.md.j2").write_text("line one\n{% if %}\n")
    with pytest.raises(RenderError, match=r"brief\.md\.j2, line 2"):
        render(sample_brief, "md", template_dir=tmp_path)


def test_missing_template_dir_is_a_config_error(sample_brief: Brief, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="template folder"):
        render(sample_brief, "md", template_dir=tmp_path / "nope")


# Options and imports


def test_unknown_format_is_a_config_error(sample_brief: Brief) -> None:
    with pytest.raises(ConfigError, match="unknown format 'docx': choose from md, html, pdf, json"):
        render(sample_brief, "docx")


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_unknown_paper_is_a_config_error(sample_brief: Brief, fmt: str) -> None:
    with pytest.raises(ConfigError, match="paper"):
        render(sample_brief, fmt, paper="A5")


def test_formats() -> None:
    assert FORMATS == ("md", "html", "pdf", "json")


def _modules_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
    return set(out.stdout.split())


def test_import_is_light() -> None:
    loaded = _modules_after("import briefing.rendering")
    assert not {"jinja2", "markdown", "weasyprint"} & loaded


def test_text_formats_never_import_weasyprint() -> None:
    loaded = _modules_after(
        "import datetime as dt\n"
        "from briefing.models import Brief\n"
        "from briefing.rendering import render\n"
        "b = Brief('T', dt.date(2025, 1, 1), (), ())\n"
        "for fmt in ('md', 'html', 'json'): render(b, fmt)"
    )
    assert "markdown" in loaded
    assert not any(name.split(".")[0] == "weasyprint" for name in loaded)

