"""The library API: what the CLI calls and what other programs embed.

Each function does one job over typed values; nothing here parses options or prints.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, overload

from briefing.config import Settings, SmtpSettings, ThemePack, load_themes
from briefing.errors import ConfigError, SourceError
from briefing.models import Article, Brief, Theme

log = logging.getLogger("briefing")

SourceLike = str | os.PathLike[str] | Article


def load_articles(sources: SourceLike | Sequence[SourceLike]) -> list[Article]:
    """Articles from paths (files or folders, read recursively in sorted order), the
    string ``"-"`` (JSON Lines on stdin; a path ``./-`` is a file) and Article objects,
    in the order given. An Article given with its text only is read like a file (see
    ``ingest.complete``); one without article text is skipped with a warning."""
    from briefing.ingest import STDIN, Skipped, complete, distinct, none_readable, read_sources, read_stdin, readable

    if isinstance(sources, (str, os.PathLike, Article)):
        sources = [sources]  # one path, not a sequence of characters
    articles: list[Article] = []
    paths: list[Path] = []
    skipped: list[Skipped] = []
    stdin_read = False

    def flush() -> None:
        if paths:
            articles.extend(read_sources(paths)[0])
            paths.clear()

    for source in sources:
        if isinstance(source, Article):
            flush()
            articles.extend(readable([complete(source)], None, skipped))
        elif isinstance(source, str) and source == STDIN:
            flush()
            if not stdin_read:  # "-" twice: stdin is read once
                articles.extend(read_stdin())
                stdin_read = True
        else:
            paths.append(Path(source))
    flush()
    if not articles:
        raise none_readable("the articles given", skipped, "article")
    return distinct(articles)


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
    published_by: dt.date | None = None,
) -> Brief:
    """Read the sources and build the brief: select, group and cite per theme.

    ``sources`` default to ``settings.sources``; ``themes`` is a TOML file holding
    ``[[themes]]`` or a sequence of Theme objects, by default ``settings.themes``.
    With ``published_by``, articles published after that day are left out (undated
    ones stay), with a warning: a day's brief knows nothing of the days after it.
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
    if published_by is not None:
        kept = [a for a in articles if a.published is None or a.published <= published_by]
        if len(kept) < len(articles):
            log.warning("left out %d article(s) published after %s", len(articles) - len(kept), published_by.isoformat())
        articles = kept
        if not articles:
            raise SourceError(f"no article published by {published_by.isoformat()}")
    return assemble_brief(
        articles,
        pack.themes,
        title=settings.title or pack.title or "Briefing",
        date=settings.date,
    )


TemplateDir = str | os.PathLike[str] | None


@overload
def render(brief: Brief, fmt: Literal["md", "html", "json"], *, template_dir: TemplateDir = None, paper: str = "A4") -> str: ...
@overload
def render(brief: Brief, fmt: Literal["pdf"], *, template_dir: TemplateDir = None, paper: str = "A4") -> bytes: ...
@overload
def render(brief: Brief, fmt: str, *, template_dir: TemplateDir = None, paper: str = "A4") -> str | bytes: ...


