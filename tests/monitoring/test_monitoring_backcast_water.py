"""Back-cast of the dust-fall and water targets on small hand-computed stores (synthetic data)."""

import pandas as pd
import pytest

from ecoplan.monitoring.backcast_dust import backcast_dustfall
from ecoplan.monitoring.store import Store


def _dust(store: Store, values: dict[int, list[float]]) -> Store:
    """Two synthetic towns with the same value each month (so the area mean is that value)."""
    rows = [(town, pd.Timestamp(year, m + 1, 1), v) for year, months in values.items()
            for m, v in enumerate(months) for town in ("甲镇（合成）", "乙镇（合成）")]
    store.write("dustfall", pd.DataFrame(rows, columns=["town", "month", "dustfall"]), synthetic=True)
    return store


@pytest.fixture
def dust_store(tmp_path):
    # synthetic: 2022 a full year at 2.0 then 1.8 after June; 2023 six months at 2.4
    return _dust(Store(tmp_path), {2022: [2.0] * 6 + [1.8] * 6, 2023: [2.4] * 6})


def test_dustfall_ceiling_for_the_remaining_months(dust_store):
    b = backcast_dustfall(dust_store, comparator="<=", value=2.3, year=2023)
    assert b["months_measured"] == 6 and b["remaining_months"] == 6 and b["ytd_value"] == 2.4
    # (2.305 × 12 − 6 × 2.4) / 6 = 2.21
    assert b["max_remaining_mean"] == pytest.approx(2.21)
    assert b["history"] == [{"year": 2022, "rest_mean": 1.8}]
    assert b["achievable"]["years_meeting"] == 1 and b["achievable"]["years"] == 1
    # projection: 1.8 × (2.4 / 2.0) = 2.16 for the rest → (14.4 + 6 × 2.16) / 12 = 2.28
    assert b["projection"]["value"] == 2.28 and "往年" in b["projection"]["basis"]
    assert b["status"] == "预计完成"


def test_dustfall_impossible_and_as_of_month(dust_store):
    b = backcast_dustfall(dust_store, comparator="<=", value=1.1, year=2023)
    assert b["max_remaining_mean"] < 0 and b["status"] == "无法完成" and not b["achievable"]["possible"]
    early = backcast_dustfall(dust_store, comparator="<=", value=2.3, year=2023, as_of_month=3)
    assert early["remaining_months"] == 9 and early["max_remaining_mean"] == pytest.approx((2.305 * 12 - 7.2) / 9, abs=1e-3)


def test_dustfall_finished_year_and_no_data(dust_store, tmp_path):
    done = backcast_dustfall(dust_store, comparator="<=", value=2.3, year=2022)
    assert done["remaining_months"] == 0 and done["projection"]["value"] == 1.9 and done["status"] == "已完成"
    assert backcast_dustfall(dust_store, comparator="<=", value=2.3, year=2030)["status"] == "无数据"
    assert backcast_dustfall(Store(tmp_path / "empty"), comparator="<=", value=2.3, year=2023)["status"] == "无数据"
