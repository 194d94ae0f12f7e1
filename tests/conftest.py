from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.models import Article
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
