"""``ecoplan aqi``: the JSON shape of issue 3 item 8, table output, errors as one line."""

import json

import pytest
from click.testing import CliRunner

from ecoplan.cli import main


def _run(capsys, *args):
    with pytest.raises(SystemExit) as exit_info:
        main(["aqi", *args])
    out = capsys.readouterr()
    return exit_info.value.code, out.out, out.err


def test_json_shape_of_the_issue(capsys):
    code, out, _ = _run(capsys, "--pm25", "75", "--rules", "2012", "--format", "json")
    assert code == 0
    assert json.loads(out) == {"rules": "2012", "aqi": 100, "iaqi": {"pm25": 100}, "level": 2,
                               "category": "良", "primary": ["pm25"]}


def test_2026_rules_and_all_keys(capsys):
    args = ["--so2", "5", "--no2", "30", "--pm10", "60", "--pm25", "75", "--co", "0.8", "--o3-8h", "120",
            "--rules", "2026", "--format", "json"]
    code, out, _ = _run(capsys, *args)
    data = json.loads(out)
    assert code == 0 and data["rules"] == "2026" and data["aqi"] == 114 and data["category"] == "轻度污染"
    assert list(data["iaqi"]) == ["so2", "no2", "pm10", "pm25", "co", "o3_8h"]


def test_hourly_special_case(capsys):
    code, out, _ = _run(capsys, "--so2", "900", "--hourly", "--rules", "2026", "--format", "json")
    assert json.loads(out)["aqi"] == 200


def test_table(capsys):
    code, out, _ = _run(capsys, "--pm25", "75", "--o3", "300", "--rules", "2012")
    assert code == 0 and "轻度污染" in out and "首要污染物" in out


@pytest.mark.parametrize(
    ("args", "needle"),
    [(["--co", "800"], "co"), (["--pm25", "-3"], "negative"), ([], "至少"),
     (["--hourly", "--o3-8h", "100"], "o3_8h")],
)
def test_errors_are_one_line(capsys, args, needle):
    code, out, err = _run(capsys, *args)
    assert code != 0 and needle in err and "Traceback" not in err and err.count("\n") == 1


def test_help_lists_every_option():
    result = CliRunner().invoke(__import__("ecoplan.cli", fromlist=["cli"]).cli, ["aqi", "--help"])
    for option in ("--so2", "--no2", "--pm10", "--pm25", "--co", "--o3", "--o3-8h", "--hourly", "--rules", "--format"):
        assert option in result.output
