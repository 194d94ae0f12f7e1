from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from brief_schema import validate_brief
from briefing import rendering
from briefing.models import Article, Brief
from builders import make_article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project's sample set-up (seeds, themes, briefing.toml) as the
    working directory."""
    for name in ("seeds", "themes.toml", "briefing.toml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy(source, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(name="make_article")
def make_article_fixture() -> Callable[..., Article]:
    return make_article


@pytest.fixture(autouse=True)
def every_brief_json_is_valid(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every brief.json a test produces passes the shipped schema: each one rendered in
    this process, and each brief file left in the test's folder (written by a command
    run in a subprocess, say)."""
    render_json = rendering.render_json

    def validated(brief: Brief) -> str:
        text = render_json(brief)
        validate_brief(text)
        return text

    monkeypatch.setattr(rendering, "render_json", validated)
    folder = request.getfixturevalue("tmp_path") if "tmp_path" in request.fixturenames else None
    yield
    if folder is not None:
        for path in Path(folder).rglob("*.json"):
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and "themes" in data and "sources" in data:
                validate_brief(data)
