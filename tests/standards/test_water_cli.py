"""``ecoplan water-class``."""

import json

import pytest

from ecoplan.cli import main


def _run(capsys, *args):
    with pytest.raises(SystemExit) as exc:
        main(["water-class", *args])
    out = capsys.readouterr()
    return exc.value.code, out.out, out.err


def test_json_of_the_issue_example(capsys):
    code, out, _ = _run(capsys, "--factor", "氨氮=1.2", "--factor", "总磷=0.25", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["class"] == 4 and doc["class_label"] == "Ⅳ" and doc["grade"] == "轻度污染"
    assert doc["factors"] == {"氨氮": 4, "总磷": 4}
    assert doc["exceeding"] == [
        {"factor": "总磷", "class": 4, "multiple": 0.25}, {"factor": "氨氮", "class": 4, "multiple": 0.2},
    ]


def test_lake_tp_limits_and_tn_outside_the_class(capsys):
    _, out, _ = _run(capsys, "--factor", "TP=0.06", "--factor", "TN=3", "--lake", "--format", "json")
    doc = json.loads(out)
    assert doc["factors"] == {"总磷": 4, "总氮": 6}
    assert doc["class"] == 4 and doc["not_in_class"] == ["总氮"]
    _, out, _ = _run(capsys, "--factor", "TP=0.06", "--factor", "TN=3", "--format", "json")
    doc = json.loads(out)
    assert doc["factors"] == {"总磷": 2, "总氮": None} and doc["class"] == 2


def test_target_class_sets_the_standard(capsys):
    _, out, _ = _run(capsys, "--factor", "氨氮=1.2", "--target", "2", "--format", "json")
    doc = json.loads(out)
    assert doc["standard_class"] == 2
    assert doc["exceeding"] == [{"factor": "氨氮", "class": 4, "multiple": 1.4}]


def test_dissolved_oxygen_exceeds_without_multiple(capsys):
    _, out, _ = _run(capsys, "--factor", "溶解氧=1.5", "--format", "json")
    doc = json.loads(out)
    assert doc["class_label"] == "劣Ⅴ"
    assert doc["exceeding"] == [{"factor": "溶解氧", "class": 6, "multiple": None}]


def test_table_output(capsys):
    code, out, _ = _run(capsys, "--factor", "氨氮=1.2", "--factor", "总磷=0.25")
    assert code == 0
    assert "断面水质类别：Ⅳ类（轻度污染）" in out and "0.25" in out


@pytest.mark.parametrize("arg, message", [
    ("浊度=3", "未知的水质指标 '浊度'"), ("氨氮=-1", "氨氮"), ("氨氮=abc", "'abc'"), ("氨氮", "名称=浓度"),
])
def test_bad_factor_is_one_line_error(capsys, arg, message):
    code, out, err = _run(capsys, "--factor", arg)
    assert code == 2 and out == ""
    assert err.startswith("ecoplan: error: field --factor:") and message in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_factor_given_twice(capsys):
    code, _, err = _run(capsys, "--factor", "氨氮=1", "--factor", "NH3-N=2")
    assert code == 2 and "重复" in err
