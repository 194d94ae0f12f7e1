"""Embedding briefing: the README's library example, an install outside the repository,
mypy strict, the shipped JSON Schema, and the command in a shell pipe."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import jsonschema
import pytest
from pypdf import PdfReader

import briefing
from brief_schema import SCHEMA, validate_brief

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
THEMES = ["Drawdown numbers", "Iran influence", "ISIS remnants", "Syria timeline"]


def readme_example() -> str:
    return README.split("## Using it as a library", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def test_the_readme_example_runs_as_written(project: Path):
    code = readme_example()
    assert 8 <= len([line for line in code.splitlines() if line.strip()]) <= 14
    result = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # the library never prints, and logs nowhere unless asked
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines[:4]] == THEMES
    assert all(line.endswith("from 5 sources") for line in lines[:4])
    summary = lines[4:]
    assert summary and all(any(s in " ".join(t.split()) for t in seed_texts()) for s in summary)
    pdf = PdfReader(project / "outputs" / "brief.pdf")
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert all(theme in text for theme in THEMES)


def test_the_package_installs_and_works_outside_the_repository(tmp_path: Path):
    """Build the wheel from the project's files, install it into a new environment and
    use it from a folder that has nothing of the repository but a copy of the seeds.
    The dependencies come from this environment (no network)."""
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for name in ("briefing", "templates"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    # A PYTHONPATH would put another copy of briefing before the installed one.
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    run = dict(capture_output=True, text=True, timeout=300, env=environment)
    wheel = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", str(source),
         "-w", str(tmp_path / "dist")], **run)
    assert wheel.returncode == 0, wheel.stderr
    env = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True, **run)
    python = env / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], check=True, **run)
    # The dependencies: this environment's packages, after the new one's own.
    Path(site.stdout.strip(), "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    (wheel_file,) = (tmp_path / "dist").glob("briefing-*.whl")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", str(wheel_file)], **run)
    assert install.returncode == 0, install.stderr

    work = tmp_path / "work"
    shutil.copytree(ROOT / "seeds", work / "news")
    shutil.copy(ROOT / "themes.toml", work / "themes.toml")
    script = """
import json, sys, jsonschema, briefing
from briefing import Brief
assert briefing.__file__.startswith(sys.prefix), briefing.__file__  # the installed copy
brief = briefing.build_brief(["news"], "themes.toml")
for fmt in ("md", "html", "json"):
    assert isinstance(briefing.render(brief, fmt), str)
