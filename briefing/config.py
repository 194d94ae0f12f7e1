"""Settings and themes: defaults, then ``briefing.toml``, then the options the user typed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.errors import ConfigError
from briefing.models import Theme

FORMATS = ("md", "html", "pdf", "json")
PAPERS = ("A4", "Letter")
CONFIG_NAME = "briefing.toml"
TABLES = frozenset({"smtp"})  # tables a briefing.toml may hold besides [[themes]] (CONTRACT.md)


SECURITY = ("none", "starttls", "ssl")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}
SMTP_KEYS = {"host", "port", "security", "user", "from", "to", "timeout"}


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send mail. The password is never here: it is read from
    BRIEFING_SMTP_PASSWORD when the mail is sent."""

    host: str | None = None
    port: int | None = None  # default: by security, 587 / 465 / 25
    security: str = "starttls"
    user: str | None = None
    sender: str | None = None
    to: tuple[str, ...] = ()
    timeout: float = 30.0

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.security]


@dataclass(frozen=True)
class Settings:
    """Everything a build needs besides the articles themselves."""

    sources: tuple[Path | str, ...] = ()  # "-": JSON Lines on stdin
    themes: Path | None = None
    formats: tuple[str, ...] = FORMATS
    out: Path = Path("outputs")
    title: str | None = None
    date: dt.date | None = None
    template_dir: Path | None = None
    paper: str = "A4"
    history: Path | None = None  # the daily history database; default: out/history.sqlite3
    smtp: SmtpSettings = SmtpSettings()

    @property
    def history_path(self) -> Path:
        return self.history if self.history is not None else self.out / "history.sqlite3"

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