def render(brief: Brief, fmt: str, *, template_dir: TemplateDir = None, paper: str = "A4") -> str | bytes:
    """The brief as "md", "html" or "json" (str) or "pdf" (bytes). Templates in
    ``template_dir`` override the shipped ones."""
    from briefing.rendering import render as render_format

    folder = Path(template_dir) if template_dir is not None else None
    return render_format(brief, fmt, template_dir=folder, paper=paper)


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
    from briefing.ingest import distinct, parse_text

    if isinstance(texts, str):
        texts = [texts]  # one article, not a sequence of characters
    articles = distinct(parse_text(text) for text in texts)
    return [s.text for s in summarize_articles(articles, query, words)]


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of what ``render(brief, "json")`` writes; the
    same file ships as ``briefing/brief.schema.json``."""
    import json
    from importlib.resources import files

    schema: dict[str, Any] = json.loads(files("briefing").joinpath("brief.schema.json").read_text("utf-8"))
    return schema


# --- the daily brief and mail ----------------------------------------------------------------


@dataclass(frozen=True)
class DailyResult:
    brief: Brief  # as written: items marked new or updated, already-briefed ones left out
    folder: Path
    files: tuple[Path, ...]


def daily(settings: Settings, *, full: bool = False) -> DailyResult:
    """The day's brief into ``settings.out / YYYY-MM-DD``, marked against the history of
    what was briefed before (see briefing.history), then recorded in it. Everything is
    rendered before anything is written; the history is updated only once the files
    are in place, so a failed run changes neither."""
    from briefing.deliver import write_files
    from briefing.history import History

    day = settings.date or dt.date.today()
    settings = settings.replace(date=day)
    brief = build_brief(settings=settings, published_by=day)
    with History(settings.history_path) as history:
        marked = history.mark(brief, full=full)
        files = render_all(marked, settings)
        folder = settings.out / day.isoformat()
        written = write_files(folder, files)
        history.record(brief)
    return DailyResult(marked, folder, tuple(written))


def mail_brief(
    files: Sequence[str | os.PathLike[str]],
    to: Sequence[str],
    *,
    subject: str | None = None,
    settings: Settings | None = None,
    env: Mapping[str, str] | None = None,
) -> str:
    """Send brief files by e-mail: PDFs (and any other file but the memo's Markdown and
    HTML) attached; the memo as the body, from the .md and .html given or found beside
    the first file. SMTP settings from ``settings.smtp`` under the BRIEFING_SMTP_*
    environment; the password only from BRIEFING_SMTP_PASSWORD. Returns the subject."""
    from briefing.deliver import Attachment, compose, send

    paths = [Path(f) for f in files]
    if not paths:
        raise ConfigError("no file to send")
    for path in paths:
        if not path.is_file():
            raise SourceError(f"{path}: no such file")
    by_suffix = {p.suffix.lower(): p for p in paths}
    stem = paths[0].with_suffix("")
    text_file = by_suffix.get(".md") or _beside(stem, ".md")
    html_file = by_suffix.get(".html") or _beside(stem, ".html")
    json_file = by_suffix.get(".json") or _beside(stem, ".json")
    attached = [p for p in paths if p.suffix.lower() not in (".md", ".html")]
    if subject is None:
        subject = f"Briefing: {paths[0].name}"
        if json_file is not None:
            try:
                brief = Brief.from_json(json_file.read_text(encoding="utf-8"))
                subject = f"{brief.title} — {brief.date.day} {brief.date:%B %Y}"
            except (ValueError, OSError):
                pass  # not a brief.json: the file name will do
    smtp, sender, recipients, password = _mail_setup(to, settings, env)
    text = text_file.read_text(encoding="utf-8") if text_file else f"{subject}\n\nThe brief is attached.\n"
    message = compose(
        subject=subject,
        sender=sender,
        to=recipients,
        text=text,
        html=html_file.read_text(encoding="utf-8") if html_file else None,
        attachments=[Attachment(p.name, p.read_bytes(), _mime(p)) for p in attached],
    )
    send(message, smtp, password)
    return subject


def check_mail_settings(
    to: Sequence[str] = (), *, settings: Settings | None = None, env: Mapping[str, str] | None = None
) -> None:
    """Raise the ConfigError that ``mail_brief`` would raise for these settings before
    reaching a server (no sender, recipient or host; a bad address; a user without a
    password), so that a run that ends by mailing stops before doing any work."""
    from briefing.deliver import check_mail

    check_mail(*_mail_setup(to, settings, env))


def _mail_setup(
    to: Sequence[str], settings: Settings | None, env: Mapping[str, str] | None
) -> tuple[SmtpSettings, str, list[str], str | None]:
    """The server settings (the file's under the environment's), sender, recipients and
    password of a mail. Unchecked: ``compose`` and ``send`` check what they use."""
    from briefing.config import smtp_from_env

    env = os.environ if env is None else env
    smtp = smtp_from_env((settings or Settings()).smtp, env)
    sender = smtp.sender or smtp.user or ""
    recipients = list(to) or list(smtp.to)
    return smtp, sender, recipients, env.get("BRIEFING_SMTP_PASSWORD")


def _beside(stem: Path, suffix: str) -> Path | None:
    path = stem.with_suffix(suffix)
    return path if path.is_file() else None


def _mime(path: Path) -> str:
    import mimetypes

    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"
