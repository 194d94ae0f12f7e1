from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import main

PORT_ARTICLE = (
    "Dockers at Harwick walked out on Monday after talks on pay collapsed, halting all container traffic.\n"
    "The port authority offered a 4% rise, which the union rejected as far below inflation.\n"
    "Union leader Maria Okafor warned that the strike could last until Christmas.\n"
)
PORT_THEMES = """title = "Port strike"
[[themes]]
name = "Pay"
query = "What pay offer was made and why was it rejected"
keywords = ["pay", "offer", "inflation"]
"""


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def one_error_line(result, code: int, *words: str) -> None:
    assert result.exit_code == code, (result.exit_code, result.output)
    # Warnings (a skipped file) may come first; the error is one line, the last.
    lines = [line for line in result.stderr.strip().splitlines() if not line.startswith("briefing: warning: ")]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("briefing: error: ")
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0]


@pytest.fixture
def port(tmp_path: Path) -> Path:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "harwick.txt").write_text(PORT_ARTICLE)
    (tmp_path / "themes.toml").write_text(PORT_THEMES)
    return tmp_path


# --- happy paths ---------------------------------------------------------------------


def test_build_with_no_arguments_reads_briefing_toml(project: Path):
    result = run("build", "--format", "md,json", "--date", "2025-10-05")
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["outputs/brief.md", "outputs/brief.json"]
    memo = (project / "outputs" / "brief.md").read_text()
    assert memo.startswith("# Iraq drawdown brief")
    data = json.loads((project / "outputs" / "brief.json").read_text())
    assert [t["name"] for t in data["themes"]] == ["Drawdown numbers", "Iran influence", "ISIS remnants", "Syria timeline"]
    assert data["date"] == "2025-10-05"


def test_build_another_corpus_with_its_own_themes(port: Path):
    out = port / "out"
    result = run("build", str(port / "news"), "--themes", str(port / "themes.toml"), "--out", str(out), "--format", "md,html,json")
    assert result.exit_code == 0, result.output
    memo = (out / "brief.md").read_text()
    assert "# Port strike" in memo and "4% rise" in memo
    assert "<a href=\"#src-1\">" in (out / "brief.html").read_text()


def test_out_dash_streams_one_text_format(port: Path):
    result = run("build", str(port / "news"), "--themes", str(port / "themes.toml"), "--format", "json", "--out", "-", "--title", "T")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["title"] == "T"


def test_summarize_prints_one_sentence_per_line_within_the_budget(seeds_dir: Path):
    result = run("summarize", str(seeds_dir), "--words", "60", "--query", "How many US troops remain in Iraq?")
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines and sum(len(line.split()) for line in lines) <= 60
    assert any("2,500" in line or "2,000" in line for line in lines)


def test_summarize_says_so_when_no_sentence_fits(seeds_dir: Path):
    result = run("summarize", str(seeds_dir), "--words", "5")
    assert result.exit_code == 0 and result.stdout == ""
    assert "no sentence of the sources fits in 5 words" in result.stderr


def test_a_binary_file_is_skipped_with_a_warning(port: Path):
    (port / "news" / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 50)
    result = run("build", str(port / "news"), "--themes", str(port / "themes.toml"), "--out", str(port / "out"), "--format", "md")
    assert result.exit_code == 0, result.output
    assert "photo.txt" in result.stderr and "warning" in result.stderr.lower()
    assert (port / "out" / "brief.md").exists()


@pytest.mark.parametrize("command", [[], ["build"], ["summarize"]])
def test_every_command_has_help_with_an_example(command: list[str]):
    result = run(*command, "--help")
    assert result.exit_code == 0
    if command:
        assert "Example:" in result.stdout


