"""What was already briefed: an SQLite database of memo items, one snapshot per day.

An item is known by its fingerprint, the set of its content words (stems, numbers
left out), and matches a remembered item when the two sets overlap by SAME_ITEM
(Jaccard), so small wording changes keep an item's identity; or when it cites a
sentence the remembered item cited (the same span of the same article), so a fact
keeps its identity when a new source words it differently. Against the latest
snapshot before the brief's day an item is NEW (never briefed), UPDATED (it gained
sources or its figures changed) or already briefed, and then left out unless the
caller asks for everything.

Re-running a day replaces that day's snapshots, so a second run of the same morning
marks the same items as the first. Writes happen in one IMMEDIATE transaction: two
runs at once take turns instead of corrupting the file. A database that cannot be
read is reported, moved aside and rebuilt.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import re
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from briefing.errors import OutputError
from briefing.models import Brief, Item
from briefing.terms import content_terms

log = logging.getLogger("briefing")

SAME_ITEM = 0.6  # Jaccard of content words above which two items are the same
LOCK_TIMEOUT = 30.0  # seconds to wait for another run that holds the database
SCHEMA_VERSION = 2  # 2: snapshots remember the spans they cite
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY,
    terms TEXT NOT NULL UNIQUE          -- the fingerprint: sorted content stems
);
CREATE TABLE IF NOT EXISTS snapshots (
    item INTEGER NOT NULL REFERENCES items(id),
    day TEXT NOT NULL,                  -- YYYY-MM-DD of the brief
    text TEXT NOT NULL,
    numbers TEXT NOT NULL,              -- JSON list of the figures in the text
    sources TEXT NOT NULL,              -- JSON list of the sources citing it
    spans TEXT NOT NULL DEFAULT '[]',   -- JSON list of "source key|start|end" cited
    PRIMARY KEY (item, day)
);
"""


class _Corrupt(Exception):
    """The file is not a readable SQLite database (as opposed to busy or unwritable)."""


@dataclasses.dataclass(frozen=True)
class Known:
    item: int
    terms: frozenset[str]


