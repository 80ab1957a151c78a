"""``ecoplan assessment check|score``: JSON out, one-line errors with a non-zero exit."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ecoplan.assessment.rules import RULES_DIR
from ecoplan.cli import cli, main

RULES = str(RULES_DIR / "changzhou_2023.yaml")


def test_check_prints_the_items():
    result = CliRunner().invoke(cli, ["assessment", "check", RULES])
    assert result.exit_code == 0
    out = json.loads(result.output)
    assert out["full_score"] == {"district": 100.0, "department": 40.0}
    assert {i["id"]: i.get("mode") for i in out["items"]}["timeliness"] == "rate"
    assert out["grades"] == {"优秀": 90.0, "良好": 80.0, "合格": 60.0, "不合格": 0.0}


def test_score_explains_every_point(tmp_path):
    units = [{"unit": "市生态环境局", "kind": "department",
              "reporting": {"due": 4, "on_time": 3, "late": 1, "complete": 4},
              "ledger": {"due": 2, "closed": 1, "overdue": 1}}]
    path = tmp_path / "units.json"
    path.write_text(json.dumps(units, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(cli, ["assessment", "score", RULES, str(path)])
    assert result.exit_code == 0, result.output
    (dept,) = json.loads(result.output)["department"]
    # timeliness (rate, late 0.5): 10 × (3 + 0.5 × 1) ÷ 4 = 8.75; completeness 10;
    # ledger 20 × 1/2 = 10 − 2 = 8 → 26.75 of 40 = 66.875 → 66.88 (half up).
    assert [l["points"] for l in dept["lines"]] == ["8.75", "10", "8"]
    assert dept["lines"][0]["number"] == "应报 4 次，按时 3，迟报 1，漏报 0：10 × (3 + 0.5 × 1) ÷ 4 = 8.75"
    assert (dept["total"], dept["grade"]) == ("66.88", "合格")


def test_errors_are_one_line(tmp_path, capsys):
    bad = tmp_path / "r.yaml"
    bad.write_text("year: 2023\ntitle: t\nitems: []\ngrades: []\n", encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["assessment", "check", str(bad)])
    err = capsys.readouterr().err
    assert info.value.code == 2 and err.count("\n") == 1
    assert err.strip() == f"ecoplan: error: {bad}, row 3, field items: items 不能为空"
