"""Where each extracted item came from in the source text, for the review page.

Targets and deadlines carry their exact ``text`` (a substring of the extracted document text,
by the ``ecoplan.plan/1`` contract); tasks carry their whole text. The source is cut at every
start and end of a found item, and each piece knows which items cover it, so nested items
(a target inside its task) highlight both.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PREFIX = 40
"""A task whose whole text is not found verbatim is looked for by its first characters."""


@dataclass(frozen=True)
class Span:
    key: str
    start: int
    end: int


@dataclass(frozen=True)
class Piece:
    text: str
    keys: tuple[str, ...]


def locate(source: str, needles: list[tuple[str, str]]) -> tuple[list[Span], list[str]]:
    """Spans of the needles found in ``source`` and the keys of those not found.

    Each needle is looked for after the previous find of the same text, so a sentence that
    occurs twice is matched to its own place; when there is no later one, items share it.
    """
    spans, missing = [], []
    after: dict[str, int] = {}
    for key, needle in needles:
        needle = (needle or "").strip()
        start = source.find(needle, after.get(needle, 0)) if needle else -1
        if start < 0 and needle in after:  # two items quoting one sentence (a target and its deadline)
            start = source.find(needle)
        if start < 0 and len(needle) > PREFIX:
            needle = needle[:PREFIX]
            start = source.find(needle)
        if start < 0:
            missing.append(key)
            continue
        after[needle] = start + 1
        spans.append(Span(key, start, start + len(needle)))
    return spans, missing


def pieces(source: str, spans: list[Span]) -> list[Piece]:
    """``source`` cut at every span boundary, each piece with the keys of the spans covering it."""
    if not spans:
        return [Piece(source, ())] if source else []
    starts = np.array([s.start for s in spans])
    ends = np.array([s.end for s in spans])
    cuts = np.unique(np.concatenate(([0, len(source)], starts, ends)))
    lo, hi = cuts[:-1], cuts[1:]
    # covers[i, j]: span j covers piece i (pieces never straddle a boundary).
    covers = (starts[None, :] <= lo[:, None]) & (ends[None, :] >= hi[:, None])
    keys = [s.key for s in spans]
    return [
        Piece(source[a:b], tuple(keys[j] for j in np.flatnonzero(row)))
        for a, b, row in zip(lo.tolist(), hi.tolist(), covers)
    ]
