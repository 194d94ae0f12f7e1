"""Start-up and build time of `briefing`, against sumy's LexRank on the same files.

Every measurement is a cold process, run several times; the table gives medians.

    .venv-bench/bin/python bench/speed.py seeds/ --themes themes.toml --runs 7
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median, time_command  # noqa: E402

SUMY = """
import sys
from pathlib import Path
sys.path.insert(0, {bench!r})
from common import OfflineTokenizer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.nlp.stemmers import Stemmer
text = "\\n\\n".join(p.read_text(encoding="utf-8") for p in sorted(Path({corpus!r}).glob("*.txt")))
document = PlaintextParser.from_string(text, OfflineTokenizer()).document
summary = LexRankSummarizer(Stemmer("english"))(document, 5)
print("\\n".join(str(s) for s in summary))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--themes", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    python = sys.executable
    out = tempfile.mkdtemp(prefix="briefing-speed-")
    build = [python, "-m", "briefing", "build", str(args.corpus), "--themes", str(args.themes), "--out", out,
             "--date", "2025-10-05", "--quiet"]
    rows = [
        ("python -c pass (interpreter start)", [python, "-c", "pass"]),
        ("import briefing", [python, "-c", "import briefing"]),
        ("briefing build --format md,html,json", build + ["--format", "md,html,json"]),
        ("briefing build --format md,html,json,pdf", build + ["--format", "md,html,json,pdf"]),
        ("briefing summarize --words 100", [python, "-m", "briefing", "summarize", str(args.corpus), "--words", "100"]),
        ("sumy LexRank, 5 sentences (generic)", [python, "-c", SUMY.format(bench=str(Path(__file__).parent), corpus=str(args.corpus))]),
    ]
    print(f"{'what':45s} {'median s':>9s} {'min s':>7s} {'max s':>7s}   ({args.runs} cold runs each)")
    for name, argv in rows:
        times = time_command(argv, args.runs)
        print(f"{name:45s} {median(times):9.3f} {min(times):7.3f} {max(times):7.3f}")


if __name__ == "__main__":
    main()
