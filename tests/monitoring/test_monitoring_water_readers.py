import pytest

from ecoplan.errors import InputError
from ecoplan.monitoring.importer import import_files
from ecoplan.monitoring.readers import read_file
from ecoplan.monitoring.store import Store

SECTIONS = "断面编码,断面名称,河流,水体类型,断面级别,饮用水源地,辖市区,目标类别\n" \
           "S1,新闸,京杭运河,河流,国考,否,钟楼区,Ⅲ\nS2,长荡湖湖心,长荡湖,湖库,省考,是,金坛区,Ⅲ类\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_section_registry(tmp_path):
    parsed = read_file(write(tmp_path, "sections.csv", SECTIONS))
    frame = parsed.frame.set_index("section")
    assert parsed.kind == "sections"
    assert frame.loc["S2", "station_level"] == "省考" and bool(frame.loc["S2", "drinking"])
    assert int(frame.loc["S2", "target_class"]) == 3


def test_section_registry_refuses_bad_level_and_class(tmp_path):
    bad = SECTIONS.replace("国考,否,钟楼区,Ⅲ", "部考,否,钟楼区,Ⅵ")
    with pytest.raises(InputError) as err:
        read_file(write(tmp_path, "sections.csv", bad))
    fields = {r.field for r in err.value.rejects}
    assert fields == {"断面级别", "目标类别"} and {r.row for r in err.value.rejects} == {2}


def test_water_units_converted_and_unknown_sections_refused(tmp_path):
    store = Store(tmp_path / "data")
    water = write(tmp_path, "water.csv", "断面编码,采样日期,溶解氧(mg/L),总磷(μg/L),pH\nS1,2023-01-10,7.2,150,7.5\nS2,2023-01-10,8.0,40,8.1\n")
    report = import_files(store, [write(tmp_path, "sections.csv", SECTIONS), water])
    assert not report.failed
    rows = store.connect().execute('select section, tp, "do" from water order by section').fetchall()
    assert rows == [("S1", 0.15, 7.2), ("S2", 0.04, 8.0)]
    stray = write(tmp_path, "stray.csv", "断面编码,采样日期,溶解氧(mg/L)\nS9,2023-01-10,7.2\n")
    assert "S9" in str(import_files(store, [stray]).failed[0])
    wrong_unit = write(tmp_path, "unit.csv", "断面编码,采样日期,溶解氧(g/L)\nS1,2023-02-10,7.2\n")
    assert "mg/L" in str(import_files(store, [wrong_unit]).failed[0])


def test_dustfall_file(tmp_path):
    parsed = read_file(write(tmp_path, "dust.csv", "镇（街道）,月份,降尘量(t/(km²·month))\n湖塘镇,2023-03,2.41\n牛塘镇,2023-03,1.9\n"))
    assert parsed.kind == "dustfall" and parsed.frame["dustfall"].tolist() == [2.41, 1.9]
    with pytest.raises(InputError, match="降尘单位"):
        read_file(write(tmp_path, "dust2.csv", "镇,月份,降尘(kg/m2)\n湖塘镇,2023-03,2.41\n"))


def test_real_taihu_file_is_water_data(shared_dir):
    parsed = read_file(shared_dir / "data" / "water" / "taihu_2007_2015" / "taihu_physicochem_2007_2015_sheet1.csv")
    frame = parsed.frame
    assert parsed.kind == "water" and len(frame) == 864
    assert frame["section"].nunique() == 8 and frame["time"].min().year == 2007
    assert 0.05 < frame["tp"].median() < 0.2 and frame["sd"].max() < 5  # mg/L and metres; "/" is missing
    bloom = frame.loc[frame["tp"].idxmax()]  # 2008-05 at THL00: 备注 "水华很多，100％覆盖"; kept, not refused
    assert (bloom["section"], str(bloom["time"].date()), bloom["tp"]) == ("THL00", "2008-05-01", 6.4775)


def test_prsa_station_names_are_resolved_to_codes(cnemc_dir, shared_dir, tmp_path, write_slice):
    source = shared_dir / "data" / "air" / "beijing_prsa" / "PRSA_Data_Dingling_20130301-20170228.csv"
    store = Store(tmp_path / "data")
    report = import_files(store, [cnemc_dir / "NewSiteList.csv", write_slice(source, tmp_path / "dl.csv", 73)])
    assert not report.failed
    assert store.connect().execute("select distinct station from air_hourly").fetchall() == [("1002A",)]
