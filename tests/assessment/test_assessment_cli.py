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
    assert out["full_score"] == {"district": 100.0, "department": 100.0}
    kinds = {i["id"]: (i["kind"], i["applies_to"]) for i in out["items"]}
    assert kinds["task_completion"] == ("task_completion", ["department"])
    assert kinds["target_completion"] == ("target_completion", ["district", "department"])
    assert {i["id"]: i.get("mode") for i in out["items"]}["timeliness"] == "rate"
    assert out["grades"] == {"优秀": 90.0, "良好": 80.0, "合格": 60.0, "不合格": 0.0}


def test_score_explains_every_point(tmp_path):
    work = [{"kind": "task", "name": "1", "status": "done", "deadline": "met"},
            {"kind": "task", "name": "2", "status": "on_pace"},
            {"kind": "task", "name": "3", "status": "on_pace"},
            {"kind": "task", "name": "4", "status": "behind", "deadline": "missed"},
            {"kind": "task", "name": "5", "status": "not_due"},
            {"kind": "target", "name": "a", "status": "done"},
            {"kind": "target", "name": "b", "status": "missing"}]
    units = [{"unit": "市生态环境局", "kind": "department", "work": work,
              "reporting": {"due": 4, "on_time": 3, "late": 1, "complete": 4},
              "ledger": {"due": 2, "closed": 1, "overdue": 1}}]
    path = tmp_path / "units.json"
    path.write_text(json.dumps(units, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(cli, ["assessment", "score", RULES, str(path)])
    assert result.exit_code == 0, result.output
    (dept,) = json.loads(result.output)["department"]
    # tasks led: 4 judged (the 未到报送期 one not), 1 done + 1 × 2 on pace: 45 × 3 ÷ 4 = 33.75,
    # one deadline missed − 3 = 30.75; targets: 15 × 1 ÷ 2 = 7.5; timeliness (rate, late 0.5):
    # 10 × (3 + 0.5 × 1) ÷ 4 = 8.75; completeness 10; ledger 20 × 1/2 = 10 − 2 = 8
    # → 65 of 100.
    assert [l["points"] for l in dept["lines"]] == ["30.75", "7.5", "8.75", "10", "8"]
    assert dept["lines"][0]["number"] == (
        "牵头任务 5 项（未到报送期 1 项不计）：已完成 1、按序时推进 2、滞后 1；45 × (1 + 1 × 2) ÷ 4 "
        "= 33.75 分；本期到期 2 项：按期完成 1、未完成 1，扣 3 分")
    assert dept["lines"][2]["number"] == "应报 4 次，按时 3，迟报 1，漏报 0：10 × (3 + 0.5 × 1) ÷ 4 = 8.75"
    assert dept["lines"][4]["number"] == ("到期 2 项，已销号 1 项：20 × 1 ÷ 2 = 10 分；"
                                          "逾期未销号 1 项，扣 2 分")
    assert (dept["total"], dept["grade"]) == ("65", "合格")


def test_errors_are_one_line(tmp_path, capsys):
    bad = tmp_path / "r.yaml"
    bad.write_text("year: 2023\ntitle: t\nitems: []\ngrades: []\n", encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["assessment", "check", str(bad)])
    err = capsys.readouterr().err
    assert info.value.code == 2 and err.count("\n") == 1
    assert err.strip() == f"ecoplan: error: {bad}, row 3, field items: items 不能为空"


def test_score_a_district_without_national_sections(tmp_path):
    targets = {"PM2.5": {"target": 31, "actual": 31}, "优良天数比率": {"target": 80, "actual": 80},
               "国考优Ⅲ比例": {"target": 80, "actual": None, "applicable": False},
               "省考优Ⅲ比例": {"target": 92.2, "actual": 90}, "市考以上劣Ⅴ比例": {"target": 0, "actual": 0},
               "降尘": {"target": 2.3, "actual": 2.3}}
    units = [{"unit": "天宁区", "kind": "district", "targets": targets,
              "work": [{"kind": "target", "name": "绿色工厂", "status": "on_pace"}],
              "reporting": {"due": 2, "on_time": 2, "late": 0, "complete": 2}}]
    path = tmp_path / "units.json"
    path.write_text(json.dumps(units, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(cli, ["assessment", "score", RULES, str(path)])
    assert result.exit_code == 0, result.output
    (district,) = json.loads(result.output)["district"]
    # 省考 2.2 × 0.5 = 1.1 → 3.9; every other item full (its one target on pace: 15 × 1 ÷ 1; no
    # ledger item due → 20); 国考 not applicable → full 100 − 5 = 95:
    # 15 + 10 + 3.9 + 3 + 7 + 15 + 10 + 10 + 20 = 93.9 → 93.9 ÷ 95 × 100 = 98.842… → 98.84.
    assert district["lines"][2]["number"] == "本区无国考断面，本项不适用，按其余项目折算"
    assert district["lines"][3]["points"] == "3.9"
    assert (district["total"], district["notes"]) == ("98.84", ["折算为百分制：93.9 ÷ 95 × 100 = 98.84"])