def parse_formats(value: str | Sequence[str]) -> tuple[str, ...]:
    """``"md,html"`` or ``["md", "html"]`` -> ``("md", "html")``, checked and de-duplicated."""
    items = value.split(",") if isinstance(value, str) else list(value)
    formats = tuple(dict.fromkeys(f.strip().lower() for f in items if f.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ConfigError(f"unknown format {unknown[0]!r}: choose from {', '.join(FORMATS)}")
    if not formats:
        raise ConfigError(f"no output format given: choose from {', '.join(FORMATS)}")
    return formats


def parse_paper(value: str) -> str:
    for paper in PAPERS:
        if value.strip().lower() == paper.lower():
            return paper
    raise ConfigError(f"unknown paper size {value!r}: choose A4 or Letter")


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ConfigError(f"bad date {value!r}: expected YYYY-MM-DD") from None


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; syntax errors become one line naming the file and line."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        return tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        # tomllib says "... (at line 3, column 7)"; lead with the place, as compilers do.
        message = str(exc)
        where = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if where:
            message = message[: where.start()].strip()
            raise ConfigError(f"{path}:{where[1]}:{where[2]}: TOML syntax error: {message}") from None
        raise ConfigError(f"{path}: TOML syntax error: {message}") from None


def load_settings(
    config: str | os.PathLike[str] | None = None, overrides: Mapping[str, Any] | None = None
) -> Settings:
    """Defaults, then the config file (``briefing.toml`` in the working directory when it
    exists and no other is named), then ``overrides`` (only the options the user typed).

    Relative paths in a config file are relative to the folder that holds it.
    """
    settings = Settings()
    if config is None and Path(CONFIG_NAME).is_file():
        config = CONFIG_NAME
    if config is not None:
        config = Path(config)
        settings = _apply_file(settings, config, read_toml(config))
    if overrides:
        settings = settings.replace(**{k: v for k, v in overrides.items() if v is not None})
    return settings


def _apply_file(settings: Settings, path: Path, data: dict[str, Any]) -> Settings:
    base = path.parent
    known = {"sources", "themes", "formats", "out", "title", "date", "template_dir", "paper", "history"}
    changes: dict[str, Any] = {}

    def need(key: str, kind: type | tuple[type, ...], what: str) -> Any:
        value = data[key]
        if not isinstance(value, kind):
            raise ConfigError(f"{path}: '{key}' must be {what}")
        return value

    if "sources" in data:
        value = need("sources", (str, list), "a path or a list of paths")
        paths = [value] if isinstance(value, str) else value
        if not all(isinstance(p, str) for p in paths):
            raise ConfigError(f"{path}: 'sources' must be a list of paths")
        changes["sources"] = tuple(base / p for p in paths)
    if "themes" in data:
        if isinstance(data["themes"], str):
            changes["themes"] = base / data["themes"]
        elif isinstance(data["themes"], list):
            changes["themes"] = path  # [[themes]] held inline in this file
        else:
            raise ConfigError(f"{path}: 'themes' must be a path or [[themes]] tables")
    def parsed(key: str, parse: Callable[[Any], Any], value: Any) -> Any:
        try:
            return parse(value)
        except ConfigError as exc:
            raise ConfigError(f"{path}: '{key}': {exc}") from None

    if "formats" in data:
        changes["formats"] = parsed("formats", parse_formats, need("formats", (str, list), "a list of formats"))
    if "out" in data:
        changes["out"] = base / need("out", str, "a path")
    if "title" in data:
        changes["title"] = need("title", str, "a string")
    if "date" in data:
        value = data["date"]
        if isinstance(value, dt.datetime):  # TOML's 2025-10-05T08:00:00: the day is what counts
            value = value.date()
        changes["date"] = value if isinstance(value, dt.date) else parsed("date", parse_date, str(value))
    if "template_dir" in data:
        changes["template_dir"] = base / need("template_dir", str, "a path")
    if "paper" in data:
        changes["paper"] = parsed("paper", parse_paper, need("paper", str, "A4 or Letter"))
    if "history" in data:
        changes["history"] = base / need("history", str, "a path")
    if isinstance(data.get("smtp"), dict):
        changes["smtp"] = _smtp_table(path, data["smtp"])
    extra = sorted(k for k in data if k not in known and not (k in TABLES and isinstance(data[k], dict)))
    if extra:
        raise ConfigError(f"{path}: unknown setting '{extra[0]}'")
    return settings.replace(**changes)


def _smtp_table(path: Path, table: dict[str, Any]) -> SmtpSettings:
    unknown = sorted(set(table) - SMTP_KEYS)
    if unknown:
        raise ConfigError(f"{path}: [smtp]: unknown setting '{unknown[0]}'" + (
            " (the password is read from BRIEFING_SMTP_PASSWORD only)" if unknown[0] == "password" else ""
        ))
    values: dict[str, Any] = {}
    for key in ("host", "user", "from"):
        if key in table:
            if not isinstance(table[key], str):
                raise ConfigError(f"{path}: [smtp]: '{key}' must be a string")
            values["sender" if key == "from" else key] = table[key]
    if "port" in table:
        values["port"] = parse_port(table["port"], f"{path}: [smtp]")
    if "security" in table:
        values["security"] = parse_security(str(table["security"]), f"{path}: [smtp]")
    if "to" in table:
        to = table["to"]
        to = [to] if isinstance(to, str) else to
        if not isinstance(to, list) or not all(isinstance(a, str) for a in to):
            raise ConfigError(f"{path}: [smtp]: 'to' must be an address or a list of addresses")
        values["to"] = tuple(to)
    if "timeout" in table:
        if not isinstance(table["timeout"], (int, float)) or table["timeout"] <= 0:
            raise ConfigError(f"{path}: [smtp]: 'timeout' must be a number of seconds above 0")
        values["timeout"] = float(table["timeout"])
    return SmtpSettings(**values)


def parse_port(value: object, where: str) -> int:
    try:
        port = int(str(value))
    except ValueError:
        port = 0
    if isinstance(value, bool) or not 0 < port < 65536:
        raise ConfigError(f"{where}: bad port {value!r}: expected 1-65535")
    return port


def parse_security(value: str, where: str) -> str:
    security = value.strip().lower()
    if security not in SECURITY:
        raise ConfigError(f"{where}: bad security {value!r}: choose none, starttls or ssl")
    return security


def smtp_from_env(smtp: SmtpSettings, env: Mapping[str, str]) -> SmtpSettings:
    """The environment's BRIEFING_SMTP_* values over the file's [smtp]: a deployment
    sets its own mail server without editing the project's settings."""
    changes: dict[str, Any] = {}
    if env.get("BRIEFING_SMTP_HOST"):
        changes["host"] = env["BRIEFING_SMTP_HOST"]
    if env.get("BRIEFING_SMTP_PORT"):
        changes["port"] = parse_port(env["BRIEFING_SMTP_PORT"], "BRIEFING_SMTP_PORT")
    if env.get("BRIEFING_SMTP_SECURITY"):
        changes["security"] = parse_security(env["BRIEFING_SMTP_SECURITY"], "BRIEFING_SMTP_SECURITY")
    if env.get("BRIEFING_SMTP_USER"):
        changes["user"] = env["BRIEFING_SMTP_USER"]
    if env.get("BRIEFING_SMTP_FROM"):
        changes["sender"] = env["BRIEFING_SMTP_FROM"]
    return dataclasses.replace(smtp, **changes)


@dataclass(frozen=True)
class ThemePack:
    title: str | None
    themes: tuple[Theme, ...]


def load_themes(path: str | os.PathLike[str]) -> ThemePack:
    """Read ``[[themes]]`` from a themes file (or a ``briefing.toml`` that holds them)."""
    path = Path(path)
    data = read_toml(path)
    entries = data.get("themes")
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{path}: no [[themes]] defined")
    themes: list[Theme] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, 1):
        where = f"{path}: theme {number}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: must be a [[themes]] table")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{where}: has no name")
        name = name.strip()
        where = f"{path}: theme {name!r}"
        if name in seen:
            raise ConfigError(f"{where}: defined twice")
        seen.add(name)
        query = entry.get("query", "")
        if not isinstance(query, str):
            raise ConfigError(f"{where}: 'query' must be a string")
        keywords = entry.get("keywords", [])
        if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
            raise ConfigError(f"{where}: 'keywords' must be a list of strings")
        query = query.strip()
        keywords = [k.strip() for k in keywords if k.strip()]
        if not query and not keywords:
            raise ConfigError(f"{where}: needs a query or keywords")
        max_sentences = _positive_int(entry, "max_sentences", 4, where)
        max_words = entry.get("max_words")
        if max_words is not None:
            max_words = _positive_int(entry, "max_words", 0, where)
        unknown = sorted(set(entry) - {"name", "query", "keywords", "max_sentences", "max_words"})
        if unknown:
            raise ConfigError(f"{where}: unknown key '{unknown[0]}'")
        themes.append(
            Theme(
                name=name,
                query=query,
                keywords=tuple(keywords),
                max_sentences=max_sentences,
                max_words=max_words,
            )
        )
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        raise ConfigError(f"{path}: 'title' must be a string")
    return ThemePack(title=title, themes=tuple(themes))


def _positive_int(entry: dict[str, Any], key: str, default: int, where: str) -> int:
    value = entry.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{where}: '{key}' must be a whole number above 0")
    return value
