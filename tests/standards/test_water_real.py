"""Real data: CNEMC real-time classes of 480 sections (2026-08-21 20:00) and Lake Taihu 2007–2015.

The real-time system publishes a class per section computed from pH, DO, CODMn, NH3-N and TP
(TN is not in the class; lakes and reservoirs use the lake TP limits). The snapshot does not say
which sections are lake points; see docs/standards.md (## Water) for the list below and why.
"""

import numpy as np
import pandas as pd
import pytest

from ecoplan.standards.trophic import R_SQUARED, tli_single, trophic_state
from ecoplan.standards.water import factor_classes, section_class
from ecoplan.standards.water_eval import period_means, round_for_evaluation

REALTIME = "data/water/cnemc_realtime_20260821/cnemc_realtime_snapshot_20260821_p1.csv"
TAIHU = "data/water/taihu_2007_2015/taihu_physicochem_2007_2015_sheet1.csv"
MEASURED = {"pH(无量纲)": "pH", "溶解氧(mg/L)": "溶解氧", "高锰酸盐指数(mg/L)": "高锰酸盐指数",
            "氨氮(mg/L)": "氨氮", "总磷(mg/L)": "总磷"}

# Lake points (湖体点位) among the 480 sections whose river and lake TP classes differ.
LAKE_POINTS = {
    "南刘庄": "白洋淀", "光淀张庄": "白洋淀",
    "锡东水厂": "太湖", "拖山": "太湖", "五里湖心": "太湖(五里湖)", "乌龟山南": "太湖",
    "小金山": "西湖", "三潭岛": "西湖",
    "湖滨": "巢湖", "黄麓": "巢湖", "西半湖湖心": "巢湖", "龟山": "巢湖",
    "三道": "黑龙江省湖库点位(湖名未核实)", "电视塔": "黑龙江省湖库点位(湖名未核实)",
}


@pytest.fixture(scope="module")
def realtime(shared_dir):
    return pd.read_csv(shared_dir / REALTIME, na_values=["--"])


def _published(frame):
    return frame["水质类别"].replace(-1, np.nan)


def _measured(frame, raw=False):
    cols = {k + ("_原始值" if raw else ""): v for k, v in MEASURED.items()}
    return frame[list(cols)].rename(columns=cols)


def _agree(ours, published):
    return (ours == published) | (ours.isna() & published.isna())


@pytest.mark.parametrize("raw", [False, True])
def test_realtime_rivers_reproduced_and_only_lake_points_differ(realtime, raw):
    ours = section_class(_measured(realtime, raw), lake=False)
    agree = _agree(ours, _published(realtime))
    assert agree.sum() == 466  # 465 classes + the one unevaluated section (-1, nothing measured)
    assert sorted(realtime.loc[~agree, "断面名称"]) == sorted(LAKE_POINTS)


def test_realtime_all_480_reproduced_with_lake_points(realtime):
    lake = realtime["断面名称"].isin(LAKE_POINTS).to_numpy()
    ours = section_class(_measured(realtime), lake=lake)
    assert _agree(ours, _published(realtime)).all()
    assert ours.notna().sum() == 479


def test_realtime_total_nitrogen_would_break_agreement(realtime):
    """TN is left out of the class: counting it would make most published classes wrong."""
    with_tn = _measured(realtime).assign(总氮=realtime["总氮(mg/L)"])
    tn_class = factor_classes(with_tn)["tn"]
    ours = section_class(with_tn, lake=realtime["断面名称"].isin(LAKE_POINTS).to_numpy())
    assert _agree(ours, _published(realtime)).all()
    assert (np.fmax(ours, tn_class) != ours).sum() > 200


@pytest.fixture(scope="module")
def taihu(shared_dir):
    frame = pd.read_csv(shared_dir / TAIHU, na_values=["/"])
    factors = frame[["溶解氧(mg/L)", "pH", "氨态氮(mg/L)", "化学需氧量(mg/L)", "总磷(mg/L)", "总氮(mg/L)"]]
    # 化学需氧量 of this data set is the permanganate index (README; values 2–10 mg/L)
    factors.columns = ["溶解氧", "pH", "氨氮", "高锰酸盐指数", "总磷", "总氮"]
    return frame, factors


