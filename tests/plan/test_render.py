"""Rendering a parsed plan: the terminal view and the clerk's workbook, opened back."""

from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import load_workbook
from rich.console import Console

from ecoplan.plan.render import plan_sheets, plan_table, target_line
from ecoplan.reports.xlsx import write_workbook


def unit(name, written=None):
    return {"name": name, "written": written or name}


@pytest.fixture
def plan() -> dict:
    """A small plan in ``ecoplan.plan/1``, written by hand from the seed's first tasks."""
    return {
        "format": "ecoplan.plan/1",
        "source": {"file": "plan.txt", "sha256": "0" * 64, "chars": 1200},
        "document": {"title": "2023年常州市生态文明建设工作方案", "doc_number": "常政发〔2023〕23号",
                     "issuer": "常州市人民政府", "signed": "2023-04-17", "published": "2023-04-27",
                     "year": 2023, "region": "常州市"},
        "sections": [
            {"id": "s2-1", "path": ["二、重点任务", "（一）加快推动绿色低碳发展"], "title": "加快推动绿色低碳发展"},
            {"id": "s2-4", "path": ["二、重点任务", "（四）深入打好净土保卫战"], "title": "深入打好净土保卫战"},
        ],
        "tasks": [
            {"id": "t1", "number": "1", "section": "s2-1", "title": "开展绿色低碳循环发展专项行动",
             "text": "1. 开展绿色低碳循环发展专项行动。按全市统一部署，加快编制市级碳达峰实施方案。（市发改委牵头，市工信局、生态环境局配合）",
             "responsibility": {"lead": [unit("市发展和改革委员会", "市发改委")],
                                "cooperating": [unit("市工业和信息化局", "市工信局"), unit("市生态环境局")],
                                "shared": [], "implementers": [unit("各辖市区人民政府")]},
             "subitems": [], "districts": [], "deadlines": []},
            {"id": "t23", "number": "23", "section": "s2-4", "title": "深入推进土壤污染防治和安全利用",
             "text": "23. 深入推进土壤污染防治和安全利用。（2）……3月底前，建立台账并上报，6月底前完成“两断三清”。",
             "responsibility": {"lead": [unit("市生态环境局")], "cooperating": [unit("市城市更新办")],
                                "shared": [unit("市各有关部门")], "implementers": []},
             "subitems": [{"number": "（2）", "title": "加强建设用地土壤污染防治和安全利用"}],
             "districts": ["金坛区", "溧阳市"],
             "deadlines": [{"date": "2023-03-31", "text": "3月底前，建立台账并上报", "target": None},
                           {"date": "2023-06-30", "text": "6月底前完成“两断三清”", "target": None}]},
        ],
        "targets": [
            {"id": "g1", "task": "goal", "metric": "PM2.5浓度", "scope": "全市", "comparator": "<=", "value": 31,
             "unit": "微克/立方米", "baseline": None, "soft": False, "deadline": "2023-12-31",
             "text": "全市PM2.5浓度不超过31微克/立方米"},
            {"id": "g2", "task": "goal", "metric": "优良天数比率", "scope": "全市", "comparator": ">=", "value": 80.0,
             "unit": "%", "baseline": None, "soft": False, "deadline": "2023-12-31", "text": "优良天数比率不低于80.0%"},
            {"id": "g3", "task": "23(2)", "metric": "受污染耕地安全利用率", "scope": None, "comparator": ">=",
             "value": 93, "unit": "%", "baseline": None, "soft": True, "deadline": "2023-06-30",
             "text": "=受污染耕地安全利用率达93%"},
            {"id": "g4", "task": "1", "metric": "单位GDP能耗", "scope": "全市", "comparator": "<=", "value": 2.0,
             "unit": "%", "baseline": "2020年", "soft": False, "deadline": "2023-12-31", "text": "较2020年下降2.0%"},
        ],
        "units": [
            {"name": "市发展和改革委员会", "aliases": ["市发改委", "市发展改革委"], "kind": "department", "known": True},
            {"name": "市工业和信息化局", "aliases": ["市工信局"], "kind": "department", "known": True},
            {"name": "市生态环境局", "aliases": [], "kind": "department", "known": True},
            {"name": "市城市更新办", "aliases": [], "kind": "department", "known": False},
        ],
        "warnings": [{"text": "市考以上断面消除劣V类", "message": "未能识别的指标"}],
    }


