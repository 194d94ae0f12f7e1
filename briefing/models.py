"""The data that flows through the pipeline: frozen dataclasses, no I/O.

sources --ingest--> Article --segment--> Sentence --select--> Item
        --assemble--> Brief --render--> md / html / pdf / json
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

BlockKind = Literal["title", "meta", "body", "heading", "boilerplate"]

_WS = re.compile(r"\s+")


def collapse_ws(text: str) -> str:
    """Runs of white space (any Unicode space, newlines included) become one space."""
    return _WS.sub(" ", text).strip()


@dataclass(frozen=True)
class Block:
    """A line or paragraph of an article's text and what ingest decided it is."""

    start: int
    end: int
    kind: BlockKind


@dataclass(frozen=True)
class Article:
    """One source as read. Every offset in the pipeline indexes into ``text``."""

    text: str
    path: str | None = None
    title: str | None = None
    published: dt.date | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    blocks: tuple[Block, ...] = ()

    def body_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind == "body")


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article's body, with its place in the source."""

    source: int  # index of the article in the corpus, 0-based
    start: int
    end: int
    text: str  # the source span with white space collapsed
    position: int  # 0-based rank of the sentence in its article's body
    paragraph: int  # 0-based rank of its body block
    listed: bool = False  # it is (the start of) an item of a bulleted or numbered list


@dataclass(frozen=True)
class Theme:
    name: str
    query: str
    keywords: tuple[str, ...] = ()
    max_sentences: int = 4
    max_words: int | None = None


@dataclass(frozen=True)
class Citation:
    source: int  # the source's id in the brief, 1-based
    start: int
    end: int


@dataclass(frozen=True)
class Item:
    """One memo line: verbatim text of its first citation, cited by every source carrying it."""

    text: str
    citations: tuple[Citation, ...]
    score: float

    @property
    def source_ids(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(c.source for c in self.citations))


@dataclass(frozen=True)
class Section:
    name: str
    query: str
    items: tuple[Item, ...] = ()
    note: str | None = None  # why the section is empty, when it is


@dataclass(frozen=True)
class Source:
    id: int
    path: str | None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None
    url: str | None = None
    lead: str | None = None  # opening words, to recognise an untitled article


@dataclass(frozen=True)
class Brief:
    title: str
    date: dt.date
    sources: tuple[Source, ...]
    sections: tuple[Section, ...]
    bottom_line: tuple[Item, ...] = ()

    def source(self, source_id: int) -> Source:
        return self.sources[source_id - 1]

    # JSON shape: see CONTRACT.md. Sections are called "themes" there.
    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "date": self.date.isoformat(),
            "sources": [_source_dict(s) for s in self.sources],
            "bottom_line": [_item_dict(i) for i in self.bottom_line],
            "themes": [
                {
                    "name": s.name,
                    "query": s.query,
                    "items": [_item_dict(i) for i in s.items],
                    "note": s.note,
                }
                for s in self.sections
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Brief:
        return cls(
            title=data["title"],
            date=dt.date.fromisoformat(data["date"]),
            sources=tuple(
                Source(
                    id=s["id"],
                    path=s.get("path"),
                    title=s.get("title"),
                    outlet=s.get("outlet"),
                    author=s.get("author"),
                    published=_date_or_none(s.get("published")),
                    url=s.get("url"),
                    lead=s.get("lead"),
                )
                for s in data["sources"]
            ),
            sections=tuple(
                Section(
                    name=t["name"],
                    query=t.get("query", ""),
                    items=tuple(_item_from(i) for i in t["items"]),
                    note=t.get("note"),
                )
                for t in data["themes"]
            ),
            bottom_line=tuple(_item_from(i) for i in data.get("bottom_line", [])),
        )


def _date_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _source_dict(s: Source) -> dict[str, Any]:
    return {
        "id": s.id,
        "path": s.path,
        "title": s.title,
        "outlet": s.outlet,
        "author": s.author,
        "published": s.published.isoformat() if s.published else None,
        "url": s.url,
        "lead": s.lead,
    }


def _item_dict(i: Item) -> dict[str, Any]:
    return {
        "text": i.text,
        "citations": [{"source": c.source, "start": c.start, "end": c.end} for c in i.citations],
        "score": round(i.score, 4),
    }


def _item_from(d: dict[str, Any]) -> Item:
    return Item(
        text=d["text"],
        citations=tuple(Citation(c["source"], c["start"], c["end"]) for c in d["citations"]),
        score=float(d.get("score", 0.0)),
    )