def test_python_dash_m_runs_the_command():
    result = subprocess.run([sys.executable, "-m", "briefing", "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "build" in result.stdout and "summarize" in result.stdout


# --- errors: one line, a documented status, nothing damaged --------------------------


def test_missing_source_path(port: Path):
    one_error_line(run("build", str(port / "nope"), "--themes", str(port / "themes.toml")), 3, "nope", "no such file")


def test_empty_corpus(port: Path):
    (port / "empty").mkdir()
    one_error_line(run("build", str(port / "empty"), "--themes", str(port / "themes.toml")), 3, "no readable article")


def test_unreadable_corpus_of_binary_files(port: Path):
    (port / "bin").mkdir()
    (port / "bin" / "a.txt").write_bytes(bytes(range(256)))
    one_error_line(run("build", str(port / "bin"), "--themes", str(port / "themes.toml")), 3, "no readable article")


def test_themes_syntax_error_names_the_line(port: Path):
    (port / "bad.toml").write_text('[[themes]]\nname = "Pay"\nquery = "unterminated\n')
    one_error_line(run("build", str(port / "news"), "--themes", str(port / "bad.toml")), 2, "bad.toml:3:", "TOML syntax error")


def test_theme_without_a_name(port: Path):
    (port / "noname.toml").write_text('[[themes]]\nquery = "pay"\n')
    one_error_line(run("build", str(port / "news"), "--themes", str(port / "noname.toml")), 2, "theme 1", "has no name")


def test_unknown_format(port: Path):
    one_error_line(run("build", str(port / "news"), "--themes", str(port / "themes.toml"), "--format", "md,docx"), 2, "unknown format 'docx'")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--date", "5/10/2025"], ["bad date"]),
        (["--paper", "A5"], ["paper"]),
        (["--out", "-", "--format", "md,json"], ["--out -", "one format"]),
        (["--template-dir", "no-such-dir"], ["template folder not found"]),
        (["--config", "missing.toml"], ["missing.toml"]),
    ],
)
def test_bad_options(port: Path, args: list[str], words: list[str]):
    one_error_line(run("build", str(port / "news"), "--themes", str(port / "themes.toml"), *args), 2, *words)


def test_no_themes_at_all(port: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(port)
    one_error_line(run("build", "news"), 2, "no themes")


def test_unwritable_output_folder(port: Path):
    (port / "file").write_text("not a folder")
    result = run("build", str(port / "news"), "--themes", str(port / "themes.toml"), "--out", str(port / "file" / "sub"))
    one_error_line(result, 4, "cannot")


def test_a_failed_build_leaves_the_previous_files_intact(port: Path):
    out = port / "out"
    ok = run("build", str(port / "news"), "--themes", str(port / "themes.toml"), "--out", str(out), "--format", "md,html")
    assert ok.exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    broken = port / "tpl"
    broken.mkdir()
    (broken / "brief.html.j2").write_text("{% if %}")  # the md renders, the html cannot
    result = run("build", str(port / "news"), "--themes", str(port / "themes.toml"), "--out", str(out),
                 "--format", "md,html", "--title", "Changed", "--template-dir", str(broken))
    assert result.exit_code == 5, result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_debug_shows_the_traceback(port: Path):
    result = run("build", str(port / "nope"), "--themes", str(port / "themes.toml"), "--debug")
    assert result.exit_code != 0 and result.exception is not None


def test_html_and_markdown_in_an_article_are_shown_as_text(tmp_path: Path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "x.txt").write_text(
        "Hackers posted <script>alert('pay')</script> on the union site, and the pay offer was withdrawn today.\n"
        "The union said the **pay offer** was [rejected](http://evil.example) because it fell below inflation.\n"
    )
    (tmp_path / "themes.toml").write_text(PORT_THEMES)
    out = tmp_path / "out"
    result = run("build", str(tmp_path / "news"), "--themes", str(tmp_path / "themes.toml"), "--out", str(out), "--format", "md,html,json")
    assert result.exit_code == 0, result.output
    html = (out / "brief.html").read_text()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="http://evil.example"' not in html and "<strong>pay offer</strong>" not in html
    # The JSON keeps the verbatim text; the Markdown escapes it.
    items = json.loads((out / "brief.json").read_text())["themes"][0]["items"]
    assert any("**pay offer** was [rejected](http://evil.example)" in i["text"] for i in items)
    assert r"\*\*pay offer\*\* was \[rejected\](http://evil.example)" in (out / "brief.md").read_text()


@pytest.mark.parametrize(
    "args",
    [["build", "--bogus"], ["summarize", "x.txt", "--words", "0"], ["summarize"], ["nosuchcommand"]],
)
def test_usage_errors_are_one_line_too(args: list[str]):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("briefing: error: ")


def test_a_reader_that_goes_away_is_not_an_error(seeds_dir: Path):
    command = f'"{sys.executable}" -m briefing summarize "{seeds_dir}" --words 300 | head -c 10'
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stderr == ""


def test_a_template_that_fails_while_rendering_is_a_render_error(port: Path):
    templates = port / "tpl"
    templates.mkdir()
    (templates / "brief.md.j2").write_text("{{ 1 / 0 }}")
    result = run("build", str(port / "news"), "--themes", str(port / "themes.toml"), "--out", str(port / "out"),
                 "--format", "md", "--template-dir", str(templates))
    one_error_line(result, 5, "ZeroDivisionError")
