"""briefing: sourced briefing memos from news articles.

    >>> import briefing
    >>> brief = briefing.build_brief(["seeds/"], "themes.toml")
    >>> pdf = briefing.render(brief, "pdf")

Importing the package is cheap: NLTK, sentencex, numpy, Jinja2 and WeasyPrint load when first used.
"""

from __future__ import annotations

import logging

from briefing.api import build_brief, json_schema, render, summarize, write_brief
from briefing.config import Settings, load_settings, load_themes
from briefing.errors import BriefingError
from briefing.models import Article, Brief, Citation, Item, Section, Source, Theme

__all__ = [
    "Article",
    "Brief",
    "BriefingError",
    "Citation",
    "Item",
    "Section",
    "Settings",
    "Source",
    "Theme",
    "build_brief",
    "json_schema",
    "load_settings",
    "load_themes",
    "render",
    "summarize",
    "write_brief",
]

logging.getLogger("briefing").addHandler(logging.NullHandler())
