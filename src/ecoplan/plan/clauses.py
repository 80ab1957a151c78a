"""Sentence, clause and segment boundaries of plan text, for scoping deadlines and targets.

A *sentence* ends at 。！？ or a line break; a *clause* also ends at a semicolon (；;), the unit
within which a deadline governs a target; a *segment* also ends at a comma or colon, the unit
within which a comparator or a soft word applies. Both full- and half-width punctuation are
used by government sites (the Changzhou page is half-width), so both count.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

SENTENCE_END = "。！？!?\n"
CLAUSE_END = SENTENCE_END + "；;"
SEGMENT_END = CLAUSE_END + "，,：:"

_SENTENCE_RE = re.compile(f"[{re.escape(SENTENCE_END)}]")
_CLAUSE_RE = re.compile(f"[{re.escape(CLAUSE_END)}]")
_SEGMENT_RE = re.compile(f"[{re.escape(SEGMENT_END)}]")


@dataclass
class Boundaries:
    """Boundary positions of one text, computed once so lookups are a bisection."""

    text: str
    _ends: dict[str, list[int]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for level, regex in (("sentence", _SENTENCE_RE), ("clause", _CLAUSE_RE),
                             ("segment", _SEGMENT_RE)):
            self._ends[level] = [m.start() for m in regex.finditer(self.text)]

    def span(self, pos: int, level: str = "clause") -> tuple[int, int]:
        """``(start, end)`` of the sentence/clause/segment holding ``pos``; end is exclusive
        and excludes the closing punctuation."""
        ends = self._ends[level]
        i = bisect_right(ends, pos - 1)
        start = ends[i - 1] + 1 if i else 0
        end = ends[i] if i < len(ends) else len(self.text)
        return start, end

    def segments(self, start: int, end: int) -> list[tuple[int, int]]:
        """The segments between ``start`` and ``end``, in order."""
        out, pos = [], start
        while pos < end:
            s, e = self.span(pos, "segment")
            out.append((max(s, start), min(e, end)))
            pos = e + 1
        return out
