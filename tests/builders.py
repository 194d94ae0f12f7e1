"""Builders that let a test state its input inline (sumy's tests/utils.py does the same)."""

from __future__ import annotations

import dataclasses
from typing import Any

from briefing.ingest import parse_text
from briefing.models import Article


def make_article(text: str, **meta: Any) -> Article:
    """An Article parsed from inline text, with metadata overridden as given."""
    article = parse_text(text, path=meta.pop("path", None))
    return dataclasses.replace(article, **meta) if meta else article
