"""One status for every target, from its figure: *now* (the value to date against the target)
and *year end* (the projection and its basis, or the pace), with one sentence a civil servant
reads without help. Pure.

Rules (pinned by property tests):

* no figure for the period due → 未报送;
* a **cumulative** target (≥ a count or an amount: 家, 亩, 吨 …) is 已完成 once the value reaches
  it; otherwise it is compared with the expected pace (序时进度) — 按序时推进 / 滞后 / 严重滞后;
* a **level** (a ceiling ≤ <, an exact value ==, or a rate in %) is judged on its value: a value
  on the wrong side of its target is never 按序时推进 unless a projection says the year will end
  on the right side; a projection on the wrong side is 滞后 (严重滞后 when judged impossible),
  whatever the value now;
* after the deadline: 已完成 when met, else 逾期未完成.

``why["outlook"]`` is the year-end statement as a code: ``met`` / ``missed`` (the year or the
deadline is over), ``expected_met`` / ``expected_missed`` (by the projection, or by the pace for
a cumulative target), None (no basis to say).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ecoplan.app.obligations.rules import COMPARE
from ecoplan.app.status.status import (BEHIND, DONE, FAR_BEHIND, MISSING, ON_PACE, OVERDUE,
                                       Status, Thresholds)

WORDS = {"<=": ("高于", "不高于"), "<": ("不低于", "低于"), ">=": ("低于", "达到"),
         ">": ("未超过", "超过"), "==": ("未达到", "达到")}
"""(on the wrong side, on the right side) of a target, by comparator."""


@dataclass(frozen=True)
class Figure:
    """What one target's status is computed from."""

    metric: str
    comparator: str
    target: float
    unit: str = ""
    value: float | None = None
    reported: bool = True
    cumulative: bool = False
    span: str = ""
    """When the value is from: 1—6月, 截至2023年6月."""
    statistic: str = ""
    """均值, 累计 …"""
    expected: float = 0.0
    """The expected pace, a share in [0, 1] (cumulative targets)."""
    deadline_passed: bool = False
    projection: float | None = None
    basis: str | None = None
    achievable: bool | None = None
    """False when a back-cast judged the target impossible to meet this year."""
    missing_text: str = ""


def fmt(x: float | None) -> str:
    if x is None:
        return "—"
    return f"{x:,.2f}".rstrip("0").rstrip(".").replace(",", "") if x != int(x) else f"{int(x)}"


def now_text(f: Figure) -> str:
    wrong, right = WORDS[f.comparator]
    side = right if COMPARE[f.comparator](f.value, f.target) else wrong
    return (f"{f.span}{f.metric}{f.statistic}{fmt(f.value)}{f.unit}，"
            f"{side}全年目标{fmt(f.target)}{f.unit}")


def _projected(f: Figure) -> tuple[bool, str]:
    meets = COMPARE[f.comparator](f.projection, f.target)
    if f.achievable is False:
        meets = False
    return meets, f"{f.basis or '按目前趋势'}预计全年{fmt(f.projection)}{f.unit}，" \
                  f"{'可以完成' if meets else '难以完成'}"


def judge(f: Figure, thresholds: Thresholds = Thresholds()) -> Status:
    """The status of one target with ``why``: ``now``, ``year_end`` and ``text``."""
    base = {"comparator": f.comparator, "target": f.target, "unit": f.unit, "value": f.value,
            "projection": f.projection, "projection_basis": f.basis,
            "cumulative": f.cumulative, "expected_percent": round(100 * f.expected, 1)}
    if not f.reported or f.value is None:
        text = f.missing_text or f"{f.metric}：最近一个应报送期没有数据"
        return Status(MISSING, {**base, "now": text, "year_end": None, "text": text})
    now = now_text(f)
    meets = COMPARE[f.comparator](f.value, f.target)
    if f.cumulative:
        return _cumulative(f, base, now, thresholds)
    outlook = None
    if f.deadline_passed:
        code, end = (DONE, "已完成") if meets else (OVERDUE, "年度已结束，未完成")
        outlook = "met" if meets else "missed"
    elif f.projection is not None:
        ok, end = _projected(f)
        code = ON_PACE if ok else FAR_BEHIND if f.achievable is False else BEHIND
        outlook = "expected_met" if ok else "expected_missed"
    else:
        code = ON_PACE if meets else BEHIND
        end = "尚无年末预测，按目前水平可以完成" if meets else "尚无年末预测，目前未达到目标"
    return Status(code, {**base, "now": now, "year_end": end, "outlook": outlook,
                         "text": f"{now}；{end}"})


def _cumulative(f: Figure, base: dict, now: str, thresholds: Thresholds) -> Status:
    achieved = min(max(f.value / f.target, 0.0), 1.0)
    why = {**base, "achieved_percent": round(100 * achieved, 1), "now": now}
    if achieved >= 1.0:
        return Status(DONE, {**why, "year_end": "已完成", "outlook": "met",
                             "text": f"{now}；已完成"})
    if f.deadline_passed:
        end = "已过完成时限，尚未完成"
        return Status(OVERDUE, {**why, "year_end": end, "outlook": "missed",
                                "text": f"{now}；{end}"})
    gap = round(100 * (f.expected - achieved), 1)
    why["gap_points"] = gap
    head = f"完成{why['achieved_percent']:g}%，序时进度{why['expected_percent']:g}%"
    if gap <= thresholds.lag_points:
        code, end = ON_PACE, f"{head}，按序时推进"
    else:
        code = FAR_BEHIND if gap > thresholds.severe_points else BEHIND
        end = f"{head}，落后{gap:g}个百分点"
    outlook = "expected_met" if code == ON_PACE else "expected_missed"
    return Status(code, {**why, "year_end": end, "outlook": outlook, "text": f"{now}；{end}"})


def span_words(start: dt.date, end: dt.date) -> str:
    """1—6月 for whole months of one year, else 1月1日—7月10日."""
    whole = (end + dt.timedelta(days=1)).day == 1
    if start.month == 1 and start.day == 1 and whole:
        return f"{end.month}月" if end.month == 1 else f"1—{end.month}月"
    return f"{start.month}月{start.day}日—{end.month}月{end.day}日"


def readable_basis(basis: str | None) -> str | None:
    """The back-cast's basis in plain words (往年同期规律 / 年初以来水平)."""
    if not basis:
        return None
    if basis.startswith("往年"):
        return "按往年同期规律"
    if basis.startswith("年初至今"):
        return "按年初以来水平（无往年同期数据，仅供参考）"
    if "断面" in basis:
        return "按各断面往年同期水质推算"
    return f"按{basis}"
