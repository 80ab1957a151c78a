"""The value-to-date range per target kind (docs/progress.md 「数值范围」): impossible values
refused, unusual ones confirmed, checked at each boundary."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from ecoplan.app.progress import value_range
from ecoplan.app.progress.value_range import NeedsConfirmation, check, kind
from ecoplan.errors import InputError


@dataclass
class T:
    unit: str
    value: float | None
    text: str = ""
    metric: str = ""


def outcome(value: float, target: T, confirmed: bool = False) -> str:
    try:
        check(value, target, confirmed=confirmed)
    except NeedsConfirmation:
        return "confirm"
    except InputError:
        return "refused"
    return "ok"


@pytest.mark.parametrize("target, expected", [
    (T("%", 80.0, "优良天数比率不低于80.0%"), "share"),
    (T("%", 100.0, "活性炭吸附处理工艺企业核查全覆盖"), "share"),
    (T("%", 0.0, "一次性消费品人均使用量逐年下降"), "change"),
    (T("%", 0.0, "2023年港口岸电用电量不低于2022年"), "change"),
    (T("%", 3.5, "单位GDP能耗下降3.5%"), "change"),
    (T("%", 100.0, "年度任务完成率100%"), "ratio"),
    (T("百分点", 2.0), "points"),
    (T("家", 40.0), "count"), (T("", 0.0, "散煤清零"), "count"),
    (T("吨", 5207.0), "amount"), (T("万亩", 2.0), "amount"),
    (T("微克/立方米", 31.0), "concentration"), (T("吨/平方千米·月", 2.3), "concentration"),
    (T("类", 3.0), "class"), (T("只", 3.0), "other"),
])
def test_kind_by_unit_and_wording(target, expected):
    assert kind(target) == expected


SHARE = T("%", 80.0, "优良天数比率不低于80.0%")
CHANGE = T("%", 3.5, "单位GDP能耗下降3.5%")
COUNT = T("家", 40.0)
PM25 = T("微克/立方米", 31.0)
CLASS = T("类", 3.0)
POINTS = T("百分点", 2.0)


@pytest.mark.parametrize("value, target, expected", [
    # a share: 0–100, nothing else, confirmed or not
    (0.0, SHARE, "ok"), (100.0, SHARE, "ok"), (-0.01, SHARE, "refused"),
    (100.01, SHARE, "refused"),
    # a change rate: may be negative; below −100 or above max(10 × target, 100) confirmed
    (-100.0, CHANGE, "ok"), (-100.01, CHANGE, "confirm"), (100.0, CHANGE, "ok"),
    (100.01, CHANGE, "confirm"),
    # a count: never negative; above max(10 × 40, 100) = 400 confirmed
    (0.0, COUNT, "ok"), (-1.0, COUNT, "refused"), (400.0, COUNT, "ok"),
    (400.5, COUNT, "confirm"),
    # a concentration: never negative; above 310 confirmed
    (0.0, PM25, "ok"), (-0.1, PM25, "refused"), (310.0, PM25, "ok"), (310.1, PM25, "confirm"),
    # a water class: Ⅰ…劣Ⅴ = 1…6
    (1.0, CLASS, "ok"), (6.0, CLASS, "ok"), (0.0, CLASS, "refused"), (6.5, CLASS, "refused"),
    # percentage points: −100…100
    (-100.0, POINTS, "ok"), (100.0, POINTS, "ok"), (-100.5, POINTS, "refused"),
    # whatever the unit: beyond 1e9 refused
    (1e9, T("只", 1.0), "confirm"), (1e9 + 1, T("只", 1.0), "refused"),
    (-1e9 - 1, CHANGE, "refused"),
])
def test_boundaries(value, target, expected):
    assert outcome(value, target) == expected


def test_a_confirmation_passes_unusual_values_only():
    assert outcome(400.5, COUNT, confirmed=True) == "ok"
    assert outcome(-100.5, CHANGE, confirmed=True) == "ok"
    assert outcome(-1.0, COUNT, confirmed=True) == "refused"
    assert outcome(101.0, SHARE, confirmed=True) == "refused"
    assert outcome(2e9, COUNT, confirmed=True) == "refused"


def test_messages_name_the_range():
    with pytest.raises(InputError, match="应为 0 至 100%"):
        check(120.0, SHARE, confirmed=False)
    with pytest.raises(NeedsConfirmation, match="0 至 400家"):
        check(500.0, COUNT, confirmed=False)
    with pytest.raises(InputError, match="不小于 0家"):
        check(-2.0, COUNT, confirmed=False)


def test_every_unit_of_the_seed_plan_has_a_kind(seeded):
    from ecoplan.app.progress import todo

    with seeded.session() as s:
        targets = todo.published(s).targets
        units = {(t.unit or "").strip() for t in targets}
        kinds = {kind(t) for t in targets}
    assert len(units) > 20 and all(kind(T(u, 1.0)) != "other" for u in units), \
        sorted(u for u in units if kind(T(u, 1.0)) == "other")
    assert {"share", "change", "count", "amount", "concentration", "class"} <= kinds
