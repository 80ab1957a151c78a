import json

import pytest

from ecoplan.cli import main


def run(capsys, *args):
    with pytest.raises(SystemExit) as exit_:
        main(list(args))
    out = capsys.readouterr()
    return exit_.value.code, out.out, out.err


def test_import_then_indicators_json_contract(capsys, tmp_path, cnemc_dir, write_slice):
    data = str(tmp_path / "data")
    part = write_slice(cnemc_dir / "china_sites_2019_changzhou.csv", tmp_path / "cz.csv", 1 + 15 * 24 * 10)
    code, out, _ = run(capsys, "data", "import", "--data-dir", data, str(cnemc_dir / "NewSiteList.csv"), str(part))
    assert code == 0 and "行/秒" in out
    code, out, _ = run(capsys, "indicators", "--data-dir", data, "--area", "常州", "--period", "2019-01-01..2019-01-09", "--format", "json")
    result = json.loads(out)
    assert code == 0 and (result["area"], result["rules"], result["synthetic"]) == ("常州市", "2012", False)
    assert set(result["air"]) >= {"pm25", "pm10", "no2", "so2", "co_p95", "o3_8h_p90", "good_days", "valid_days",
                                  "good_day_ratio", "heavy_days", "composite_index"}
    assert result["air"]["valid_days"] == 9 and isinstance(result["air"]["pm25"], int)
    code, out, _ = run(capsys, "indicators", "--data-dir", data, "--area", "常州市", "--period", "2019-01-05", "--format", "xlsx",
                       "--output", str(tmp_path / "x.xlsx"))
    assert code == 0 and (tmp_path / "x.xlsx").stat().st_size > 0


def test_errors_are_one_line(capsys, tmp_path):
    code, _, err = run(capsys, "indicators", "--data-dir", str(tmp_path), "--area", "常州市", "--period", "2019-13")
    assert code == 2 and err.startswith("ecoplan: error:") and "Traceback" not in err and len(err.strip().splitlines()) == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("date,hour,type,1196A\n20190101,0,PM2.5,35μg/m³\n", encoding="utf-8")
    code, _, err = run(capsys, "data", "import", "--data-dir", str(tmp_path), str(bad))
    assert code == 2 and "bad.csv, row 2, field 1196A" in err


def test_ranking_and_targets_commands(capsys, synthetic_store, seed_plan, tmp_path):
    data = str(synthetic_store.root.parent)
    code, out, _ = run(capsys, "indicators", "ranking", "--data-dir", data, "--level", "district", "--period", "2023-06", "--format", "json")
    assert code == 0 and len(json.loads(out)["rows"]) == 7
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(seed_plan, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "targets", "status", "--data-dir", data, "--plan", str(plan), "--format", "json")
    assert code == 0 and len(json.loads(out)["targets"]) == 10
    code, out, _ = run(capsys, "targets", "status", "--data-dir", data, "--plan", str(plan))
    assert code == 0 and "倒推 PM2.5浓度" in out
    flat = "".join(out.split())  # rich wraps long lines at spaces
    assert "倒推全市降尘：剩余6个月" in flat and "倒推国考断面优Ⅲ比例：国考20个断面" in flat
