"""Shared by the benchmark scripts: timing, and sumy made to run offline.

sumy's default tokenizer needs NLTK's downloadable punkt data; here it gets sentencex for
sentences (the segmenter briefing uses) and a plain word pattern, so it runs offline and
both systems start from the same sentences.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import time
from collections.abc import Sequence

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


class OfflineTokenizer:
    """The two methods sumy's parsers call on a tokenizer."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        from sentencex import segment

        return tuple(s.strip() for s in segment("en", " ".join(paragraph.split())) if s.strip())

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


def time_command(argv: Sequence[str], runs: int) -> list[float]:
    """Wall time of ``runs`` cold runs of a command, each a fresh process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def median(values: Sequence[float]) -> float:
    return statistics.median(values)
