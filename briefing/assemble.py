"""Articles + themes -> Brief. Pure: reads no file, writes none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from briefing.conflicts import find_discrepancies
from briefing.figures import key_figures, memo_figures, read_corpus
from briefing.models import Article, Brief, Item, Section, Sentence, Source, Theme, cite, collapse_ws
from briefing.segment import PLACEHOLDER, dateline_end, segment_all
from briefing.select import ELIGIBLE, Index, Pick, Query, leans_back, select_themes, summarize_index
from briefing.timeline import MAX_EVENTS, build_timeline, key_events

BOTTOM_LINE = (3, 5)  # fewest and most sentences in the bottom line
LEAD_WORDS = 12


def assemble_brief(
    articles: Sequence[Article],
    themes: Sequence[Theme],
    *,
    title: str = "Briefing",
    date: dt.date | None = None,
) -> Brief:
    """Select, group and cite: the memo as data."""
    sentences = segment_all(articles)
    index = Index(sentences)
    readings = read_corpus(index, articles)  # dates and figures, read once for the memo and all three
    selections = select_themes(index, themes)
    sections = []
    for theme, selection in zip(themes, selections, strict=True):
        items = tuple(_item(index, pick, selection.relevance) for pick in selection.picks)
        items = tuple(sorted(items, key=lambda item: -item.score))
        note = _empty_note(theme, selection.empty) if not items else None
        sections.append(Section(name=theme.name, query=theme.query, items=items, note=note))
    cited = {i for selection in selections for pick in selection.picks for i in (pick.sentence, *pick.duplicates)}
    figures = key_figures(index, readings.figures, memo=cited)
    on_themes = {i for selection in selections for i, r in enumerate(selection.relevance) if r >= ELIGIBLE}
    shown = memo_figures(index, figures, cited | on_themes)
    events = build_timeline(index, readings.dated, readings.quantities())
    left_out = {
        name: count
        for name, count in (
            ("key_figures", len(figures) - len(shown)),
            ("timeline", len(events) - MAX_EVENTS),
        )
        if count > 0
    }
    return Brief(
        title=title,
        date=date or dt.date.today(),
        sources=tuple(_source(i + 1, a) for i, a in enumerate(articles)),
        sections=tuple(sections),
        bottom_line=bottom_line(sections),
        key_figures=shown,
        timeline=key_events(index, events, MAX_EVENTS),
        discrepancies=find_discrepancies(index, articles, readings),
        left_out=left_out,
    )


def _empty_note(theme: Theme, why: str | None) -> str:
    if why == "too long":
        return f"No sentence on “{theme.name}” fits its budget of {theme.max_words} words."
    if why == "elsewhere":
        return f"What the sources say on “{theme.name}” is already in the sections above."
    return f"No source in this set covers “{theme.name}”."


def _item(index: Index, pick: Pick, relevance: Sequence[float]) -> Item:
    """The pick's fact in its clearest wording, citing every source that carries it."""
    group = [pick.sentence, *pick.duplicates]
    # The wording shown is one that at least half the other sources bear out, when one is: of
    # what it says, each of them says SAME_TELLING at least. The most complete wording
    # would otherwise show what one source adds and cite the others for it:
    # "Separately, a panel of experts advising the U.S. Food and Drug Administration
    # endorsed the first in a potential new line of pain relievers, known as Cox 2
    # inhibitor drugs." for a group on "a new class of drugs known as COX-2 inhibitors".
    borne = {i: sum(index.holds_telling(j, i) for j in group if j != i) for i in group}
    most = max(borne.values())
    shown = [i for i in group if borne[i] == most] if most and 2 * most >= len(group) - 1 else group
    best = max(shown, key=lambda i: (_wording(index, i, group, relevance), -i))
    others = sorted((i for i in group if i != best), key=lambda i: index.sentences[i].source)
    cited = [index.sentences[i] for i in (best, *others)]
    return Item(
        text=cited[0].text,
        citations=cite(cited),
        score=pick.score,
    )


def _wording(index: Index, i: int, group: Sequence[int], relevance: Sequence[float]) -> float:
    """The clearest, most complete wording of a fact: covers most of what the group
    says, reads on its own, stays on the theme."""
    union = {t for j in group for t in index.terms[j]}
    total = sum(index.idf[t] for t in union) or 1.0
    complete = sum(index.idf[t] for t in set(index.terms[i])) / total
    words = index.lengths_in_words[i]
    brevity = 1.0 if words <= 40 else 40 / words
    return complete * float(index.quality[i]) * brevity * (0.5 + 0.5 * min(relevance[i], 1.0))


def bottom_line(sections: Sequence[Section]) -> tuple[Item, ...]:
    """The strongest item of each section, then the next strongest, 3 to 5 in all.
    The bottom line is read alone, so an item that leans on a sentence before it
    ("Others suffered...", "Yet nearly everyone said...") gives way to its section's next."""
    fewest, most = BOTTOM_LINE
    alone = [[i for i in s.items if not leans_back(i.text, alone=True)] for s in sections]
    firsts = [items[0] for items in alone if items]
    rest = sorted((i for items in alone for i in items[1:]), key=lambda i: -i.score)
    chosen = sorted(firsts, key=lambda i: -i.score)[:most]
    chosen += rest[: max(0, fewest - len(chosen))]
    return tuple(chosen)


def _source(number: int, article: Article) -> Source:
    lead = None
    body = article.body_blocks()
    if article.title is None and body:
        opening = collapse_ws(PLACEHOLDER.sub(" ", article.text[body[0].start : body[0].end]))
        words = opening[dateline_end(opening) :].split()  # "WASHINGTON (AP) --" tells no story apart
        lead = " ".join(words[:LEAD_WORDS]) + ("…" if len(words) > LEAD_WORDS else "")
    return Source(
        id=number,
        path=article.path,
        title=article.title,
        outlet=article.outlet,
        author=article.author,
        published=article.published,
        url=article.url,
        lead=lead,
    )


def summarize_articles(
    articles: Sequence[Article], query: str | None = None, words: int = 100
) -> list[Sentence]:
    """A plain extractive summary: at most ``words`` words, the best sentence first (one
    that opens on the sentence before it only right after that one)."""
    sentences = segment_all(articles)
    index = Index(sentences)
    picks = summarize_index(index, Query.from_text(query) if query else None, words)
    return [sentences[p.sentence] for p in picks]
