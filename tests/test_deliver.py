from __future__ import annotations

from pathlib import Path

import pytest

from briefing.deliver import write_files
from briefing.errors import OutputError


def test_files_are_written_and_replaced(tmp_path: Path):
    out = tmp_path / "out"
    assert write_files(out, {"brief.md": "one", "brief.pdf": b"%PDF"}) == [out / "brief.md", out / "brief.pdf"]
    write_files(out, {"brief.md": "two"})
    assert (out / "brief.md").read_text() == "two" and (out / "brief.pdf").read_bytes() == b"%PDF"
    assert sorted(p.name for p in out.iterdir()) == ["brief.md", "brief.pdf"]


def test_a_failed_write_leaves_no_trace_and_the_old_files_intact(tmp_path: Path):
    out = tmp_path / "out"
    write_files(out, {"brief.md": "old"})
    # The second file cannot be written (its folder does not exist): nothing is renamed.
    with pytest.raises(OutputError, match="missing/brief.html: cannot write"):
        write_files(out, {"brief.md": "new", "missing/brief.html": "x"})
    assert sorted(p.name for p in out.iterdir()) == ["brief.md"]
    assert (out / "brief.md").read_text() == "old"


def test_an_output_path_that_is_a_file(tmp_path: Path):
    (tmp_path / "taken").write_text("")
    with pytest.raises(OutputError):
        write_files(tmp_path / "taken", {"brief.md": "x"})


def test_a_folder_in_the_way_stops_the_write_before_any_file_is_replaced(tmp_path: Path):
    out = tmp_path / "out"
    write_files(out, {"brief.md": "old"})
    (out / "brief.pdf").mkdir()  # brief.md would be renamed into place, brief.pdf never
    with pytest.raises(OutputError, match=r"brief\.pdf: a folder is in the way"):
        write_files(out, {"brief.md": "new", "brief.html": "new", "brief.pdf": b"%PDF"})
    assert sorted(p.name for p in out.iterdir()) == ["brief.md", "brief.pdf"]
    assert (out / "brief.md").read_text() == "old"


def test_an_error_names_the_file_not_its_temporary_name(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").write_text("a file where a folder should be")
    with pytest.raises(OutputError) as error:
        write_files(out, {"sub/brief.md": "x"})
    assert str(error.value) == f"{out / 'sub' / 'brief.md'}: cannot write (Not a directory)"
