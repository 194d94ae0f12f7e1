"""Is a parameter change a real gain? Paired comparison on the DUC 2006 dev topics,
in both modes (with the topic's query, and generic), by a sign test on R-2.

The project adopts a change only when it wins at p < 0.1 here (on R-2, or on R-1
without losing R-2); DUC 2004 stays held out.

    .venv-bench/bin/python bench/compare.py ../shared/bench '{"lead_bonus": 0.0}' '{"lead_bonus": 0.5}'
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import Scorer, cut  # noqa: E402

from briefing.coverage import PARAMS  # noqa: E402
from briefing.ingest import parse_text  # noqa: E402
from briefing.segment import segment_all  # noqa: E402
from briefing.select import Index, Query, summarize_index  # noqa: E402


def sign_test(wins: int, losses: int) -> float:
    """One-sided p-value of at least `wins` successes in wins+losses fair coin flips."""
    n = wins + losses
    return sum(math.comb(n, k) for k in range(wins, n + 1)) / 2**n if n else 1.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("before", help="JSON parameter overrides for the baseline")
    parser.add_argument("after", help="JSON parameter overrides for the change")
    args = parser.parse_args()
    rows = [json.loads(line) for line in (args.data / "duc2006-dev.jsonl").open()]
    score = Scorer()
    configs = [dataclasses.replace(PARAMS, **json.loads(c)) for c in (args.before, args.after)]
    pairs = []
    for row in rows:
        index = Index(segment_all([parse_text(d["text"]) for d in row["documents"]]))
        for query in (Query.from_text(row["query"]), None):
            scores = []
            for params in configs:
                picks = summarize_index(index, query, 250, params)
                summary = cut(" ".join(index.sentences[p.sentence].text for p in picks), 250)
                scores.append(score(summary, row["references"], 250))
            pairs.append(scores)
    for metric, k in (("R-1", 0), ("R-2", 1)):
        mean, wins, losses, p = paired(pairs, k)
        verdict = "better" if p < 0.1 and mean > 0 else "no significant gain"
        print(f"{metric} change {mean:+.3f} over {len(pairs)} runs: {wins} better, {losses} worse, "
              f"sign test p = {p:.3f} -> {verdict}")
    # A diagnostic, not the test: the same per mode (even runs with the query, odd ones generic).
    for mode, part in (("query", pairs[0::2]), ("generic", pairs[1::2])):
        for metric, k in (("R-1", 0), ("R-2", 1)):
            mean, wins, losses, p = paired(part, k)
            before = 100 * sum(a[k] for a, _b in part) / len(part)
            print(f"  {mode:7} {metric} {before:.2f} -> {before + mean:.2f} ({mean:+.3f}): "
                  f"{wins} better, {losses} worse, p = {p:.3f}")


def paired(pairs: list[list[tuple[float, float]]], k: int) -> tuple[float, int, int, float]:
    """Mean change (in ROUGE points), wins, losses and sign-test p of metric k."""
    wins = sum(1 for a, b in pairs if b[k] > a[k] + 1e-9)
    losses = sum(1 for a, b in pairs if a[k] > b[k] + 1e-9)
    mean = 100 * sum(b[k] - a[k] for a, b in pairs) / len(pairs)
    return mean, wins, losses, sign_test(wins, losses)


if __name__ == "__main__":
    main()
