"""Selection as coverage: pick the sentences that together cover the most weighted
concepts within a budget (Gillick and Favre's concept model, solved greedily).

* concepts: stemmed bigrams, not both stop words (what ROUGE-2 counts, less the noise),
  and content words;
* weights: a concept counts once per document that holds it (what many sources say
  matters), only when at least MIN_DF documents do; with a query, each document counts
  by its most query-relevant sentence holding the concept, so the concepts of relevant
  passages outweigh the rest;
* search: greedy by gain per word**p (a cost-scaled greedy stays close to the optimum
  of such submodular objectives), from two values of p, each improved by swapping or
  adding sentences while coverage grows; the better cover wins;
* priors: a sentence's value also reflects its form (see select._quality), its place
  (a document's opening sentences, where news puts the facts, count 1.5 times) and,
  with a query, its own relevance, so that a question is answered by the sentences
  that answer it.

Parameters were chosen on the DUC 2006 dev topics only; bench/compare.py is the test a
change has to pass (docs/selection.md tells what was tried).

Covered concepts add nothing, so a sentence that repeats the summary scores nothing:
redundancy needs no separate penalty.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.terms import stems

if TYPE_CHECKING:
    from briefing.select import Index, Vector


@dataclass(frozen=True)
class Params:
    """Chosen on the DUC 2006 dev topics only (bench/tune.py, bench/compare.py)."""

    min_df: int = 3  # a concept must occur in this many documents (a third of them at most)
    unigram_weight: float = 0.1  # a content word weighs this much against a bigram
    length_power: float = 0.5  # gain per word**power: between packing tightly and long sentences
    relevance_floor: float = 0.1  # with a query, what an irrelevant document still counts
    focus: float = 1.0  # with a query, a sentence's value is scaled by (floor + relevance) ** focus
    lead_bonus: float = 0.5  # a document's first LEAD sentences are worth (1 + lead_bonus)
    # How much a sentence's prior scales the concepts it covers, for three sources or more
    # (0: priors only steer the search). With fewer, it is 1: see `maximize`.
    prior_power: float = 0.0
    max_similarity: float = 0.3  # a sentence this similar (cosine) to a pick is not picked
    # Without a query, with three sources or more, the story the leads tell is the query:
    # the `story_terms` content words the most documents' first `story_lead` sentences
    # hold, each weighed by how many leads hold it. It nudges: a sentence's value and a
    # document's count of a concept are scaled by (`story_floor` + relevance), about 1 to 2.
    story_lead: int = 3  # 0: no implicit query
    story_terms: int = 10
    story_floor: float = 1.0

PARAMS = Params()
LEAD = 3  # sentences that open a document
FEW_SOURCES = 3  # below this, concepts are counted by sentences, not documents
MAX_ROUNDS = 10  # of swaps, each of which must grow the cover


def sentence_concepts(text: str) -> tuple[str, ...]:
    """A sentence's concepts, each once, sorted: the order every sum over them takes does
    not depend on the process's string hashing, so neither do the picks."""
    words = stems(text)
    concepts = {term for term, stop in words if not stop}
    for (a, stop_a), (b, stop_b) in zip(words, words[1:], strict=False):
        if not (stop_a and stop_b):
            concepts.add(f"{a} {b}")
    return tuple(sorted(concepts))


