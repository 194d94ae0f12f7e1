"""Shared by the benchmark scripts: timing, and sumy made to run offline.

sumy's default tokenizer needs NLTK's downloadable punkt data; here it gets pysbd for
sentences and a plain word pattern instead, so it runs offline like briefing does.
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

    def __init__(self) -> None:
        import pysbd

        self._segmenter = pysbd.Segmenter(language="en", clean=False)

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s.strip() for s in self._segmenter.segment(paragraph) if s.strip())

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