class History:
    """The history database at ``path``, created when missing."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = self._open()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- opening, checking, rebuilding ---------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        if not self.path.exists():
            log.warning("history: no database at %s; starting a new one (every item counts as new)", self.path)
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise OutputError(f"{self.path.parent}: cannot create the history folder ({exc.strerror})") from None
        try:
            return self._connect()
        except _Corrupt as exc:
            aside = self.path.with_name(f"{self.path.name}.corrupt-{dt.datetime.now():%Y%m%d-%H%M%S}")
            log.warning("history: %s cannot be read (%s); moved it to %s and started a new one", self.path, exc, aside)
            try:
                for suffix in ("", "-wal", "-shm"):  # a write-ahead log belongs with its file
                    part = self.path.with_name(self.path.name + suffix)
                    if suffix == "" or part.exists():
                        part.replace(aside.with_name(aside.name + suffix))
            except OSError as move:
                raise OutputError(f"{self.path}: corrupt and cannot be moved aside ({move.strerror})") from None
            try:
                return self._connect()
            except (sqlite3.Error, _Corrupt) as again:
                raise OutputError(f"{self.path}: cannot create the history database ({again})") from None
        except sqlite3.Error as exc:  # locked for too long, unwritable folder...
            raise OutputError(f"{self.path}: cannot open the history database ({exc})") from None

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT, isolation_level=None)
        try:
            try:
                ok = db.execute("PRAGMA quick_check").fetchone()
            except sqlite3.OperationalError:
                raise  # busy, locked, unreadable: not a reason to set the history aside
            except sqlite3.DatabaseError as exc:  # "file is not a database", "malformed"
                raise _Corrupt(str(exc)) from None
            if not ok or ok[0] != "ok":
                raise _Corrupt(f"integrity check: {ok[0] if ok else 'no answer'}")
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)  # IF NOT EXISTS: safe when two runs create it at once
            db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            version = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0]
            if int(version) > SCHEMA_VERSION:
                raise OutputError(f"{self.path}: written by a newer briefing (schema {version})")
            if "spans" not in _columns(db, "snapshots"):
                _upgrade(db)
        except BaseException:
            db.close()
            raise
        return db

    # --- marking and recording -------------------------------------------------------------

    def mark(self, brief: Brief, *, full: bool = False) -> Brief:
        """The brief with each item marked "new" or "updated" against what was briefed
        before its day; items already briefed unchanged are left out unless ``full``."""
        day = brief.date.isoformat()
        known = self._known(before=day)
        cited = self._cited(before=day)
        sections, left_out = [], 0
        for section in brief.sections:
            items = []
            for item in section.items:
                status = self._status(item, brief, known, cited, day)
                if status is None and not full:
                    left_out += 1
                    continue
                items.append(dataclasses.replace(item, status=status))
            note = section.note
            if not items and section.items:
                note = f"Nothing new on “{section.name}” since the last brief."
            sections.append(dataclasses.replace(section, items=tuple(items), note=note))
        from briefing.assemble import bottom_line

        marked = dataclasses.replace(brief, sections=tuple(sections), bottom_line=bottom_line(sections))
        if left_out:
            marked = dataclasses.replace(marked, left_out={**brief.left_out, "already_briefed": left_out})
        return marked

    def record(self, brief: Brief) -> None:
        """Remember every item of the brief as briefed on its day (replacing that day)."""
        day = brief.date.isoformat()
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("DELETE FROM snapshots WHERE day = ?", (day,))
            known = self._known(before=None)
            cited = self._cited(before=None)
            for section in brief.sections:
                for item in section.items:
                    terms = fingerprint(item.text)
                    spans = _spans(item, brief)
                    item_id = _identify(terms, spans, known, cited)
                    if item_id is None:
                        key = " ".join(sorted(terms))
                        db.execute("INSERT OR IGNORE INTO items (terms) VALUES (?)", (key,))
                        item_id = int(db.execute("SELECT id FROM items WHERE terms = ?", (key,)).fetchone()[0])
                        known.append(Known(item_id, terms))
                    cited.update(dict.fromkeys(spans, item_id))
                    db.execute(
                        "INSERT OR REPLACE INTO snapshots VALUES (?, ?, ?, ?, ?, ?)",
                        (item_id, day, item.text, json.dumps(numbers(item.text)),
                         json.dumps(_sources(item, brief)), json.dumps(spans)),
                    )  # fmt: skip
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise OutputError(f"{self.path}: cannot record the brief in the history ({exc})") from None

    def _known(self, before: str | None) -> list[Known]:
        query = "SELECT id, terms FROM items"
        args: tuple[str, ...] = ()
        if before is not None:
            query += " WHERE id IN (SELECT item FROM snapshots WHERE day < ?)"
            args = (before,)
        return [Known(int(i), frozenset(t.split())) for i, t in self._db.execute(query, args)]

    def _cited(self, before: str | None) -> dict[str, int]:
        """Every span a snapshot cited (before a day, or ever), with its item."""
        query = "SELECT item, spans FROM snapshots" + (" WHERE day < ?" if before is not None else "")
        rows = self._db.execute(query, (before,) if before is not None else ())
        return {span: int(item) for item, spans in rows for span in json.loads(spans)}

    def _status(
        self, item: Item, brief: Brief, known: Sequence[Known], cited: dict[str, int], day: str
    ) -> str | None:
        item_id = _identify(fingerprint(item.text), _spans(item, brief), known, cited)
        if item_id is None:
            return "new"
        row = self._db.execute(
            "SELECT numbers, sources FROM snapshots WHERE item = ? AND day < ? ORDER BY day DESC LIMIT 1",
            (item_id, day),
        ).fetchone()
        before_numbers, before_sources = json.loads(row[0]), set(json.loads(row[1]))
        if set(_sources(item, brief)) - before_sources or numbers(item.text) != before_numbers:
            return "updated"
        return None


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def _upgrade(db: sqlite3.Connection) -> None:
    """Schema 1 -> 2: snapshots remember the spans they cite (empty for old ones, whose
    items stay known by their words). One run upgrades; another one opening the file at
    the same moment waits for it and then finds the column there."""
    db.execute("BEGIN IMMEDIATE")
    try:
        if "spans" not in _columns(db, "snapshots"):
            db.execute("ALTER TABLE snapshots ADD COLUMN spans TEXT NOT NULL DEFAULT '[]'")
            db.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION),))
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def fingerprint(text: str) -> frozenset[str]:
    """An item's content words, stemmed, without numbers: survives small rewordings
    and lets a changed figure keep the item's identity."""
    return frozenset(t for t in content_terms(text) if not t[0].isdigit())


def numbers(text: str) -> list[str]:
    return sorted(n.replace(",", "") for n in _NUMBER.findall(text))


def _best(terms: frozenset[str], known: Sequence[Known]) -> Known | None:
    best, score = None, SAME_ITEM
    for k in known:
        union = len(terms | k.terms)
        jaccard = len(terms & k.terms) / union if union else 0.0
        if jaccard >= score:
            best, score = k, jaccard
    return best


def _identify(terms: frozenset[str], spans: Sequence[str], known: Sequence[Known], cited: dict[str, int]) -> int | None:
    """The remembered item this one is: by its words, else by a sentence both cite."""
    match = _best(terms, known)
    if match is not None:
        return match.item
    return next((cited[span] for span in spans if span in cited), None)


def _source_key(brief: Brief, sid: int) -> str:
    """What identifies an article across days: URL, else title, else file name."""
    s = brief.source(sid)
    return s.url or s.title or (Path(s.path).name if s.path else s.lead) or str(sid)


def _sources(item: Item, brief: Brief) -> list[str]:
    """The citing sources, by their keys."""
    return sorted({_source_key(brief, sid) for sid in item.source_ids})


def _spans(item: Item, brief: Brief) -> list[str]:
    """The sentences the item cites, as "source key|start|end"."""
    return sorted({f"{_source_key(brief, c.source)}|{c.start}|{c.end}" for c in item.citations})