pdf = briefing.render(brief, "pdf")
assert pdf.startswith(b"%PDF")
text = briefing.render(brief, "json")
jsonschema.validate(json.loads(text), briefing.json_schema())
assert briefing.render(Brief.from_json(text), "json") == text
summary = briefing.summarize([open("news/003_b0d5a710987baa56.txt").read()], words=50)
print(len(brief.sections), len(summary), sum(len(s.split()) for s in summary))
"""
    result = subprocess.run([python, "-c", script], cwd=work, **run)
    assert result.returncode == 0, result.stderr
    sections, sentences, words = map(int, result.stdout.split())
    assert sections == 4 and sentences >= 1 and words <= 50
    # The command came with it.
    command = subprocess.run([env / "bin" / "briefing", "build", "news", "--themes", "themes.toml", "--out", "out",
                              "--format", "pdf,json", "--date", "2025-10-05"], cwd=work, **run)
    assert command.returncode == 0, command.stderr
    assert (work / "out" / "brief.pdf").read_bytes().startswith(b"%PDF")
    validate_brief((work / "out" / "brief.json").read_text(encoding="utf-8"))


def mypy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_mypy_strict_is_clean():
    result = mypy("-p", "briefing")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found")


def test_code_that_embeds_briefing_type_checks(tmp_path: Path):
    # The README example passes strict mypy: render(brief, "pdf") is bytes, "md" is str...
    (tmp_path / "example.py").write_text(readme_example())
    result = mypy(str(tmp_path / "example.py"))
    assert result.returncode == 0, result.stdout + result.stderr
    # ... and a mix-up is caught.
    (tmp_path / "wrong.py").write_text(
        'from pathlib import Path\nimport briefing\n'
        'Path("brief.md").write_bytes(briefing.render(briefing.build_brief(["news"]), "md"))\n'
    )
    result = mypy(str(tmp_path / "wrong.py"))
    assert result.returncode == 1 and 'incompatible type "str"; expected "Buffer"' in result.stdout


def test_the_api_takes_paths_as_strings_or_path_objects(project: Path):
    settings = briefing.load_settings("briefing.toml")
    pack = briefing.load_themes("themes.toml")
    brief = briefing.build_brief("seeds", "themes.toml", settings=settings)
    assert brief == briefing.build_brief([Path("seeds")], Path("themes.toml"), settings=settings)
    # Theme objects instead of a file: the same sections (a file's title is the file's).
    assert briefing.build_brief("seeds", pack.themes, settings=settings).sections == brief.sections
    templates = project / "tpl"
    templates.mkdir()
    (templates / "brief.md.j2").write_text("{{ brief.title }}: {{ brief.sources|length }} sources\n")
    assert briefing.render(brief, "md", template_dir=str(templates)) == "Iraq drawdown brief: 5 sources\n"


def test_the_json_schema_ships_with_the_package_and_rejects_what_is_not_a_brief(seeds_dir: Path):
    from importlib.resources import files

    shipped = json.loads(files("briefing").joinpath("brief.schema.json").read_text("utf-8"))
    assert shipped == briefing.json_schema()
    jsonschema.Draft202012Validator.check_schema(shipped)
    data = validate_brief(briefing.render(briefing.build_brief([seeds_dir], ROOT / "themes.toml"), "json"))
    item = data["themes"][0]["items"][0]
    for broken in (
        {**data, "date": "5 October 2025"},
        {**data, "sources": [{**data["sources"][0], "id": 0}]},
        {**data, "themes": [{**data["themes"][0], "items": [{**item, "citations": []}]}]},
        {**data, "themes": [{**data["themes"][0], "items": [{**item, "status": "old"}]}]},
        {k: v for k, v in data.items() if k != "timeline"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, shipped, format_checker=jsonschema.FormatChecker())
    # The shipped schema is open to keys a later version adds; the tests' copy is not.
    jsonschema.validate({**data, "added_later": 1}, shipped)
    with pytest.raises(AssertionError, match="added_later"):
        validate_brief({**data, "added_later": 1})
    assert SCHEMA["additionalProperties"] is False


def test_every_shape_the_json_can_take_passes_the_schema():
    """Shapes the sample brief lacks: a float range, a change, an Article with no path,
    a daily status, an empty section, a date range, capped sections."""
    import datetime as dt

    from briefing.models import Citation, Claim, Discrepancy, Event, Figure, KeyFigure, Section, Source, When

    cite = (Citation(1, 0, 40), Citation(2, 10, 52))
    brief = briefing.Brief(
        title="Flood brief",
        date=dt.date(2026, 3, 2),
        sources=(Source(1, None, title="Wire copy", url="https://example.org/a"), Source(2, "b.txt:3", published=dt.date(2026, 3, 1))),
        sections=(
            Section("Damage", "How much damage?", (briefing.Item("The flood damaged 40 homes.", cite, 0.5, "updated"),)),
            Section("Aid", "What aid came?", (), note="No source in this set covers “Aid”."),
        ),
        key_figures=(
            KeyFigure(Figure(2.5, "%", "turnout", "about", upper=3.75, label="about 2.5%–3.75%"), "Turnout was 2.5-3.75%.", cite),
            KeyFigure(Figure(10.0, "USD", "", was=12.5, was_qualifier="over", label="over $12.5 → $10"), "Costs fell.", cite[:1]),
        ),
        timeline=(
            Event(When(2014, approximate=True), "Fighting raged between 2014 and 2017.", cite, until=When(2017, 5)),
            Event(When(2026, 9), "Operations will continue until September 2026.", cite[1:], bound="until"),
        ),
        discrepancies=(Discrepancy("Homes damaged", (Claim("40", "40 homes.", cite[:1]), Claim("not disclosed", "No figure.", cite[1:]))),),
        left_out={"key_figures": 3, "timeline": 2, "already_briefed": 1},
    )
    text = briefing.render(brief, "json")
    data = validate_brief(text)
    assert data["key_figures"][0]["upper"] == 3.75 and data["sources"][0]["path"] is None
    assert [e["bound"] for e in data["timeline"]] == [None, "until"]
    assert briefing.render(briefing.Brief.from_json(text), "json") == text


# --- the command in a pipeline -----------------------------------------------------------


def seeds_as_json_lines() -> str:
    return "".join(
        json.dumps({"text": p.read_text(encoding="utf-8"), "url": f"https://example.org/{p.stem}", "outlet": "Example"})
        + "\n"
        for p in sorted((ROOT / "seeds").glob("*.txt"))
    )


def briefing_command(*args: str) -> str:
    return shlex.join([sys.executable, "-m", "briefing", *args])


def test_json_lines_on_stdin_build_the_same_brief_as_the_files(tmp_path: Path):
    feed = tmp_path / "seeds.jsonl"
    feed.write_text(seeds_as_json_lines(), encoding="utf-8")
    themes = str(ROOT / "themes.toml")
    build = ["build", "--themes", themes, "--format", "json", "--out", "-", "--date", "2025-10-05"]
    pipe = f"cat {shlex.quote(str(feed))} | {briefing_command(*build[:1], '-', *build[1:])} | cat"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", pipe], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    piped = validate_brief(result.stdout)
    from_files = validate_brief(subprocess.run(
        [sys.executable, "-m", "briefing", *build[:1], str(ROOT / "seeds"), *build[1:]],
        capture_output=True, text=True, check=True).stdout)
    # Same sentences at the same offsets: a record is read as its file is.
    assert piped["themes"] == from_files["themes"] and piped["timeline"] == from_files["timeline"]
    assert [s["path"] for s in piped["sources"]] == [f"<stdin>:{n}" for n in range(1, 6)]
    assert all(s["url"].startswith("https://example.org/") and s["outlet"] == "Example" for s in piped["sources"])


def test_summarize_reads_stdin_mixed_with_files_in_the_order_given(tmp_path: Path):
    harwick = tmp_path / "harwick.txt"
    harwick.write_text("Dockers at Harwick walked out on Monday after talks on pay collapsed, halting all traffic.\n")
    seed = (ROOT / "seeds" / "003_b0d5a710987baa56.txt").read_text(encoding="utf-8")
    (tmp_path / "-").write_text("A file named with a dash is read when given as a path, like any other.\n")
    args = [sys.executable, "-m", "briefing", "summarize", "-", str(harwick), "-", "./-", "--words", "400"]
    result = subprocess.run(args, input=json.dumps({"text": seed}) + "\n", capture_output=True, text=True,
                            timeout=60, cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    lines = result.stdout.splitlines()
    # stdin read once ("-" twice), the file, and the file named "-".
    assert any("Harwick" in line for line in lines) and any("dash" in line for line in lines)
    assert all(line in " ".join(seed.split()) for line in lines if "Harwick" not in line and "dash" not in line)
    assert len(lines) == len(set(lines))


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        (subprocess.DEVNULL, "no readable article in <stdin>"),
        ("closed", "'-' reads standard input, but there is none (closed)"),
        (b'{"text": "ok"}\n{"text": "caf\xe9"}\n', "<stdin>: JSON Lines must be UTF-8 (line 2, byte 28 is not)"),
        (b'{"text": "Menu"}\n', "no readable article in <stdin> (1 record(s) skipped)"),
    ],
)
def test_stdin_that_cannot_be_read_is_one_error_line_and_exit_3(stdin, message: str):
    args = [sys.executable, "-m", "briefing", "summarize", "-"]
    if stdin == "closed":
        result = subprocess.run(["bash", "-c", f"{shlex.join(args)} <&-"], capture_output=True, text=True, timeout=60)
    elif isinstance(stdin, bytes):
        result = subprocess.run(args, input=stdin, capture_output=True, timeout=60)
        result.stderr = result.stderr.decode()
    else:
        result = subprocess.run(args, stdin=stdin, capture_output=True, text=True, timeout=60)
    assert result.returncode == 3
    assert result.stderr.splitlines()[-1] == f"briefing: error: {message}"
    assert all(line.startswith("briefing: ") for line in result.stderr.splitlines())


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["md", "pdf"])
def test_a_stream_that_cannot_be_written_is_exit_4(fmt: str):
    args = [sys.executable, "-m", "briefing", "build", str(ROOT / "seeds"), "--themes", str(ROOT / "themes.toml"),
            "--format", fmt, "--out", "-"]
    with open("/dev/full", "wb") as full:
        result = subprocess.run(args, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == 4
    assert result.stderr == "briefing: error: cannot write to standard output (No space left on device)\n"


def test_a_bad_record_on_stdin_is_one_error_line_and_exit_3(tmp_path: Path):
    lines = seeds_as_json_lines().splitlines()
    lines.insert(2, '{"text": "A short note.", "published": "last Tuesday"}')
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "build", "-", "--themes", str(ROOT / "themes.toml"), "--out", str(tmp_path / "out")],
        input="\n".join(lines), capture_output=True, text=True, timeout=60)
    assert result.returncode == 3
    assert result.stderr == "briefing: error: <stdin>:3: 'published' is not a date (YYYY-MM-DD, ISO 8601 or RFC 2822): 'last Tuesday'\n"
    assert not (tmp_path / "out").exists()


def test_logs_go_to_stderr_and_the_stream_stays_clean(tmp_path: Path):
    news = tmp_path / "news"
    shutil.copytree(ROOT / "seeds", news)
    (news / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")  # not text: skipped with a warning
    args = [sys.executable, "-m", "briefing", "build", str(news), "--themes", str(ROOT / "themes.toml"),
            "--format", "md", "--out", "-"]
    verbose = subprocess.run([*args, "-v"], capture_output=True, text=True, timeout=60)
    assert verbose.returncode == 0
    assert verbose.stdout.startswith("# Iraq drawdown brief") and "briefing:" not in verbose.stdout
    assert "briefing: warning: skipped" in verbose.stderr and "briefing: debug: selected" in verbose.stderr
    default = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert "warning: skipped" in default.stderr and "debug" not in default.stderr
    quiet = subprocess.run([*args, "-q"], capture_output=True, text=True, timeout=60)
    assert quiet.returncode == 0 and quiet.stderr == "" and quiet.stdout == default.stdout


def test_summarize_takes_one_text_as_one_article():
    text = (ROOT / "seeds" / "003_b0d5a710987baa56.txt").read_text(encoding="utf-8")
    assert briefing.summarize(text, words=50) == briefing.summarize([text], words=50) != []


def test_articles_made_by_a_program_without_article_text_are_skipped(seeds_dir: Path, caplog):
    menu = briefing.Article(text="Home | World | Sport")
    brief = briefing.build_brief([menu, seeds_dir], ROOT / "themes.toml")
    assert len(brief.sources) == 5 and "skipped an article starting 'Home | World | Sport'" in caplog.text
    with pytest.raises(briefing.BriefingError, match="no readable article") as error:
        briefing.build_brief([menu], ROOT / "themes.toml")
    assert error.value.exit_code == 3


def test_from_json_refuses_what_is_not_a_brief_with_value_error():
    for text in ("{}", "[]", "not json", '{"title": "T", "date": "2025-10-05", "sources": [{}], "themes": []}'):
        with pytest.raises(ValueError):
            briefing.Brief.from_json(text)


def test_a_library_caller_sees_logs_only_through_logging(seeds_dir: Path, tmp_path: Path, capsys, caplog):
    shutil.copytree(seeds_dir, tmp_path / "news")
    (tmp_path / "news" / "photo.txt").write_bytes(b"\x00\x01binary")
    with caplog.at_level("WARNING", logger="briefing"):
        briefing.build_brief([tmp_path / "news"], ROOT / "themes.toml")
    assert capsys.readouterr() == ("", "")
    assert [r.name for r in caplog.records] == ["briefing"] and "photo.txt" in caplog.records[0].getMessage()


def test_a_pdf_streams_into_a_pipe_but_never_onto_a_terminal(tmp_path: Path):
    import pty

    args = [sys.executable, "-m", "briefing", "build", str(ROOT / "seeds"), "--themes", str(ROOT / "themes.toml"),
            "--format", "pdf", "--out", "-"]
    piped = subprocess.run(args, capture_output=True, timeout=120)
    assert piped.returncode == 0 and piped.stderr == b""
    (tmp_path / "brief.pdf").write_bytes(piped.stdout)
    assert "Drawdown numbers" in PdfReader(tmp_path / "brief.pdf").pages[0].extract_text()
    terminal, other_end = pty.openpty()
    try:
        shown = subprocess.run(args, stdout=other_end, stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(terminal)
        os.close(other_end)
    assert shown.returncode == 2
    assert shown.stderr == "briefing: error: --out - with --format pdf writes binary data: redirect it to a file or a pipe\n"
