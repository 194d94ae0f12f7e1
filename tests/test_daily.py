"""The daily brief: dated folders, the history of what was briefed, failures."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from briefing.cli import main
from briefing.history import History
from briefing.models import Brief, Citation, Item, Section, Source

UPDATE = """US convoy leaves Ain al-Asad as drawdown speeds up

October 6, 2025

The first large US convoy left the Ain al-Asad airbase in western Iraq on Sunday, Iraqi officials said, as the drawdown of American forces gathered pace.
The Pentagon has said the number of American service members in Iraq will drop from just over 2,500 to fewer than 2,000, a reduction of about 20%.
Most of the remaining troops will be based in Erbil, the capital of the Kurdish region, with a smaller group in Baghdad.
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def statuses(folder: Path) -> list[str | None]:
    data = json.loads((folder / "brief.json").read_text(encoding="utf-8"))
    return [i["status"] for t in data["themes"] for i in t["items"]]


def test_two_days_in_a_row(project: Path):
    first = run("daily", "--date", "2025-10-05")
    assert first.exit_code == 0, first.output
    day1 = project / "outputs" / "2025-10-05"
    assert sorted(p.name for p in day1.iterdir()) == ["brief.html", "brief.json", "brief.md", "brief.pdf"]
    assert set(statuses(day1)) == {"new"}
    day1_md = (day1 / "brief.md").read_text(encoding="utf-8")

    (project / "seeds" / "005_update.txt").write_text(UPDATE, encoding="utf-8")
    second = run("daily", "--date", "2025-10-06")
    assert second.exit_code == 0, second.output
    day2 = project / "outputs" / "2025-10-06"
    md = (day2 / "brief.md").read_text(encoding="utf-8")
    data = json.loads((day2 / "brief.json").read_text(encoding="utf-8"))
    left_out = data["left_out"]["already_briefed"]
    assert left_out > 0
    assert f"*{left_out} items already briefed on earlier days left out" in md
    # The Pentagon figure is now carried by the new article too: UPDATED, citing it.
    drawdown = next(i for t in data["themes"] for i in t["items"] if "fewer than 2,000" in i["text"])
    assert drawdown["status"] == "updated" and 6 in [c["source"] for c in drawdown["citations"]]
    assert "**UPDATED** According to the Pentagon" in md
    assert None not in statuses(day2)
    assert (day1 / "brief.md").read_text(encoding="utf-8") == day1_md  # yesterday untouched

    # Re-running the day gives the same brief; --full shows what was left out.
    again = run("daily", "--date", "2025-10-06")
    assert again.exit_code == 0
    assert (day2 / "brief.md").read_text(encoding="utf-8") == md
    full = run("daily", "--date", "2025-10-06", "--full")
    assert full.exit_code == 0
    assert None in statuses(day2) and "already briefed" not in (day2 / "brief.md").read_text(encoding="utf-8")


def test_a_days_brief_leaves_out_articles_published_after_it(project: Path):
    (project / "seeds" / "005_update.txt").write_text(UPDATE, encoding="utf-8")  # published 6 October
    result = run("daily", "--date", "2025-10-05")
    assert result.exit_code == 0, result.output
    assert "left out 1 article(s) published after 2025-10-05" in result.stderr
    data = json.loads((project / "outputs" / "2025-10-05" / "brief.json").read_text(encoding="utf-8"))
    assert len(data["sources"]) == 5 and not any("convoy" in (s["title"] or "") for s in data["sources"])
    # Too early for every dated article; the undated ones still make a brief.
    early = run("daily", "--date", "2020-01-01")
    assert early.exit_code == 0, early.output
    data = json.loads((project / "outputs" / "2020-01-01" / "brief.json").read_text(encoding="utf-8"))
    assert all(s["published"] is None for s in data["sources"])


