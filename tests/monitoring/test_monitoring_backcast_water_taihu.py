"""The seasonal expectation against what happened: Lake Taihu 2007–2015 (real data, 8 points,
monthly; shared/data/water/taihu_2007_2015). For each year 2008–2015 and as-of month March,
June and September, the back-cast's expected level of the remaining months — from the same
months of earlier years, or from the last three months — is compared with the actual mean of
those months, and its at-risk verdicts (lake Ⅲ limits) with whether the actual remaining mean
broke the allowance."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from ecoplan.monitoring.readers import read_file
from ecoplan.monitoring.store import Store
from ecoplan.monitoring.water_allowance import backcast_factors, section_allowances
from ecoplan.monitoring.water_seasonal import monthly_history, to_evaluation_space

TAIHU = "data/water/taihu_2007_2015/taihu_physicochem_2007_2015_sheet1.csv"
AS_OF_MONTHS, YEARS = (3, 6, 9), range(2008, 2016)


def _one(con, sections: pd.DataFrame, year: int, month: int) -> pd.DataFrame:
    as_of, codes = date(year, month, 28), sections["section"].tolist()
    samples = con.execute("SELECT * FROM water WHERE year = ?", [year]).df()
    done = samples[samples["time"] <= pd.Timestamp(as_of)]
    factors, ceilings = backcast_factors(done), pd.Series(3, index=codes)
    monthly = monthly_history(con, codes, factors, year, month)
    seasonal = section_allowances(done, sections, ceilings, as_of, monthly).set_index(["section", "factor"])
    recent = section_allowances(done, sections, ceilings, as_of, monthly.iloc[:0]).set_index(["section", "factor"])
    rest = samples[samples["time"] > pd.Timestamp(as_of)].melt(id_vars=["section", "time"], value_vars=factors,
                                                               var_name="factor").dropna()
    rest["value"] = to_evaluation_space(rest["factor"], rest["value"])
    actual = rest.groupby(["section", "factor"])["value"].mean().reindex(seasonal.index)
    return pd.DataFrame({"seasonal": seasonal["expected"], "recent": recent["expected"], "actual": actual,
                         "basis": seasonal["basis"], "impossible": seasonal["impossible"],
                         "risk_seasonal": seasonal["at_risk"], "risk_recent": recent["at_risk"],
                         "failed": (actual > seasonal["allowed_high"]) | (actual < seasonal["allowed_low"])}).reset_index()


@pytest.fixture(scope="module")
def outcomes(shared_dir, tmp_path_factory):
    frame = read_file(shared_dir / TAIHU).frame
    codes = sorted(frame["section"].unique())
    sections = pd.DataFrame({"section": codes, "section_name": codes, "waterbody": "太湖", "waterbody_type": "湖库",
                             "station_level": "国考", "drinking": False, "district": "—", "target_class": 3})
    store = Store(tmp_path_factory.mktemp("taihu"))
    store.write("sections", sections)
    store.write("water", frame[["section", "time", "ph", "do", "nh3n", "tp"]])
    con = store.connect()
    table = pd.concat([_one(con, sections, y, m) for m in AS_OF_MONTHS for y in YEARS], ignore_index=True)
    table = table[table["basis"].eq("seasonal") & table["actual"].notna()].copy()
    ph = table["factor"].eq("ph")  # errors of pH in pH units
    table.loc[ph, ["seasonal", "recent", "actual"]] = -np.log10(table.loc[ph, ["seasonal", "recent", "actual"]])
    return table


def test_every_point_and_factor_has_earlier_years_and_actual_months(outcomes):
    assert len(outcomes) == 8 * 4 * len(YEARS) * len(AS_OF_MONTHS) == 768


def test_same_months_of_earlier_years_predict_do_tp_and_ph_better_than_the_last_three_months(outcomes):
    errors = outcomes.assign(seasonal=(outcomes["seasonal"] - outcomes["actual"]).abs(),
                             recent=(outcomes["recent"] - outcomes["actual"]).abs()).groupby("factor")[["seasonal", "recent"]].mean()
    # mean absolute error of the remaining months' level: DO 0.74 vs 1.71 mg/L, TP 0.046 vs 0.082 mg/L, pH 0.16 vs 0.21
    for factor in ("do", "tp", "ph"):
        assert errors.loc[factor, "seasonal"] < errors.loc[factor, "recent"], factor
    assert errors.loc["do"].tolist() == pytest.approx([0.740, 1.705], abs=0.001)
    # NH3-N fell over these years, so earlier years overstate it: no better than the last three months (0.203 vs 0.199)
    assert errors.loc["nh3n"].tolist() == pytest.approx([0.203, 0.199], abs=0.001)


def test_at_risk_on_the_seasonal_basis_misses_no_factor_that_then_broke_its_allowance(outcomes):
    open_ = outcomes[~outcomes["impossible"]]
    counts = {k: (int((open_[k] & open_["failed"]).sum()), int((open_[k] & ~open_["failed"]).sum()),
                  int((~open_[k] & open_["failed"]).sum())) for k in ("risk_seasonal", "risk_recent")}
    # (hits, false alarms, missed) of 680 open section-factor-dates, 110 of which broke the allowance
    assert len(open_) == 680 and int(open_["failed"].sum()) == 110
    assert counts == {"risk_seasonal": (110, 7, 0), "risk_recent": (109, 10, 1)}
