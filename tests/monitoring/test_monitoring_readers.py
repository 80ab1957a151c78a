import numpy as np
import pandas as pd
import pytest

from ecoplan.errors import InputError
from ecoplan.monitoring.columns import canonical, split_header
from ecoplan.monitoring.importer import import_files
from ecoplan.monitoring.readers import read_file
from ecoplan.monitoring.readers.base import ImportRejected


def test_column_map_chinese_english_and_units():
    assert canonical("PM2.5") == "pm25" and canonical("细颗粒物") == "pm25"
    assert canonical("溶解氧(mg/L)") == "do" and canonical("氨氮") == canonical("NH3-N") == "nh3n"
    assert split_header("总磷(mg/L)") == ("总磷", "mg/L")
    assert canonical("监测点编码") == "station" and canonical("no such column") is None


def test_national_station_list_is_read_as_gb18030(cnemc_dir):
    parsed = read_file(cnemc_dir / "NewSiteList.csv")
    assert parsed.kind == "stations"
    row = parsed.frame.set_index("station").loc["1196A"]
    assert row["station_name"] == "市监测站" and row["prefecture"] == "常州市"
    assert parsed.frame.set_index("station").loc["1002A", "background"]


def test_cnemc_wide_slice(cnemc_dir, tmp_path, write_slice):
    path = write_slice(cnemc_dir / "china_sites_2019_changzhou.csv", tmp_path / "cz.csv", 1 + 15 * 24)
    parsed = read_file(path)
    assert (parsed.kind, parsed.layout) == ("air_hourly", "cnemc_wide")
    # label 0 of 2019-01-01 is the hour ending at 24:00 of 2018-12-31 (slot 23 of that day)
    frame = parsed.frame.set_index(["station", "day", "hour"])
    assert frame.loc[("1196A", pd.Timestamp("2018-12-31"), 23), "pm25"] == 35
    assert frame.loc[("1196A", pd.Timestamp("2018-12-31"), 23), "co"] == 0.7
    assert set(parsed.frame.loc[parsed.frame["day"] == "2019-01-01", "hour"]) == set(range(23))
    assert "1197A" not in set(parsed.frame["station"])  # stopped station: all cells empty


def test_duplicate_identical_station_column_in_real_file_is_kept_once(cnemc_dir):
    frame = read_file(cnemc_dir / "china_sites_20190715.csv").frame
    assert not frame.duplicated(["station", "day", "hour"]).any()
    assert (frame["station"] == "3207A").sum() == 24  # one row per hour, not two


def test_prsa_station_file_converts_co_to_mg(shared_dir, tmp_path, write_slice):
    source = shared_dir / "data" / "air" / "beijing_prsa" / "PRSA_Data_Dingling_20130301-20170228.csv"
    parsed = read_file(write_slice(source, tmp_path / "dl.csv", 49))
    assert parsed.layout == "station_wide"
    assert parsed.frame["co"].iloc[0] == pytest.approx(0.2)
    assert np.isnan(parsed.frame["no2"].iloc[0])  # "NA" is missing, not an error


def test_long_layout_with_units_and_duplicates(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("站点编码,时间,污染物,浓度,单位\n1196A,2019-01-01 00:00,PM2.5,35,μg/m³\n"
                    "1196A,2019-01-01 00:00,CO,700,μg/m³\n1196A,2019-01-01 01:00,PM2.5,36,μg/m³\n"
                    "1196A,2019-01-01 01:00,PM2.5,36,μg/m³\n", encoding="utf-8")
    frame = read_file(path).frame.set_index("hour")
    assert frame.loc[23, "co"] == pytest.approx(0.7) and frame.loc[0, "pm25"] == 36  # 00:00 closes the day before
    path.write_text("站点编码,时间,污染物,浓度\n1196A,2019-01-01 00:00,PM2.5,35\n1196A,2019-01-01 00:00,PM2.5,40\n", encoding="utf-8")
    with pytest.raises(ImportRejected, match="重复"):
        read_file(path)


@pytest.mark.parametrize("content, row, field, words", [
    ("date,hour,type,1196A\n20190101,0,PM2.5,35μg/m³\n", 2, "1196A", "不是数值"),
    ("date,hour,type,1196A\n20190101,0,PM2.5,abc\n", 2, "1196A", "不是数值"),
    ("date,hour,type,1196A\n20190230,0,PM2.5,35\n", 2, "date", "日期不存在"),
    ("date,hour,type,1196A\n20190101,24,PM2.5,35\n", 2, "hour", "0–23"),
    ("date,hour,type,1196A\n20190101,0,PM2.5,-3\n", 2, "1196A", "负"),
    ("a,b\n1,2\n", 1, None, "无法识别"),
    ("", 1, None, "为空"),
    ("date,hour,type,1196A\n", 2, None, "没有数据行"),
    ("date,hour,type,1196A\n20190101,0,PM2.5,35\n20190101,0,PM2.5,36\n", 2, "type", "重复"),
])
def test_bad_input_names_file_row_field(tmp_path, content, row, field, words):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_file(path)
    assert (err.value.file, err.value.row, err.value.field) == ("bad.csv", row, field)
    assert words in str(err.value)


def test_every_bad_cell_is_listed(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("date,hour,type,1196A,1200A\n20190101,0,PM2.5,x,35\n20190101,1,PM2.5,36,y\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as err:
        read_file(path)
    assert {(r.row, r.field) for r in err.value.rejects} == {(2, "1196A"), (3, "1200A")}


def test_unknown_station_code_refuses_the_whole_file(registry_store, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("date,hour,type,1196A,9999Z\n20190101,0,PM2.5,35,36\n", encoding="utf-8")
    report = import_files(registry_store, [path])
    assert not report.imported and "9999Z" in str(report.failed[0])
    assert registry_store.connect().execute("select count(*) from air_hourly").fetchone()[0] == 0


def test_co_in_micrograms_is_refused(registry_store, tmp_path):
    path = tmp_path / "co.csv"
    path.write_text("date,hour,type,1196A\n" + "".join(f"20190101,{h},CO,{700 + h}\n" for h in range(24)), encoding="utf-8")
    report = import_files(registry_store, [path])
    assert report.failed and "µg/m³" in str(report.failed[0])


def test_xlsx_files_are_read_like_csv(tmp_path):
    hourly = pd.DataFrame({"date": [20190101, 20190101], "hour": [1, 1], "type": ["PM2.5", "CO"], "1196A": [35, 0.7]})
    hourly.to_excel(tmp_path / "sites.xlsx", index=False)
    parsed = read_file(tmp_path / "sites.xlsx")
    assert parsed.layout == "cnemc_wide" and parsed.frame.loc[0, "pm25"] == 35 and parsed.frame.loc[0, "co"] == 0.7
    registry = pd.DataFrame({"站点编码": ["9001A"], "站点名称": ["测试站"], "辖市区": ["武进区"], "镇（街道）": ["湖塘镇"], "站点级别": ["市控"]})
    registry.to_excel(tmp_path / "stations.xlsx", index=False)
    stations = read_file(tmp_path / "stations.xlsx")
    assert stations.kind == "stations" and stations.frame.loc[0, "town"] == "湖塘镇"
    bad = hourly.astype(object)
    bad.loc[1, "1196A"] = "0.7mg"
    bad.to_excel(tmp_path / "bad.xlsx", index=False)
    with pytest.raises(InputError) as err:
        read_file(tmp_path / "bad.xlsx")
    assert (err.value.row, err.value.field) == (3, "1196A")