def test_a_fact_worded_by_a_new_source_is_updated_not_new(project: Path):
    later = project / "later"
    later.mkdir()
    for name in sorted(p.name for p in (project / "seeds").iterdir())[3:]:
        (project / "seeds" / name).rename(later / name)
    assert run("daily", "--date", "2025-10-04").exit_code == 0
    for moved in later.iterdir():
        moved.rename(project / "seeds" / moved.name)
    assert run("daily", "--date", "2025-10-05").exit_code == 0

    def cited(day: str) -> list[tuple[str, set[tuple[str, int, int]]]]:
        data = json.loads((project / "outputs" / day / "brief.json").read_text(encoding="utf-8"))
        path = {s["id"]: Path(s["path"]).name for s in data["sources"]}
        return [
            (i["status"], {(path[c["source"]], c["start"], c["end"]) for c in i["citations"]})
            for t in data["themes"]
            for i in t["items"]
        ]

    before = set().union(*(spans for _status, spans in cited("2025-10-04")))
    after = cited("2025-10-05")
    # Some items of the second day cite a sentence the first day's memo cited, under a
    # new source's wording: they are that fact again, so never NEW.
    again = [status for status, spans in after if spans & before]
    assert again and "new" not in again

def test_a_history_of_the_first_schema_is_upgraded_in_place(project: Path):
    assert run("daily", "--date", "2025-10-04").exit_code == 0
    history = project / "outputs" / "history.sqlite3"
    db = sqlite3.connect(history)  # back to schema 1, as an earlier briefing wrote it
    db.execute("ALTER TABLE snapshots DROP COLUMN spans")
    db.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
    db.commit()
    rows = db.execute("SELECT item, day, text FROM snapshots ORDER BY item").fetchall()
    db.close()
    assert rows
    result = run("daily", "--date", "2025-10-05")
    assert result.exit_code == 0, result.output
    db = sqlite3.connect(history)
    assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == ("2",)
    # What was briefed is kept, and known: the same sources do not make it new again.
    assert db.execute("SELECT item, day, text FROM snapshots WHERE day = '2025-10-04' ORDER BY item").fetchall() == rows
    assert not list(history.parent.glob("*.corrupt-*"))
    data = json.loads((project / "outputs" / "2025-10-05" / "brief.json").read_text(encoding="utf-8"))
    assert data["left_out"]["already_briefed"] == len(rows)