def test_taihu_slash_means_missing_and_strings_are_refused(shared_dir):
    raw = pd.read_csv(shared_dir / TAIHU)
    with pytest.raises(ValueError, match="透明度: not a number: '/'"):
        trophic_state({"透明度": raw["透明度(m)"].to_numpy()})


def test_taihu_annual_lake_classes_from_annual_means(taihu):
    frame, factors = taihu
    keys = [frame["观测站代码"].to_numpy(), frame["年份"].to_numpy()]
    means = period_means(factors, keys)
    assert len(means) == 8 * 9
    annual = section_class(means, lake=True)
    monthly_worst = section_class(factors, lake=True).groupby(keys).max()
    assert (annual <= monthly_worst).all()
    assert annual.between(3, 6).all()
    # lake TN is graded on its own and never enters the class
    tn = factor_classes(means, lake=True)["tn"]
    assert (tn > annual).any()
    assert section_class(means.drop(columns="tn"), lake=True).equals(annual)


def test_taihu_tli_without_chlorophyll(taihu):
    frame, factors = taihu
    inputs = pd.DataFrame({
        "透明度": frame["透明度(m)"], "总磷": factors["总磷"], "总氮": factors["总氮"],
        "高锰酸盐指数": factors["高锰酸盐指数"],
    })
    means = inputs.groupby([frame["观测站代码"], frame["年份"]]).mean()
    four = trophic_state(means)
    assert (four["m"] == 4).all()
    singles = four[["tli_sd", "tli_tp", "tli_tn", "tli_codmn"]]
    assert ((four["tli"] >= singles.min(axis=1)) & (four["tli"] <= singles.max(axis=1))).all()
    one = means.iloc[0]
    r2 = {k: R_SQUARED[k] for k in ("sd", "tp", "tn", "codmn")}
    expected = sum(tli_single(one[n], k) * r2[k] for n, k in
                   zip(["透明度", "总磷", "总氮", "高锰酸盐指数"], r2)) / sum(r2.values())
    assert four["tli"].iloc[0] == pytest.approx(expected)
    # chl-a missing: a 5-parameter TLI is refused, not computed with chl-a as zero
    five = trophic_state(means.assign(叶绿素a=np.nan))
    assert five["tli"].isna().all()
    assert trophic_state(means.assign(叶绿素a=np.nan), partial=True)["tli"].equals(four["tli"])


def test_realtime_values_are_raw_values_rounded_to_hourly_decimals(realtime):
    """GB/T 8170 to the hourly decimals turns every raw value into the published one, except
    three values below the last decimal (NH3-N 0.0004, TP 0.0005) that are published as is."""
    raw = _measured(realtime, raw=True).assign(总氮=realtime["总氮(mg/L)_原始值"])
    shown = _measured(realtime).assign(总氮=realtime["总氮(mg/L)"]).to_numpy()
    ours = round_for_evaluation(raw, hourly=True).to_numpy()
    measured = ~np.isnan(shown)
    differ = measured & (ours != shown)
    assert measured.sum() == 2691
    assert differ.sum() == 3
    assert (shown[differ] < 0.001).all() and (ours[differ] == 0).all()


def test_realtime_classes_from_rounded_raw_values(realtime):
    lake = realtime["断面名称"].isin(LAKE_POINTS).to_numpy()
    hourly = round_for_evaluation(_measured(realtime, raw=True), hourly=True)
    assert _agree(section_class(hourly, lake=lake), _published(realtime)).all()
    # the statistics decimals (pH 0, DO 1 …) are for means, not hourly data: they change 19 classes
    statistics = round_for_evaluation(_measured(realtime, raw=True))
    assert (~_agree(section_class(statistics, lake=lake), _published(realtime))).sum() == 19