def concept_weights(
    index: Index, relevance: Vector | None = None, params: Params = PARAMS
) -> dict[str, float]:
    """Weight of each concept: documents that hold it, each counting by its most relevant
    sentence holding it when a query gives relevance. With one or two documents there
    is no agreement between sources to count, so the sentences that hold a concept count
    instead: what an article keeps coming back to is what it is about."""
    sources = index.source_count
    by_sentence = sources < FEW_SOURCES
    best: dict[str, dict[int, float]] = defaultdict(dict)
    for i, concepts in enumerate(index.concepts):
        unit = i if by_sentence else index.sentences[i].source
        value = 1.0 if relevance is None else params.relevance_floor + float(relevance[i])
        for concept in concepts:
            docs = best[concept]
            if value > docs.get(unit, 0.0):
                docs[unit] = value
    # Three documents of ten make a concept; of three sources, one may be all there is.
    # Within an article every concept counts, by the number of sentences that hold it.
    min_df = 1 if by_sentence else min(params.min_df, max(1, sources // 3))
    weights: dict[str, float] = {}
    for concept, docs in best.items():
        if len(docs) < min_df:
            continue
        scale = params.unigram_weight if " " not in concept else 1.0
        weights[concept] = scale * sum(docs.values())
    return weights


class Coverage:
    """The coverage problem in arrays: each sentence's concept ids, flattened.

    A concept is worth its weight times the prior of the best chosen sentence that holds
    it (a prior in [0, 1]: form, place, relevance). With every prior 1 this is plain
    concept coverage; either way it is submodular, and the greedy starts and the swaps
    optimise the same objective."""

    def __init__(
        self,
        index: Index,
        weights: dict[str, float],
        candidates: Sequence[int],
        prior: Vector | None = None,
    ) -> None:
        import numpy as np

        ids: dict[str, int] = {}
        owner: list[int] = []
        flat: list[int] = []
        for i in candidates:
            for concept in index.concepts[i]:
                if concept in weights:
                    flat.append(ids.setdefault(concept, len(ids)))
                    owner.append(i)
        self.n = len(index.sentences)
        self.flat = np.array(flat, dtype=np.int64)
        self.owner = np.array(owner, dtype=np.int64)
        self.weight = np.zeros(len(ids))
        for concept, k in ids.items():
            self.weight[k] = weights[concept]
        if prior is None:
            self.prior = np.ones(self.n)
        else:
            top = float(np.max(prior[candidates])) if len(candidates) else 1.0
            self.prior = np.asarray(prior, dtype=float) / (top or 1.0)
        self.np = np

    def covered(self, chosen: Sequence[int]) -> Vector:
        """For each concept, the prior of the best chosen sentence holding it (0: none)."""
        np = self.np
        best: Vector = np.zeros(len(self.weight))
        if chosen:
            mask = np.isin(self.owner, np.asarray(list(chosen), dtype=np.int64))
            np.maximum.at(best, self.flat[mask], self.prior[self.owner[mask]])
        return best

    def gains(self, chosen: Sequence[int]) -> Vector:
        """For every sentence, what it would add to the value of ``chosen``."""
        np = self.np
        best = self.covered(chosen)
        fresh = self.weight[self.flat] * np.maximum(self.prior[self.owner] - best[self.flat], 0.0)
        result: Vector = np.bincount(self.owner, weights=fresh, minlength=self.n)
        return result

    def value(self, chosen: Sequence[int]) -> float:
        """The weight of the concepts ``chosen`` covers, each by its best sentence's prior."""
        return float((self.weight * self.covered(chosen)).sum())


def maximize(
    index: Index,
    weights: dict[str, float],
    candidates: Sequence[int],
    *,
    words: int,
    relevance: Vector | None = None,
    params: Params = PARAMS,
) -> list[tuple[int, float]]:
    """The sentences covering the most concept weight within ``words`` words, as
    (sentence, gain) pairs in order of gain. Greedy starts (by gain per word**p for two
    p), improved by swaps; near duplicates and close paraphrases never together."""
    import numpy as np

    pool = [i for i in candidates if index.concepts[i]]
    if not pool:
        return []
    size = np.array([max(index.lengths_in_words[i], 1) for i in range(len(index.sentences))], dtype=float)
    quality = np.asarray(index.quality, dtype=float)
    # One or two articles have no agreement between sources to go by; a news article's
    # lead is its own summary (the Lead-3 baseline), so the priors, position among them,
    # weigh in the objective itself, not only in the order of the search.
    few = index.source_count < FEW_SOURCES
    prior_power = 1.0 if few else params.prior_power
    if params.lead_bonus:
        lead = np.array([s.position < LEAD for s in index.sentences])
        quality = quality * np.where(lead, 1 + params.lead_bonus, 1.0)
    if relevance is not None and params.focus:
        # A question is answered by sentences, not concepts: favour the relevant ones.
        quality = quality * (params.relevance_floor + np.asarray(relevance)) ** params.focus
    problem = Coverage(index, weights, pool, prior=quality**prior_power)
    steer = quality ** (1 - prior_power)  # the part of the priors the objective leaves out
    allowed = np.zeros(problem.n, dtype=bool)
    allowed[pool] = True

    def clashes(chosen: Sequence[int], i: int) -> bool:
        if chosen and index.similarity[i, list(chosen)].max() >= params.max_similarity:
            return True  # says much the same as a pick, in other words
        return any(index.same_fact(i, j) for j in chosen)

    def greedy(power: float) -> list[int]:
        chosen: list[int] = []
        banned = ~allowed
        while True:
            left = words - sum(index.lengths_in_words[i] for i in chosen)
            gains = problem.gains(chosen)
            value = np.where(banned | (size > left) | (gains <= 0), -1.0, gains * steer / size**power)
            i = int(np.argmax(value))
            if value[i] <= 0:
                break
            banned[i] = True
            if clashes(chosen, i):
                continue
            chosen.append(i)
        return chosen

    def improve(chosen: list[int]) -> list[int]:
        """Swap one sentence for another, or add one, while coverage grows."""
        best_value = problem.value(chosen)
        for _round in range(MAX_ROUNDS):
            move: tuple[float, list[int]] | None = None
            for out in [None, *chosen]:
                rest = [i for i in chosen if i != out]
                gains = problem.gains(rest)
                base = problem.value(rest)
                left = words - sum(index.lengths_in_words[i] for i in rest)
                ok = allowed & (size <= left) & (gains > 0)
                ok[rest] = False
                if out is not None:
                    ok[out] = False
                for i in np.argsort(-np.where(ok, gains, -1.0))[:5].tolist():
                    if not ok[i]:
                        break
                    total = base + float(gains[i])
                    if total > best_value + 1e-9 and (move is None or total > move[0]) and not clashes(rest, i):
                        move = (total, [*rest, i])
                        break
            if move is None:
                return chosen
            best_value, chosen = move
        return chosen

    starts = [improve(greedy(power)) for power in (params.length_power, 1.0)]
    best = max(starts, key=lambda c: (problem.value(c), -len(c)))
    # Report each pick with the gain it brings after the picks before it.
    ordered: list[tuple[int, float]] = []
    remaining = list(best)
    while remaining:
        gains = problem.gains([i for i, _g in ordered])
        i = max(remaining, key=lambda k: (gains[k], -k))
        ordered.append((i, float(gains[i])))
        remaining.remove(i)
    return ordered
