"""Selection quality against human summaries: briefing beside other summarizers.

Runs, on the same inputs and in one run:
  - briefing's selector, through the same code path as `briefing summarize`
    (`briefing.summarize(texts, query, words)`);
  - sumy's LexRank and TextRank (offline tokenizer: sentencex sentences, plain words);
  - a lead baseline (the first N words of the first document);
  - the published systems' summaries stored with the data ("peers"), scored alike.

Scoring: ROUGE-1 and ROUGE-2 recall with stemming (rouge-score), averaged over the
references, each summary cut to the word limit: 100 words for DUC 2004 (generic),
250 for DUC 2006 (the topic's title and narrative as the query).

    .venv-bench/bin/python bench/quality.py ../shared/bench --write      # the full table
    .venv-bench/bin/python bench/quality.py ../shared/bench --limit 2   # smoke run (CI)
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import OfflineTokenizer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "duc2004": {"file": "duc2004.jsonl", "words": 100, "title": "DUC 2004 (generic, 100 words)"},
    "duc2006": {"file": "duc2006-dev.jsonl", "words": 250, "title": "DUC 2006 dev topics (query-focused, 250 words)"},
}
OURS = "briefing"


@dataclass
class Result:
    system: str
    recall1: list[float] = field(default_factory=list)
    recall2: list[float] = field(default_factory=list)
    words: list[int] = field(default_factory=list)  # before the cut
    seconds: float | None = None  # None for stored peers: not run here

    @property
    def r1(self) -> float:
        return 100 * statistics.fmean(self.recall1)

    @property
    def r2(self) -> float:
        return 100 * statistics.fmean(self.recall2)

    def add(self, summary: str, scores: tuple[float, float]) -> None:
        self.recall1.append(scores[0])
        self.recall2.append(scores[1])
        self.words.append(len(summary.split()))


def clusters(path: Path, limit: int | None) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                return
            yield json.loads(line)


def cut(text: str, words: int) -> str:
    return " ".join(text.split()[:words])


class Scorer:
    def __init__(self) -> None:
        from rouge_score import rouge_scorer

        self._scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)

    def __call__(self, summary: str, references: list[str], words: int) -> tuple[float, float]:
        summary = cut(summary, words)
        scores = [self._scorer.score(ref, summary) for ref in references]
        return (
            statistics.fmean(s["rouge1"].recall for s in scores),
            statistics.fmean(s["rouge2"].recall for s in scores),
        )


# --- the systems run here -----------------------------------------------------------


def ours(texts: list[str], query: str | None, words: int) -> str:
    import briefing

    return "\n".join(briefing.summarize(texts, query=query, words=words))


def sumy_system(name: str) -> Callable[[list[str], str | None, int], str]:
    def run(texts: list[str], query: str | None, words: int) -> str:
        from sumy.nlp.stemmers import Stemmer
        from sumy.parsers.plaintext import PlaintextParser
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.summarizers.text_rank import TextRankSummarizer
        from sumy.utils import get_stop_words

        kind = LexRankSummarizer if name == "lexrank" else TextRankSummarizer
        summarizer = kind(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        document = PlaintextParser.from_string("\n\n".join(texts), OfflineTokenizer()).document

        def enough(infos):  # best rated first, until the word budget is met
            chosen, total = [], 0
            for info in infos:
                chosen.append(info)
                total += len(str(info.sentence).split())
                if total >= words:
                    break
            return chosen

        return "\n".join(str(s) for s in summarizer(document, enough))

    return run


def lead(texts: list[str], query: str | None, words: int) -> str:
    return cut(texts[0], words)


RUN = {
    OURS: ours,
    "sumy LexRank": sumy_system("lexrank"),
    "sumy TextRank": sumy_system("textrank"),
    "Lead (first document)": lead,
}


def evaluate(name: str, path: Path, words: int, limit: int | None, systems: list[str], peers: bool) -> list[Result]:
    score = Scorer()
    results = {s: Result(s, seconds=0.0) for s in systems}
    stored: dict[str, Result] = {}
    for row in clusters(path, limit):
        texts = [d["text"] for d in row["documents"]]
        query = row.get("query") if name == "duc2006" else None
        for system in systems:
            start = time.perf_counter()
            summary = RUN[system](texts, query, words)
            results[system].seconds += time.perf_counter() - start  # type: ignore[operator]
            results[system].add(summary, score(summary, row["references"], words))
        if peers:
            for peer, summary in row["peers"].items():
                label = f"{peer} (peer)" if name == "duc2004" else f"NIST system {peer} (peer)"
                result = stored.setdefault(label, Result(label))
                result.add(summary, score(summary, row["references"], words))
    ranked = sorted(results.values(), key=lambda r: -r.r2)
    peers_ranked = sorted(stored.values(), key=lambda r: -r.r2)
    if name == "duc2006" and peers_ranked:
        # 35 participants: show the best five, NIST's lead baseline and the median.
        lead_peer = [r for r in peers_ranked if r.system.startswith("NIST system 1 ")]
        median = peers_ranked[len(peers_ranked) // 2]
        keep = {r.system: r for r in peers_ranked[:5] + [median] + lead_peer}
        peers_ranked = sorted(keep.values(), key=lambda r: -r.r2)
    return sorted(ranked + peers_ranked, key=lambda r: -r.r2)


def table(results: list[Result]) -> str:
    lines = ["| system | ROUGE-1 R | ROUGE-2 R | words before the cut | run time |", "|---|---:|---:|---:|---:|"]
    for r in results:
        bold = "**" if r.system == OURS else ""
        seconds = f"{r.seconds:.1f} s" if r.seconds is not None else "-"
        words = f"{statistics.fmean(r.words):.1f}"
        lines.append(f"| {bold}{r.system}{bold} | {bold}{r.r1:.2f}{bold} | {bold}{r.r2:.2f}{bold} | {words} | {seconds} |")
    return "\n".join(lines)


def chart(all_results: dict[str, list[Result]], path: Path) -> None:
    """One row per set: ROUGE-2 and ROUGE-1 side by side, systems in ROUGE-2 order."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = len(all_results)
    fig, axes = plt.subplots(rows, 2, figsize=(12, 4.6 * rows), squeeze=False)
    for (name, results), (left, right) in zip(all_results.items(), axes, strict=True):
        ordered = sorted(results, key=lambda r: r.r2)
        labels = [r.system + (f"  ({r.seconds:.1f} s)" if r.seconds is not None else "") for r in ordered]
        colors = ["#1f4e79" if r.system == OURS else "#9aa7b4" for r in ordered]
        for ax, metric, values in ((left, "ROUGE-2 recall", [r.r2 for r in ordered]),
                                   (right, "ROUGE-1 recall", [r.r1 for r in ordered])):
            ax.barh(range(len(ordered)), values, color=colors)
            ax.set_yticks(range(len(ordered)), labels if ax is left else [""] * len(ordered), fontsize=8)
            ax.set_title(f"{SETS[name]['title']}: {metric}", fontsize=9)
            ax.set_xlim(min(values) * 0.8, max(values) * 1.06)
            for i, v in enumerate(values):
                ax.text(v, i, f" {v:.2f}", va="center", fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path, help="the folder holding duc2004.jsonl and duc2006-dev.jsonl")
    parser.add_argument("--sets", default="duc2004,duc2006")
    parser.add_argument("--systems", default=",".join(RUN), help="comma list of: " + ", ".join(RUN))
    parser.add_argument("--limit", type=int, help="only the first N clusters of each set (smoke run)")
    parser.add_argument("--no-peers", action="store_true", help="do not score the stored peers")
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md and docs/benchmarks.png")
    args = parser.parse_args()
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [s for s in systems if s not in RUN]
    if unknown:
        parser.error(f"unknown system {unknown[0]!r}")

    all_results: dict[str, list[Result]] = {}
    for name in [s.strip() for s in args.sets.split(",")]:
        spec = SETS[name]
        results = evaluate(name, args.data / spec["file"], spec["words"], args.limit, systems, not args.no_peers)
        all_results[name] = results
        count = sum(1 for _ in clusters(args.data / spec["file"], args.limit))
        print(f"\n{spec['title']}: {count} clusters\n{table(results)}", flush=True)
    if args.write:
        write_docs(all_results, args)


