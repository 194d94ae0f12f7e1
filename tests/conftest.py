from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from briefing.ingest import parse_text
from briefing.models import Article

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


def make_article(text: str, **meta: Any) -> Article:
    """An Article parsed from inline text, with metadata overridden as given."""
    import dataclasses

    article = parse_text(text, path=meta.pop("path", None))
    return dataclasses.replace(article, **meta) if meta else article


@pytest.fixture(name="make_article")
def make_article_fixture() -> Callable[..., Article]:
    return make_article