def rendered(plan: dict) -> str:
    console = Console(record=True, width=240, color_system=None)
    console.print(plan_table(plan))
    return console.export_text()


def test_terminal_view_shows_header_goals_tasks_and_targets(plan):
    text = rendered(plan)
    for expected in ("2023年常州市生态文明建设工作方案", "文号：常政发〔2023〕23号", "任务 2 项 · 指标 4 个",
                     "工作目标", "PM2.5浓度（全市）", "≤ 31微克/立方米", "≥ 80.0%", "（一）加快推动绿色低碳发展",
                     "开展绿色低碳循环发展专项行动", "牵头：市发展和改革委员会", "配合：市工业和信息化局、市生态环境局",
                     "按职责分工负责：市各有关部门", "2023-06-30 6月底前完成“两断三清”",
                     "· 单位GDP能耗（全市） ≤ 2.0%（较2020年），期限 2023-12-31", "未能识别的指标"):
        assert expected in text, expected
    assert text.index("工作目标") < text.index("（一）加快推动绿色低碳发展") < text.index("（四）深入打好净土保卫战")
    # the sub-item's target sits under its task 23, not under task 1
    assert text.index("受污染耕地安全利用率") > text.index("深入推进土壤污染防治和安全利用")


def test_target_line():
    assert target_line({"metric": "林木覆盖率", "comparator": ">=", "value": 26.8, "unit": "%", "soft": True}) \
        == "林木覆盖率 ≥ 26.8%〔力争〕"


def test_empty_plan_renders():
    assert "（未识别标题）" in rendered({"format": "ecoplan.plan/1", "tasks": [], "targets": []})


def test_workbook_opened_back(tmp_path, plan):
    path = tmp_path / "plan.xlsx"
    write_workbook(plan_sheets(plan), path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["任务", "指标", "责任单位", "提示"]
    tasks = wb["任务"]
    assert [c.value for c in tasks[1]] == ["序号", "章节", "任务", "牵头单位", "配合单位", "按职责分工负责", "负责落实",
                                          "涉及辖市区", "完成时限", "原文"]
    assert [c.value for c in tasks[3]][:9] == [
        "23", "（四）深入打好净土保卫战", "深入推进土壤污染防治和安全利用", "市生态环境局", "市城市更新办", "市各有关部门",
        None, "金坛区、溧阳市", "2023-03-31 3月底前，建立台账并上报\n2023-06-30 6月底前完成“两断三清”"]
    assert tasks.freeze_panes == "A2" and tasks.auto_filter.ref == "A1:J3"
    targets = wb["指标"]
    assert [c.value for c in targets[1]] == ["任务", "指标", "范围", "比较", "目标值", "单位", "基准", "力争", "期限", "原文"]
    assert [c.value for c in targets[2]] == ["工作目标", "PM2.5浓度", "全市", "≤", 31, "微克/立方米", None, None,
                                            datetime(2023, 12, 31), "全市PM2.5浓度不超过31微克/立方米"]
    assert [c.value for c in targets[4]][:9] == ["23(2)", "受污染耕地安全利用率", None, "≥", 93, "%", None, "力争",
                                                datetime(2023, 6, 30)]
    assert targets["J4"].value == "'=受污染耕地安全利用率达93%"  # a formula trigger is neutralised
    assert targets["G5"].value == "2020年"
    units = wb["责任单位"]
    assert [c.value for c in units[2]] == ["市发展和改革委员会", "市发改委、市发展改革委", "department", "是", "1", None, None, None]
    assert [c.value for c in units[4]][:6] == ["市生态环境局", None, "department", "是", "23", "1"]
    assert units["D5"].value == "否"
    assert wb["提示"]["A2"].value == "未能识别的指标"


def test_no_warning_sheet_without_warnings(plan):
    plan["warnings"] = []
    assert [s.title for s in plan_sheets(plan)] == ["任务", "指标", "责任单位"]
