"""The plan's year from every title and signature form, from its own dated phrases, or given."""

from __future__ import annotations

import pytest

from ecoplan.plan.build import parse_plan
from ecoplan.plan.meta import read_metadata
from ecoplan.plan.source import SourceDocument
from ecoplan.plan.year import text_year, title_year

TASK = "一、重点任务\n1.推进治理。到2025年底完成改造10家。（市生态环境局牵头）\n"


@pytest.mark.parametrize(("title", "year"), [
    ("2023年常州市生态文明建设工作方案", 2023),
    ("数字山东2021行动方案", 2021),
    ("某县二〇二三年水污染防治工作要点", 2023),  # Chinese digits
    ("某县二○二二年大气污染防治工作方案", 2022),
    ("山东省服务业数字化转型行动方案（2021—2023）", 2021),
    ("关于促进就业的实施方案（2019-2020年）", 2019),
    ("贯彻《数字山东发展规划（2018—2022年）》的若干措施", None),
    ("促进就业工作的若干意见", None),
])
def test_title_year(title, year):
    assert title_year(title) == year


@pytest.mark.parametrize(("text", "title", "year", "source"), [
    ("数字山东2021行动方案\n\n" + TASK, "数字山东2021行动方案", 2021, "title"),
    ("某某市人民政府关于做好当前和今后一个时期\n促进就业工作的若干意见\n" + TASK + "国务院\n2018年11月16日\n",
     "某某市人民政府关于做好当前和今后一个时期促进就业工作的若干意见", 2018, "signed"),
    ("关于加快发展的若干措施\n" + TASK + "山东省人民政府办公厅2021年5月8日印发\n", "关于加快发展的若干措施", 2021, "signed"),
    ("山东省服务业数字化转型行动方案（2021—2023）\n" + TASK, "山东省服务业数字化转型行动方案（2021—2023）", 2021, "title"),
])
def test_title_and_signature_forms(text, title, year, source):
    doc = read_metadata({}, text, None)
    assert (doc["title"], doc["year"], doc["year_source"]) == (title, year, source)


def test_year_from_the_texts_own_dated_phrases():
    assert text_year("2022年,我市PM2.5浓度不高于32。到2022年底,削减392吨。2025年底前完成。") == 2022
    assert text_year("没有年份") is None


def _plan(text: str, year=None):
    return parse_plan(SourceDocument(file="p.txt", text=text, sha256="0", meta={}), year=year)


def test_given_year_overrides_and_is_marked():
    plan = _plan("某某工作方案\n" + TASK.replace("到2025年底", "6月底前"), year=2024)
    assert plan["document"]["year"] == 2024 and plan["document"]["year_source"] == "given"
    assert [d["date"] for d in plan["tasks"][0]["deadlines"]] == ["2024-06-30"]


def test_without_a_year_dated_phrases_still_give_targets_and_deadlines():
    plan = _plan("某某工作方案\n" + TASK.replace("到2025年底完成", "6月底前启动，到2025年底完成"))
    assert plan["document"]["year"] == 2025  # from the phrase itself
    plan = _plan("某某工作方案\n一、重点任务\n1.推进治理。6月底前完成改造10家。（市生态环境局牵头）\n")
    assert plan["document"]["year"] is None
    assert [d["date"] for d in plan["tasks"][0]["deadlines"]] == [None]
    assert [(t["value"], t["unit"]) for t in plan["targets"]] == [(10, "家")]
    assert any("未能确定方案年份" in w["message"] for w in plan["warnings"])
