"""The data that flows through the pipeline: frozen dataclasses, no I/O.

sources --ingest--> Article --segment--> Sentence --select--> Item
        --assemble--> Brief --render--> md / html / pdf / json
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from collections.abc import Iterable
from typing import Any, Literal

BlockKind = Literal["title", "meta", "body", "heading", "boilerplate"]

_WS = re.compile(r"\s+")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


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


def cite(sentences: Iterable[Sentence]) -> tuple[Citation, ...]:
    """One citation per source, its first sentence given; sources in the order given."""
    cited: dict[int, Sentence] = {}
    for s in sentences:
        cited.setdefault(s.source, s)
    return tuple(Citation(s.source + 1, s.start, s.end) for s in cited.values())


def source_ids(citations: Iterable[Citation]) -> tuple[int, ...]:
    """The sources cited, each once, in citation order."""
    return tuple(dict.fromkeys(c.source for c in citations))


@dataclass(frozen=True)
class Item:
    """One memo line: verbatim text of its first citation, cited by every source carrying it."""

    text: str
    citations: tuple[Citation, ...]
    score: float
    status: str | None = None  # daily briefs: "new" or "updated" since the last brief

    @property
    def source_ids(self) -> tuple[int, ...]:
        return source_ids(self.citations)


@dataclass(frozen=True)
class When:
    """A date as precise as its source: a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False  # "a decade ago"

    @classmethod
    def on(cls, day: dt.date) -> When:
        """A calendar day."""
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    @property
    def precision_rank(self) -> int:
        return ("year", "month", "day").index(self.precision)

    @property
    def key(self) -> tuple[int, int, int]:
        """Sorts chronologically; a year sorts before its months, a month before its days."""
        return (self.year, self.month or 0, self.day or 0)

    @property
    def iso(self) -> str:
        """YYYY, YYYY-MM or YYYY-MM-DD."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    @property
    def label(self) -> str:
        """As a reader writes it: "2014", "September 2026", "3 January 2020", "c. 2015"."""
        text = str(self.year)
        if self.month is not None:
            text = f"{MONTHS[self.month - 1]} {text}"
            if self.day is not None:
                text = f"{self.day} {text}"
        return f"c. {text}" if self.approximate else text

    def agrees(self, other: When) -> bool:
        """Both can be the same date: equal as far as both are precise (a round
        "decade ago" allows a year either way)."""
        slack = 1 if self.approximate or other.approximate else 0
        if abs(self.year - other.year) > slack:
            return False
        if slack or self.month is None or other.month is None:
            return True
        if self.month != other.month:
            return False
        return self.day is None or other.day is None or self.day == other.day

    @classmethod
    def from_iso(cls, text: str, approximate: bool = False) -> When:
        parts = [int(p) for p in text.split("-")] + [0, 0]
        return cls(parts[0], parts[1] or None, parts[2] or None, approximate)


@dataclass(frozen=True)
class Event:
    """A dated happening of the timeline, in the words of its first citation."""

    when: When
    text: str
    citations: tuple[Citation, ...]
    until: When | None = None  # the end of a range: "between 2014 and 2017"
    # What the date bounds rather than dates: "until", "since", "before the end of"
    # ("operations will continue until September 2026"); None for the date of a happening.
    bound: str | None = None


@dataclass(frozen=True)
class Figure:
    """A quantity as stated: "just over 2,500 -> fewer than 2,000 American service members"."""

    value: float
    unit: str | None  # "%", "USD", "km"...; None for a count
    counts: str  # what it counts, in the source's words ("" when the sentence does not say)
    qualifier: str | None = None  # "about", "fewer than"...
    upper: float | None = None  # a range's upper end: "between 10 and 12"
    was: float | None = None  # a change's starting value: "from 2,500 to ..."
    was_qualifier: str | None = None
    label: str = ""  # the figure as the memo shows it, numbers as written


@dataclass(frozen=True)
class Share:
    """What a sentence tells of a percentage it gives: the words of its clause, and the
    things it is a share of, each as its terms ("malaria cases" -> ("malaria", "case");
    "the cases", no word saying which -> ("the", "case"))."""

    told: frozenset[str]
    of: frozenset[tuple[str, ...]] = frozenset()


@dataclass(frozen=True)
class KeyFigure:
    """One quantity, cited by every source that states it."""

    figure: Figure
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Claim:
    """One side of a disagreement: what some sources say, in their words."""

    says: str  # the value this side gives, short: "2022", "not disclosed"
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Discrepancy:
    about: str
    claims: tuple[Claim, ...]


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
    key_figures: tuple[KeyFigure, ...] = ()
    timeline: tuple[Event, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()
    left_out: dict[str, int] = field(default_factory=dict)  # analyst entries not shown

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
            "key_figures": [_figure_dict(k) for k in self.key_figures],
            "timeline": [_event_dict(e) for e in self.timeline],
            "discrepancies": [
                {
                    "about": d.about,
                    "claims": [
                        {"says": c.says, "text": c.text, "citations": _citations(c.citations)}
                        for c in d.claims
                    ],
                }
                for d in self.discrepancies
            ],
            "left_out": dict(self.left_out),
        }

    @classmethod
    def from_json(cls, text: str | bytes) -> Brief:
        """The brief that ``render(brief, "json")`` wrote; ValueError for anything else."""
        import json

        data = json.loads(text)  # JSONDecodeError is a ValueError
        try:
            return cls.from_dict(data)
        except KeyError as exc:
            raise ValueError(f"not a brief.json: no {exc} key") from None
        except (TypeError, AttributeError) as exc:
            raise ValueError(f"not a brief.json: {exc}") from None

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
            key_figures=tuple(_figure_from(k) for k in data.get("key_figures", [])),
            timeline=tuple(_event_from(e) for e in data.get("timeline", [])),
            discrepancies=tuple(
                Discrepancy(
                    about=d["about"],
                    claims=tuple(
                        Claim(c["says"], c["text"], _citations_from(c["citations"]))
                        for c in d["claims"]
                    ),
                )
                for d in data.get("discrepancies", [])
            ),
            left_out={str(k): int(v) for k, v in data.get("left_out", {}).items()},
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


def _citations(citations: tuple[Citation, ...]) -> list[dict[str, int]]:
    return [{"source": c.source, "start": c.start, "end": c.end} for c in citations]


def _citations_from(data: list[dict[str, int]]) -> tuple[Citation, ...]:
    return tuple(Citation(c["source"], c["start"], c["end"]) for c in data)


def _item_dict(i: Item) -> dict[str, Any]:
    return {
        "text": i.text,
        "citations": _citations(i.citations),
        "score": round(i.score, 4),
        "source_count": len(i.source_ids),
        "status": i.status,
    }


def _item_from(d: dict[str, Any]) -> Item:
    return Item(
        text=d["text"],
        citations=_citations_from(d["citations"]),
        score=float(d.get("score", 0.0)),
        status=d.get("status"),
    )


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _figure_dict(k: KeyFigure) -> dict[str, Any]:
    f = k.figure
    return {
        "value": _number(f.value),
        "unit": f.unit,
        "counts": f.counts,
        "qualifier": f.qualifier,
        "upper": _number(f.upper),
        "from": _number(f.was),
        "from_qualifier": f.was_qualifier,
        "label": f.label,
        "text": k.text,
        "citations": _citations(k.citations),
        "source_count": len(source_ids(k.citations)),
    }


def _figure_from(d: dict[str, Any]) -> KeyFigure:
    def number(value: float | None) -> float | None:
        return None if value is None else float(value)

    figure = Figure(
        value=float(d["value"]),
        unit=d.get("unit"),
        counts=d.get("counts", ""),
        qualifier=d.get("qualifier"),
        upper=number(d.get("upper")),
        was=number(d.get("from")),
        was_qualifier=d.get("from_qualifier"),
        label=d.get("label", ""),
    )
    return KeyFigure(figure, d["text"], _citations_from(d["citations"]))


def _event_dict(e: Event) -> dict[str, Any]:
    return {
        "date": e.when.iso,
        "precision": e.when.precision,
        "approximate": e.when.approximate,
        "until": e.until.iso if e.until else None,
        "bound": e.bound,
        "text": e.text,
        "citations": _citations(e.citations),
    }


def _event_from(d: dict[str, Any]) -> Event:
    approximate = bool(d.get("approximate", False))
    return Event(
        when=When.from_iso(d["date"], approximate),
        text=d["text"],
        citations=_citations_from(d["citations"]),
        until=When.from_iso(d["until"]) if d.get("until") else None,
        bound=d.get("bound") or None,
    )