def write_docs(all_results: dict[str, list[Result]], args: argparse.Namespace) -> None:
    docs = ROOT / "docs"
    docs.mkdir(exist_ok=True)
    chart(all_results, docs / "benchmarks.png")
    command = "make bench-env && .venv-bench/bin/python bench/quality.py ../shared/bench --write"
    parts = [
        "# Selection quality: briefing beside other summarizers",
        "",
        "Generated by `bench/quality.py` in one run; every system below was scored by the same",
        "scorer on the same inputs. Reproduce with:",
        "",
        f"    {command}",
        "",
        "Scoring: ROUGE-1 and ROUGE-2 recall with stemming (the `rouge-score` package), the",
        "references averaged, every summary cut to the word limit. `briefing` runs through the",
        "same code path as `briefing summarize` (`briefing.summarize(texts, query, words)`);",
        "sumy gets an offline tokenizer (sentencex sentences, as briefing uses) and its English",
        "stop words. Run times are wall-clock for the whole set on this machine",
        f"({platform.machine()}, Python {platform.python_version()}). Peers are the published systems'",
        "summaries stored with the data: scored here, not run here. How the selector works and",
        "how its parameters were chosen: [selection.md](selection.md).",
        "",
        "\"Words before the cut\" is the mean length of a system's summaries as written. Longer",
        "ones lose the end of their last sentence to the cut, as the published convention",
        "does; `briefing` returns whole source sentences within the limit.",
        "",
        "![ROUGE recall of every system](benchmarks.png)",
        "",
    ]
    for name, results in all_results.items():
        count = len(results[0].recall1) if results else 0
        parts += [f"## {SETS[name]['title']}: {count} clusters", "", table(results), ""]
    (docs / "benchmarks.md").write_text("\n".join(parts), encoding="utf-8")
    print(f"\nwrote {docs / 'benchmarks.md'} and {docs / 'benchmarks.png'}")


if __name__ == "__main__":
    main()
