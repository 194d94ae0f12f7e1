"""The library API: what the CLI calls and what other programs embed.

Each function does one job over typed values; nothing here parses options or prints.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from briefing.config import Settings, ThemePack, load_themes
from briefing.errors import ConfigError
from briefing.models import Article, Brief, Theme

SourceLike = str | os.PathLike[str] | Article


def load_articles(sources: SourceLike | Sequence[SourceLike]) -> list[Article]:
    """Articles from paths (files or folders, read recursively in sorted order) and
    Article objects, in the order given."""
    from briefing.ingest import read_sources

    if isinstance(sources, (str, os.PathLike, Article)):
        sources = [sources]  # one path, not a sequence of characters
    articles: list[Article] = []
    paths: list[Path] = []

    def flush() -> None:
        if paths:
            articles.extend(read_sources(paths)[0])
            paths.clear()

    for source in sources:
        if isinstance(source, Article):
            flush()
            articles.append(source)
        else:
            paths.append(Path(source))
    flush()
    return articles


def load_theme_pack(themes: str | os.PathLike[str] | Sequence[Theme] | None, settings: Settings) -> ThemePack:
    if themes is None:
        if settings.themes is None:
            raise ConfigError("no themes: give a themes file (--themes FILE) or set 'themes' in briefing.toml")
        return load_themes(settings.themes)
    if isinstance(themes, (str, os.PathLike)):
        return load_themes(Path(themes))
    themes = tuple(themes)
    if not themes:
        raise ConfigError("no themes given")
    return ThemePack(title=None, themes=themes)


def build_brief(
    sources: SourceLike | Sequence[SourceLike] | None = None,
    themes: str | os.PathLike[str] | Sequence[Theme] | None = None,
    *,
    settings: Settings | None = None,
) -> Brief:
    """Read the sources and build the brief: select, group and cite per theme.

    ``sources`` default to ``settings.sources``; ``themes`` is a TOML file holding
    ``[[themes]]`` or a sequence of Theme objects, by default ``settings.themes``.
    """
    from briefing.assemble import assemble_brief

    settings = settings or Settings()
    if isinstance(sources, (str, os.PathLike, Article)):
        sources = [sources]
    chosen = list(sources) if sources else list(settings.sources)
    if not chosen:
        raise ConfigError("no sources: name files or folders, or set 'sources' in briefing.toml")
    pack = load_theme_pack(themes, settings)
    articles = load_articles(chosen)
    return assemble_brief(
        articles,
        pack.themes,
        title=settings.title or pack.title or "Briefing",
        date=settings.date,
    )


def render(
    brief: Brief, fmt: str, *, template_dir: Path | None = None, paper: str = "A4"
) -> str | bytes:
    """The brief as "md", "html" or "json" (str) or "pdf" (bytes)."""
    from briefing.rendering import render as render_format

    return render_format(brief, fmt, template_dir=template_dir, paper=paper)


def render_all(brief: Brief, settings: Settings) -> dict[str, str | bytes]:
    """Every format the settings ask for, as ``{"brief.md": ..., ...}``: all rendered
    before anything is written."""
    return {
        f"brief.{fmt}": render(brief, fmt, template_dir=settings.template_dir, paper=settings.paper)
        for fmt in settings.formats
    }


def write_brief(brief: Brief, settings: Settings) -> list[Path]:
    """Render the brief in the formats the settings ask for and write them into
    ``settings.out`` (``brief.md``, ``brief.html``, ...). Returns the paths written."""
    from briefing.deliver import write_files

    return write_files(settings.out, render_all(brief, settings))


def summarize(texts: Sequence[str], query: str | None = None, words: int = 100) -> list[str]:
    """The plain extractive summary of a list of article texts: at most ``words`` words,
    the most important sentence first. The same selector as the memo."""
    from briefing.assemble import summarize_articles
    from briefing.ingest import parse_text

    articles = [parse_text(text) for text in texts]
    return [s.text for s in summarize_articles(articles, query, words)]