def test_a_history_held_by_another_run_is_an_output_error_not_corruption(project: Path, monkeypatch):
    import briefing.history

    assert run("daily", "--date", "2025-10-04").exit_code == 0
    history = project / "outputs" / "history.sqlite3"
    holder = sqlite3.connect(history, isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")  # another run, writing
    monkeypatch.setattr(briefing.history, "LOCK_TIMEOUT", 0.2)
    try:
        result = run("daily", "--date", "2025-10-05")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 4, result.output
    assert "history" in result.output and "locked" in result.output
    assert not list(history.parent.glob("*.corrupt-*"))  # nothing set aside

def test_a_failed_run_leaves_the_day_and_the_history_as_they_were(project: Path):
    assert run("daily", "--date", "2025-10-05").exit_code == 0
    day = project / "outputs" / "2025-10-05"
    before = {p.name: p.read_bytes() for p in day.iterdir()}
    history = project / "outputs" / "history.sqlite3"
    rows = sqlite3.connect(history).execute("SELECT count(*) FROM snapshots").fetchone()[0]
    (project / "briefing.toml").write_text(
        (project / "briefing.toml").read_text(encoding="utf-8").replace('"seeds"', '"missing-folder"'), encoding="utf-8"
    )
    failed = run("daily", "--date", "2025-10-05")
    assert failed.exit_code == 3
    assert {p.name: p.read_bytes() for p in day.iterdir()} == before
    assert sqlite3.connect(history).execute("SELECT count(*) FROM snapshots").fetchone()[0] == rows


def test_email_that_cannot_be_sent_stops_the_run_before_it_writes(project: Path, monkeypatch):
    for name in ("HOST", "PORT", "SECURITY", "USER", "FROM"):
        monkeypatch.delenv(f"BRIEFING_SMTP_{name}", raising=False)
    config = project / "briefing.toml"
    settings = config.read_text(encoding="utf-8")
    cases = [
        ('formats = ["md", "json"]\n', "--email sends the PDF"),  # no PDF to send
        ('[smtp]\nfrom = "desk@example.org"\nto = ["a@example.org"]\n', "no SMTP host"),
        ('[smtp]\nhost = "localhost"\nfrom = "desk@example.org"\n', "no recipient"),
        ('[smtp]\nhost = "localhost"\nto = ["a@example.org"]\n', "no sender"),
    ]
    for extra, message in cases:
        if extra.startswith("formats"):
            text = "\n".join(line for line in settings.splitlines() if not line.startswith("formats")) + "\n" + extra
        else:
            text = settings + "\n" + extra
        config.write_text(text, encoding="utf-8")
        result = run("daily", "--email", "--date", "2025-10-05")
        assert result.exit_code == 2, (extra, result.output)
        assert message in result.output
        assert not (project / "outputs").exists()  # neither the day's files nor the history


def test_daily_without_settings_says_so(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("daily")
    assert result.exit_code == 2
    assert f"no briefing.toml in {tmp_path}" in result.output

def test_a_corrupt_history_is_reported_moved_aside_and_rebuilt(project: Path, caplog):
    history = project / "outputs" / "history.sqlite3"
    history.parent.mkdir(parents=True, exist_ok=True)
    history.write_bytes(b"this is not a database" * 100)
    result = run("daily", "--date", "2025-10-05")
    assert result.exit_code == 0, result.output
    assert "cannot be read" in caplog.text or "cannot be read" in result.output
    aside = list(history.parent.glob("history.sqlite3.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not")
    assert sqlite3.connect(history).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_missing_history_is_reported(project: Path):
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "daily", "--date", "2025-10-05"],
        capture_output=True,
        text=True,
        cwd=project,
    )
    assert result.returncode == 0
    assert "history: no database at" in result.stderr


def test_concurrent_runs_do_not_corrupt_the_history(project: Path):
    command = [sys.executable, "-m", "briefing", "daily", "-q", "--date", "2025-10-05"]
    runs = [subprocess.Popen(command, cwd=project, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    for p in runs:
        _out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    db = sqlite3.connect(project / "outputs" / "history.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # Every run replaced the day's snapshots: one per item, not three.
    items = db.execute("SELECT count(*) FROM snapshots WHERE day = '2025-10-05'").fetchone()[0]
    data = json.loads((project / "outputs" / "2025-10-05" / "brief.json").read_text(encoding="utf-8"))
    assert items == sum(len(t["items"]) for t in data["themes"])


def brief_on(day: dt.date, *items: tuple[str, tuple[int, ...]]) -> Brief:
    sources = tuple(Source(i, f"{i}.txt", title=f"Article {i}") for i in (1, 2, 3))
    section = Section(
        "S",
        "q",
        tuple(Item(text, tuple(Citation(s, 0, 10) for s in cited), 1.0) for text, cited in items),
    )
    return Brief("T", day, sources, (section,))


def test_an_item_keeps_its_identity_through_small_rewordings(tmp_path: Path):
    with History(tmp_path / "h.sqlite3") as history:
        history.record(brief_on(dt.date(2025, 1, 1), ("Officials said about 1,200 residents were evacuated from Marlow on Tuesday.", (1,))))
        marked = history.mark(
            brief_on(
                dt.date(2025, 1, 2),
                ("Officials said 1,200 residents were evacuated from Marlow on Tuesday.", (1,)),  # reworded
                ("Officials said about 1,500 residents were evacuated from Marlow on Tuesday.", (1,)),  # new figure
                ("Officials said about 1,200 residents were evacuated from Marlow on Tuesday.", (1, 2)),  # new source
                ("The dam held through the night, engineers said.", (2,)),
            ),
            full=True,
        )
    assert [i.status for i in marked.sections[0].items] == [None, "updated", "updated", "new"]
