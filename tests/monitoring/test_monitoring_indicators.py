import numpy as np
import pandas as pd
import pytest

from ecoplan.monitoring.air_cube import load_station_daily
from ecoplan.monitoring.areas import parse_period
from ecoplan.monitoring.importer import import_files
from ecoplan.monitoring.indicators import indicators
from ecoplan.monitoring.indicators_air import counted_aqi, evaluate_groups


def test_composite_index_check_value_heyuan():
    from ecoplan.standards.air_period import composite_index

    assert float(composite_index(so2=3, no2=13, pm10=16, pm25=13, co=0.9, o3_8h=87).total) == 1.73


def test_a_day_with_a_single_o3_hour_is_not_a_valid_day():
    daily = {k: np.array([[np.nan, 30.0]]) for k in ("so2", "no2", "pm10", "pm25", "co", "o3_8h")}
    daily["co"] = np.array([[np.nan, 0.8]])
    daily["o3"] = np.array([[40.0, 90.0]])
    ev = evaluate_groups(daily, np.array(["2019-04-08", "2019-04-09"], dtype="datetime64[D]"), None)
    assert np.isnan(counted_aqi(ev)[0, 0]) and not np.isnan(counted_aqi(ev)[0, 1])


def test_station_daily_means_match_the_centres_own_24h_values(changzhou_store, cnemc_dir):
    """Natural day D = labels 1…23 of D and label 0 of D+1 (hour-end labels): on days whose 24 hours
    are all in the file, our PM2.5 daily mean equals the centre's PM2.5_24h at label 0 of D+1."""
    daily = load_station_daily(changzhou_store.connect(), ["1196A"], parse_period("2019-01"))
    raw = pd.read_csv(cnemc_dir / "china_sites_2019_changzhou.csv", usecols=["date", "hour", "type", "1196A"], nrows=32 * 24 * 15)
    pm = raw[raw["type"] == "PM2.5"]
    slot = pd.to_datetime(pm["date"].astype(str)) + pd.to_timedelta(pm["hour"] - 1, unit="h")
    complete = pm.groupby(slot.dt.normalize().to_numpy())["1196A"].count() == 24
    centre = raw[(raw["type"] == "PM2.5_24h") & (raw["hour"] == 0)]
    centre = pd.Series(centre["1196A"].to_numpy(), index=pd.to_datetime(centre["date"].astype(str)) - pd.Timedelta(days=1))
    ours = pd.Series(daily.values["pm25"][0], index=pd.to_datetime(daily.days))
    days = complete[complete].index.intersection(centre.index).intersection(ours.index)
    assert len(days) >= 25
    assert (ours[days] - centre[days]).abs().max() <= 1  # ±1: the centre rounds half-up, we half-even


def test_changzhou_2019_annual(changzhou_store):
    result = indicators(changzhou_store, "常州市", "2019")
    air = result["air"]
    assert (result["area"], result["rules"], result["synthetic"]) == ("常州市", "2012", False)
    assert air["pm25"] == 45 and air["pm10"] == 72 and air["no2"] == 38 and air["so2"] == 10
    assert air["co_p95"] == 1.3 and air["o3_8h_p90"] == 173
    # 2019年常州市环境质量: 255 good days, 69.9 % (tests/monitoring/data/bulletins_2019.json)
    assert (air["good_days"], air["valid_days"], air["good_day_ratio"]) == (251, 361, 69.5)
    assert sum(air["days_by_level"].values()) == air["valid_days"]
    assert air["composite_index"] == pytest.approx(45 / 35 + 72 / 70 + 38 / 40 + 10 / 60 + 1.3 / 4 + 173 / 160, abs=0.03)
    # Without the centre's day values August had 25 valid days (< 27): with them every month is valid.
    assert not any("不满足 GB 3095 表4" in n for n in result["notes"])
    assert air["from_centre"]["pm10"] == {"days": 108, "station_days": 288}
    assert air["from_centre"]["aqi"] == {"days": 165, "station_days": 407}
    assert any(n.startswith("air.from_centre:") and "PM10 108 天" in n for n in result["notes"])


def test_beijing_2019_matches_the_published_bulletin(cnemc_dir, tmp_path):
    """2019年北京市生态环境状况公报: PM2.5 42, PM10 68, NO2 37, SO2 4 µg/m³. The bulletin rests on
    audited data and the municipal network; the national stations' real-time releases (with gaps)
    give the gases exactly and the particulates within 1 µg/m³."""
    from ecoplan.monitoring.store import Store

    store = Store(tmp_path)
    import_files(store, [cnemc_dir / "NewSiteList.csv", cnemc_dir / "china_sites_2019_beijing.csv"])
    air = indicators(store, "北京市", "2019")["air"]
    assert (air["no2"], air["so2"]) == (37, 4)
    assert abs(air["pm25"] - 42) <= 1 and abs(air["pm10"] - 68) <= 1


def test_strict_nulls_statistics_that_miss_validity(changzhou_store):
    from datetime import date

    dust = [date(2019, 8, d) for d in (1, 2, 3)]  # 29 valid PM days in August, 26 without these
    result = indicators(changzhou_store, "常州市", "2019-08", strict=True, dust_days=dust)
    air = result["air"]
    assert air["pm25"] is None and air["composite_index"] is None and air["no2"] is not None
    assert any(n.startswith("air.pm25: 不满足 GB 3095 表4") for n in result["notes"])
    loose = indicators(changzhou_store, "常州市", "2019-08", dust_days=dust)
    assert loose["air"]["pm25"] is not None and any("仅供参考" in n for n in loose["notes"])


def test_month_and_forced_2026_rules(changzhou_store):
    june = indicators(changzhou_store, "常州", "2019-06")["air"]
    june_2026 = indicators(changzhou_store, "常州", "2019-06", rules="2026")
    assert june["valid_days"] == 30 and june["pm25"] == june_2026["air"]["pm25"]
    assert june_2026["rules"] == "2026" and sum(june_2026["air"]["days_by_level"].values()) == 30
    assert "rules" not in june_2026["air"] and june_2026["air_last_year"] is None  # no 2018 data
    assert any("D7" in n for n in june_2026["notes"])  # composite with 2012 denominators, flagged


def test_a_missing_cell_is_missing_not_zero(registry_store, tmp_path):
    """Regression: a NULL pollutant beside present ones must stay NaN through the store (DuckDB's
    fetchnumpy gives masked arrays whose hidden values are 0)."""
    lines = ["date,hour,type,1196A"]
    for h in range(1, 24):
        lines += [f"20190105,{h},PM2.5,30", f"20190105,{h},PM10,{50 if h <= 20 else ''}"]
    lines += ["20190106,0,PM2.5,30", "20190106,0,PM10,"]
    path = tmp_path / "gap.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert not import_files(registry_store, [path]).failed
    daily = load_station_daily(registry_store.connect(), ["1196A"], parse_period("2019-01-05"))
    assert daily.values["pm10"][0, 0] == 50 and daily.values["pm25"][0, 0] == 30


def test_dust_excluded_figures(changzhou_store):
    from datetime import date

    raw = indicators(changzhou_store, "常州市", "2019-03")
    days = [date(2019, 3, d) for d in (1, 2, 3)]
    excluded = indicators(changzhou_store, "常州市", "2019-03", dust_days=days)
    assert excluded["dust_excluded"] == ["2019-03-01", "2019-03-02", "2019-03-03"]
    assert excluded["air"]["no2"] == raw["air"]["no2"]  # gases untouched
    assert excluded["air"]["valid_days"] <= raw["air"]["valid_days"]
