"""The satisfaction and participation indices of a survey, and their 95 % confidence intervals.

The method (stated on the results page and in ``docs/public.md``):

- a five-point scale answer s ∈ {1, …, 5} scores 25 × (s − 1): 1 (很不满意/从不参与) → 0,
  5 (很满意/经常参与) → 100;
- a single-choice question counted in an index scores its chosen option's score (0–100, set by
  the office); a multiple-choice question the highest score among the chosen options;
- a respondent's satisfaction score S_i is the mean of their scores on the questions counted in
  satisfaction that they answered; P_i likewise for participation; their combined score
  C_i = mean of S_i and P_i (the one they have, when only one);
- an index is the mean of the respondents' scores, x̄ = Σ x_i / n, over the n respondents who
  have that score; its 95 % confidence interval is x̄ ± t(0.975, n − 1) · s / √n with s the sample
  standard deviation (simple random sampling, normal approximation of the mean; no interval for
  n < 2; the interval is clipped to 0–100). The combined index is what feeds the goal 公众对生态文明建设的满意度和参与度 (%).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Two-sided 95 % quantiles of Student's t, t(0.975, df) (any statistics table, e.g. NIST/SEMATECH
# e-Handbook of Statistical Methods, table 1.3.6.7.2); beyond 120 the normal 1.960.
T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
        9: 2.262, 10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120,
        17: 2.110, 18: 2.101, 19: 2.093, 20: 2.086, 21: 2.080, 22: 2.074, 23: 2.069, 24: 2.064,
        25: 2.060, 26: 2.056, 27: 2.052, 28: 2.048, 29: 2.045, 30: 2.042, 40: 2.021, 60: 2.000,
        120: 1.980}
Z975 = 1.960


def t975(df: int) -> float:
    """t(0.975, df); between tabulated degrees of freedom the next smaller one (conservative)."""
    if df > 120:
        return Z975
    return T975[max(k for k in T975 if k <= df)]


def item_score(question: dict, answer) -> float | None:
    """The 0–100 score of one answer to a question counted in an index (None: not answered)."""
    kind = question["kind"]
    if kind == "scale":
        return 25.0 * (int(answer) - 1) if isinstance(answer, int) and 1 <= answer <= 5 else None
    scores = question.get("scores") or []
    chosen = [answer] if kind == "single" else list(answer or [])
    values = [float(scores[i]) for i in chosen if isinstance(i, int) and 0 <= i < len(scores)]
    return max(values) if values else None


def respondent_scores(questions: list[dict], answers: dict) -> dict[str, float]:
    """``{"satisfaction": S_i, "participation": P_i, "combined": C_i}`` for those they have."""
    out: dict[str, float] = {}
    for index in ("satisfaction", "participation"):
        values = [item_score(q, answers.get(q["id"])) for q in questions if q.get("index") == index]
        values = [v for v in values if v is not None]
        if values:
            out[index] = sum(values) / len(values)
    if out:
        out["combined"] = sum(out.values()) / len(out)
    return out


@dataclass(frozen=True)
class Estimate:
    n: int
    mean: float | None
    low: float | None
    high: float | None

    def as_dict(self) -> dict:
        r = lambda v: None if v is None else round(v, 2)  # noqa: E731
        return {"n": self.n, "index": r(self.mean), "ci95": None if self.low is None
                else [r(self.low), r(self.high)]}


def estimate(values: list[float]) -> Estimate:
    """Mean and its 95 % confidence interval (t distribution) of the respondents' scores."""
    n = len(values)
    if n == 0:
        return Estimate(0, None, None, None)
    mean = sum(values) / n
    if n < 2:
        return Estimate(n, mean, None, None)
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    half = t975(n - 1) * sd / math.sqrt(n)
    return Estimate(n, mean, max(0.0, mean - half), min(100.0, mean + half))
