"""Which city task or target a sub-plan's item serves: a suggestion, confirmed by its owner.

Texts are compared as bags of Chinese character bigrams (punctuation, digits and the
responsibility note in brackets dropped), by cosine similarity of their count vectors, all
items against all city items in one matrix product. Sharing a responsible unit's core name
(区住房和城乡建设局 and 市住房和城乡建设局 are both 住房和城乡建设) adds :data:`UNIT_BONUS`.
A goal of the sub-plan is matched to the city goal of the same metric first (score 1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

UNIT_BONUS = 0.1
MIN_SCORE = 0.12
"""Below this no suggestion is made (the owner links the item by hand or marks it unlinked)."""
_DROP = re.compile(r"[（(][^）)]*[）)]|[^\u4e00-\u9fffA-Za-z]")
_UNIT_HEAD = re.compile(r"^(常州)?(市|区|县)?(溧阳|金坛|武进|新北|天宁|钟楼|经开)?(市|区)?")
_UNIT_TAIL = re.compile(r"(委员会|分局|局|办公室|办)$")


@dataclass(frozen=True)
class Candidate:
    """A city item a sub-plan item may serve."""

    kind: str
    uid: str
    text: str
    units: tuple[str, ...] = ()
    metric: str = ""


@dataclass(frozen=True)
class Suggestion:
    kind: str
    uid: str
    score: float


def bigrams(text: str) -> list[str]:
    clean = _DROP.sub("", text or "")
    return [clean[i:i + 2] for i in range(len(clean) - 1)]


def unit_core(name: str) -> str:
    """``区住房和城乡建设局`` → ``住房和城乡建设``: a unit's name without its level and kind."""
    return _UNIT_TAIL.sub("", _UNIT_HEAD.sub("", name.strip()))


def cosine_matrix(left: list[str], right: list[str]) -> np.ndarray:
    """Cosine similarity of each text of ``left`` with each of ``right`` (bigram counts)."""
    grams = [bigrams(t) for t in left], [bigrams(t) for t in right]
    vocab = {g: i for i, g in enumerate(sorted({g for side in grams for bag in side for g in bag}))}

    def matrix(bags: list[list[str]]) -> np.ndarray:
        out = np.zeros((len(bags), max(len(vocab), 1)))
        for row, bag in enumerate(bags):
            np.add.at(out[row], [vocab[g] for g in bag], 1.0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.divide(out, norms, out=np.zeros_like(out), where=norms > 0)

    return matrix(grams[0]) @ matrix(grams[1]).T


def unit_overlap(left: list[tuple[str, ...]], right: list[tuple[str, ...]]) -> np.ndarray:
    """1 where an item and a candidate share a unit's core name, else 0."""
    cores = [{unit_core(u) for u in units} - {""} for units in right]
    return np.array([[1.0 if {unit_core(u) for u in units} & c else 0.0 for c in cores]
                     for units in left]).reshape(len(left), len(right))


def suggest(items: list[Candidate], candidates: list[Candidate]) -> list[Suggestion | None]:
    """The best city item for each sub-plan item (None below :data:`MIN_SCORE`).

    A ``target`` item with the metric of a city ``target`` gets it (score 1); every other
    item gets the candidate of highest text similarity plus the unit bonus.
    """
    if not items or not candidates:
        return [None] * len(items)
    score = cosine_matrix([i.text for i in items], [c.text for c in candidates])
    score += UNIT_BONUS * unit_overlap([i.units for i in items], [c.units for c in candidates])
    out: list[Suggestion | None] = []
    for row, item in enumerate(items):
        same = [c for c in candidates
                if item.kind == "target" and c.kind == "target" and item.metric
                and c.metric == item.metric]
        if same:
            out.append(Suggestion(same[0].kind, same[0].uid, 1.0))
            continue
        best = int(np.argmax(score[row]))
        value = float(min(score[row, best], 1.0))
        out.append(Suggestion(candidates[best].kind, candidates[best].uid, round(value, 3))
                   if value >= MIN_SCORE else None)
    return out
