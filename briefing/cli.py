"""The ``briefing`` command: parse options, call one library function, report.

Exit status: 0 success; 1 internal error; 2 bad usage, configuration or themes file;
3 sources missing or unreadable; 4 output cannot be written; 5 a format cannot be
rendered; 6 the mail cannot be sent. Errors are one line on stderr; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from briefing.errors import BriefingError, ConfigError, OutputError

F = TypeVar("F", bound=Callable[..., Any])
log = logging.getLogger("briefing")
TEXT_FORMATS = ("md", "html", "json")


class _LevelFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        record.levelname = record.levelname.lower()
        return super().format(record)


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The command's own handler: messages to the stderr of the moment."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(_LevelFormatter("briefing: %(levelname)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def _setup_logging(verbose: bool, quiet: bool) -> Callable[[], None]:
    """Send the library's log to stderr while a command runs; returns the undo."""
    handler = _StderrHandler()
    level, propagate = log.level, log.propagate
    log.addHandler(handler)  # the library's NullHandler stays
    log.setLevel(logging.ERROR if quiet else logging.DEBUG if verbose else logging.INFO)
    log.propagate = False

    def undo() -> None:
        log.removeHandler(handler)
        log.setLevel(level)
        log.propagate = propagate

    return undo


def command_options(func: F) -> F:
    """--debug, --verbose and --quiet for every command; errors become one line."""

    @click.option("--debug", is_flag=True, help="Show the traceback of an error.")
    @click.option("-v", "--verbose", is_flag=True, help="Say more on stderr.")
    @click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
    @functools.wraps(func)
    def wrapper(*args: Any, debug: bool, verbose: bool, quiet: bool, **kwargs: Any) -> Any:
        undo = _setup_logging(verbose, quiet)
        try:
            return func(*args, **kwargs)
        except BrokenPipeError:
            # The reader went away (`briefing summarize ... | head -1`): not an error.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except BriefingError as exc:
            if debug:
                raise
            click.echo(f"briefing: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("briefing: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if debug:
                raise
            click.echo(
                f"briefing: internal error: {type(exc).__name__}: {exc} (run with --debug for details)",
                err=True,
            )
            sys.exit(1)
        finally:
            undo()

    return wrapper  # type: ignore[return-value]


class _Group(click.Group):
    """Usage errors as one line on stderr (exit 2), like every other error."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.format_message(), err=True)
            sys.exit(2)
        except click.ClickException as exc:
            click.echo(f"briefing: error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("briefing: interrupted", err=True)
            sys.exit(130)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)


def _sources(args: tuple[str, ...]) -> tuple[Path | str, ...]:
    """Paths, and "-" as typed: standard input (a file named "-" is "./-")."""
    return tuple(arg if arg == "-" else Path(arg) for arg in args)


def _write_stdout(content: str | bytes) -> None:
    """The stream, or exit 4 when stdout cannot take it (a full disk); a reader that
    went away is handled with the other errors."""
    try:
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
        else:
            click.echo(content, nl=False)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write to standard output ({exc.strerror or exc})") from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="briefing")
def main() -> None:
    """Sourced briefing memos from news articles.

    Reads articles, picks the key sentences for each theme of a themes file, cites
    every source that carries them, and writes the memo as Markdown, HTML, PDF and
    JSON.
    """


@main.command()
@click.argument("sources", nargs=-1, type=click.Path())
@click.option("--themes", "themes", type=click.Path(path_type=Path), help="Themes file (TOML with [[themes]]).")
@click.option("--config", "config", type=click.Path(path_type=Path), help="Settings file [default: ./briefing.toml].")
@click.option("--format", "formats", metavar="LIST", help="Comma list of md,html,pdf,json [default: all].")
@click.option("--out", "out", metavar="DIR", help="Output folder, or - for stdout (one format).")
@click.option("--date", "date", metavar="YYYY-MM-DD", help="The brief's date [default: today].")
@click.option("--title", "title", help="The memo's title [default: the themes file's].")
@click.option("--template-dir", "template_dir", type=click.Path(path_type=Path), help="Templates that override the default ones.")
@click.option("--paper", "paper", metavar="A4|Letter", help="PDF page size [default: A4].")
@command_options
def build(
    sources: tuple[str, ...],
    themes: Path | None,
    config: Path | None,
    formats: str | None,
    out: str | None,
    date: str | None,
    title: str | None,
    template_dir: Path | None,
    paper: str | None,
) -> None:
    """Build one brief from SOURCES (files or folders).

    With no SOURCES, reads briefing.toml in the working directory: its sources,
    themes, formats and output folder. Writes DIR/brief.md, brief.html, brief.pdf
    and brief.json, each replaced atomically.

    Example:

        briefing build seeds/ --themes themes.toml --format md,pdf --out outputs/
    """
    from briefing.api import build_brief, render_all, write_brief
    from briefing.config import load_settings, parse_date, parse_formats, parse_paper

    overrides: dict[str, Any] = {
        "sources": _sources(sources) or None,
        "themes": themes,
        "formats": parse_formats(formats) if formats is not None else None,
        "date": parse_date(date) if date is not None else None,
        "title": title,
        "template_dir": template_dir,
        "paper": parse_paper(paper) if paper is not None else None,
    }
    to_stdout = out == "-"
    if out is not None and not to_stdout:
        overrides["out"] = Path(out)
    settings = load_settings(config, overrides)
    if to_stdout:
        if len(settings.formats) != 1:
            raise ConfigError("--out - streams one format: add --format md, html, json or pdf")
        if settings.formats[0] not in TEXT_FORMATS and sys.stdout.isatty():
            raise ConfigError("--out - with --format pdf writes binary data: redirect it to a file or a pipe")
    brief = build_brief(settings=settings)
    log.debug("selected %d items from %d sources", sum(len(s.items) for s in brief.sections), len(brief.sources))
    if to_stdout:
        (content,) = render_all(brief, settings).values()
        _write_stdout(content)
        return
    for path in write_brief(brief, settings):
        click.echo(str(path))


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path())
@click.option("--query", help="Focus the summary on this question or topic.")
@click.option("--words", default=100, show_default=True, type=click.IntRange(min=1), help="Most words in all.")
@command_options
def summarize(sources: tuple[str, ...], query: str | None, words: int) -> None:
    """A plain extractive summary of SOURCES: one sentence per line, the most
    important first, at most --words words in all. The same selector as build.

    Example:

        briefing summarize seeds/ --query "How many troops remain?" --words 60
    """
    from briefing.api import load_articles
    from briefing.assemble import summarize_articles

    summary = summarize_articles(load_articles(_sources(sources)), query, words)
    if not summary:
        log.warning("no sentence of the sources fits in %d words", words)
    _write_stdout("".join(f"{sentence.text}\n" for sentence in summary))


@main.command()
@click.option("--date", "date", metavar="YYYY-MM-DD", help="The day to brief [default: today].")
@click.option("--email", is_flag=True, help="Mail the brief when it is written ([smtp] settings).")
@click.option("--to", "to", multiple=True, metavar="ADDR", help="Recipient, instead of [smtp] to (repeatable).")
@click.option("--full", is_flag=True, help="Show items already briefed on earlier days too.")
@click.option("--config", "config", type=click.Path(path_type=Path), help="Settings file [default: ./briefing.toml].")
@command_options
def daily(date: str | None, email: bool, to: tuple[str, ...], full: bool, config: Path | None) -> None:
    """The day's brief from briefing.toml into OUT/YYYY-MM-DD/, marking what is new
    or updated since the last brief and leaving out what was already briefed.

    Re-running a day replaces its files; the history of what was briefed is kept in
    an SQLite database (briefing.toml 'history', default OUT/history.sqlite3).

    Example:

        briefing daily --email
    """
    from briefing.api import check_mail_settings, mail_brief
    from briefing.api import daily as run_daily
    from briefing.config import CONFIG_NAME, load_settings, parse_date

    if config is None and not Path(CONFIG_NAME).is_file():
        raise ConfigError(f"no {CONFIG_NAME} in {Path.cwd()}: daily reads its sources and themes from it (or --config FILE)")
    settings = load_settings(config, {"date": parse_date(date) if date else None})
    if email:  # a mail that cannot go is known before the day's files are written
        if "pdf" not in settings.formats:
            raise ConfigError("--email sends the PDF: add pdf to the formats in briefing.toml")
        check_mail_settings(to, settings=settings)
    result = run_daily(settings, full=full)
    left_out = result.brief.left_out.get("already_briefed", 0)
    marked = sum(1 for s in result.brief.sections for i in s.items if i.status)
    log.info("%d new or updated items; %d already briefed left out", marked, left_out)
    for path in result.files:
        click.echo(str(path))
    if email:
        subject = mail_brief([p for p in result.files if p.suffix == ".pdf"], to, settings=settings)
        log.info("sent %r", subject)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--to", "to", multiple=True, metavar="ADDR", help="Recipient (repeatable) [default: [smtp] to].")
@click.option("--subject", help="Subject line [default: the brief's title and date].")
@click.option("--config", "config", type=click.Path(path_type=Path), help="Settings file [default: ./briefing.toml].")
@command_options
def send(files: tuple[Path, ...], to: tuple[str, ...], subject: str | None, config: Path | None) -> None:
    """Email a brief: the PDF attached, the memo (brief.md and brief.html beside it)
    as the body. SMTP settings from briefing.toml [smtp] or BRIEFING_SMTP_*; the
    password only from BRIEFING_SMTP_PASSWORD.

    Example:

        briefing send outputs/2025-10-05/brief.pdf --to desk@example.org
    """
    from briefing.api import mail_brief
    from briefing.config import load_settings

    settings = load_settings(config)
    sent = mail_brief(files, to, subject=subject, settings=settings)
    log.info("sent %r", sent)


if __name__ == "__main__":  # pragma: no cover
    main()
