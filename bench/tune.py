"""Parameter sweep for the coverage selector on the DUC 2006 *dev* topics only.

DUC 2004 stays a held-out test: choose parameters here, then run bench/quality.py.

    .venv-bench/bin/python bench/tune.py ../shared/bench
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import Scorer, cut  # noqa: E402

from briefing.coverage import PARAMS  # noqa: E402
from briefing.ingest import parse_text  # noqa: E402
from briefing.segment import segment_all  # noqa: E402
from briefing.select import Index, Query, summarize_index  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("--set", default="duc2006-dev.jsonl")
    parser.add_argument("--words", type=int, default=250)
    parser.add_argument("--grid", default="{}", help='JSON: {"min_df": [2, 3], ...}')
    parser.add_argument("--no-query", action="store_true")
    args = parser.parse_args()
    rows = [json.loads(line) for line in (args.data / args.set).open()]
    prepared = []
    for row in rows:
        index = Index(segment_all([parse_text(d["text"]) for d in row["documents"]]))
        query = None if args.no_query or not row.get("query") else Query.from_text(row["query"])
        prepared.append((index, query, row["references"]))
    score = Scorer()
    grid = json.loads(args.grid)
    keys = list(grid)
    results = []
    for values in itertools.product(*(grid[k] for k in keys)):
        params = dataclasses.replace(PARAMS, **dict(zip(keys, values, strict=True)))
        r1s, r2s = [], []
        for index, query, refs in prepared:
            picks = summarize_index(index, query, args.words, params)
            summary = cut(" ".join(index.sentences[p.sentence].text for p in picks), args.words)
            r1, r2 = score(summary, refs, args.words)
            r1s.append(r1)
            r2s.append(r2)
        results.append((100 * statistics.fmean(r2s), 100 * statistics.fmean(r1s), dict(zip(keys, values, strict=True))))
        print(f"R-2 {results[-1][0]:.2f}  R-1 {results[-1][1]:.2f}  {results[-1][2]}", flush=True)
    best = max(results, key=lambda r: (r[0], r[1]))
    print(f"\nbest: R-2 {best[0]:.2f}  R-1 {best[1]:.2f}  {best[2]}")


if __name__ == "__main__":
    main()
