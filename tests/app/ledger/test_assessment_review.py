"""Quarterly review and annual assessment on the database, reporting inputs from a fake."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest

from ecoplan.app.assessment.gather import period
from ecoplan.app.assessment.service import review, rules_for
from ecoplan.app.db import unit_of_work
from ecoplan.app.ledger.fields import ItemFields
from ecoplan.app.ledger.service import create_item
from ecoplan.app.supervision.proposals import TargetMonth
from ecoplan.assessment import ReportingStats, TargetResult


class FakeInputs:
    """What progress/status will provide; values chosen for hand computation."""

    def target_results(self, *, start, end):
        return {"武进区": {"PM2.5": TargetResult("PM2.5", 31, 34.1)}}

    def reporting(self, *, start, end):
        return {"武进区": ReportingStats(due=3, on_time=2, late=1, complete=3)}

    def target_months(self, *, year):
        return [TargetMonth("t-pm25", "PM2.5浓度", "武进区", f"{year}-{m:02d}", "red")
                for m in (7, 8, 11)]

    def grants(self, *, year):
        return {"溧阳市": (("national_demo",), ())}

    def data_until(self, *, year):
        return None


def _item(code, district, deadline, closed_on=None):
    return ItemFields(code=code, source="central", batch="", description="问题", district=district,
                      units=["市生态环境局"], measures="", deadline=deadline, stage="short")


@pytest.fixture
def ledger(db, people, tmp_path):
    with unit_of_work(db) as s:
        create_item(s, actor="t", fields=_item("ZY-1", "武进区", dt.date(2023, 6, 30)))
        closed = create_item(s, actor="t", fields=_item("ZY-2", "溧阳市", dt.date(2023, 8, 31)))
        closed.state, closed.closed_on = "closed", dt.date(2023, 8, 20)
    return rules_for(tmp_path, 2023)


def test_periods():
    assert (period(2023, 1).start, period(2023, 1).end) == (dt.date(2023, 1, 1), dt.date(2023, 3, 31))
    assert period(2023, 4).end == dt.date(2023, 12, 31) and period(2023, 4).label == "2023年第四季度"
    assert (period(2023, None).start, period(2023, None).label) == (dt.date(2023, 1, 1), "2023年度")


def test_third_quarter_computed_by_hand(db, ledger):
    with unit_of_work(db) as s:
        r = review(s, rules=ledger, source=FakeInputs(), when=period(2023, 3))
    districts = {x.unit: x for x in r.scores["district"]}
    wujin = districts["武进区"]
    # PM2.5 (15 points) 34.1 − 31 = 3.1 × 0.5 = 1.55 → 13.45; good days, water (国考, 省考, 劣Ⅴ),
    # dust: no data → 0; target completion: no plan published, no statuses → 0; timeliness
    # (rate, a late report worth 0.5): 10 × (2 + 0.5 × 1) ÷ 3 = 8.333… → 8.33; completeness
    # 10 × 3/3 = 10; ledger: 1 due, 0 closed, 1 overdue → 0 − 2 → 0.
    # Total 13.45 + 8.33 + 10 = 31.78.
    assert [l.points for l in wujin.lines] == [Decimal("13.45"), 0, 0, 0, 0, 0, 0, Decimal("8.33"),
                                               10, 0]
    assert wujin.lines[6].number == "无任务和目标状态数据，本项不得分"
    assert wujin.lines[7].number == "应报 3 次，按时 2，迟报 1，漏报 0：10 × (2 + 0.5 × 1) ÷ 3 ≈ 8.33"
    assert wujin.lines[9].number == "到期 1 项，已销号 0 项：20 × 0 ÷ 1 = 0 分；逾期未销号 1 项，应扣 2 分，扣完为止，实扣 0 分"
    assert wujin.total == Decimal("31.78") and wujin.rank == 1
    # 溧阳市: its one item closed in time → 20; nothing else → 20; quarter: no bonuses.
    assert districts["溧阳市"].total == 20 and districts["溧阳市"].bonus == 0
    assert [p.title for p in r.summons] == ["约谈武进区：PM2.5浓度连续两个月红色预警"]
    assert r.commend == [] and r.criticise == []
    assert r.missing == ["该年度没有已发布的工作方案：无牵头部门排名与滞后任务"]


def test_annual_adds_bonuses_grades_and_failing_summons(db, ledger):
    with unit_of_work(db) as s:
        r = review(s, rules=ledger, source=FakeInputs(), when=period(2023, None))
    liyang = next(x for x in r.scores["district"] if x.unit == "溧阳市")
    assert liyang.total == 23 and liyang.lines[-1].rule == "获评国家生态文明建设示范区"
    assert {x.unit for x in r.criticise} == {x.unit for x in r.scores["district"]}
    assert "约谈武进区：2023年度考评等次不合格" in [p.title for p in r.summons]
    # The year proposes summons from its grades only; red-month streaks are the quarters'.
    assert not any("PM2.5" in p.title for p in r.summons)


def test_office_rules_file_wins(tmp_path):
    own = tmp_path / "assessment"
    own.mkdir()
    (own / "2023.yaml").write_text("year: 2023\n", encoding="utf-8")
    with pytest.raises(Exception, match="缺少字段“title”"):
        rules_for(tmp_path, 2023)
    with pytest.raises(Exception, match="没有 1999 年的考评细则"):
        rules_for(tmp_path, 1999)


def test_pages(app, login_as, ledger):
    app.state.assessment_inputs = FakeInputs()
    admin = login_as("admin")
    page = admin.get("/assessment", params={"year": 2023, "quarter": 3})
    assert page.status_code == 200 and "2023年第三季度季度点评" in page.text
    assert "实际 34.1，差 3.1，扣 1.55 分" in page.text and "约谈武进区" in page.text
    annual = admin.get("/assessment", params={"year": 2023})
    assert "建议通报批评" in annual.text
    sheet = admin.get("/assessment/ranking.xlsx", params={"year": 2023, "quarter": 3})
    assert sheet.status_code == 200 and sheet.content[:2] == b"PK"
    assert login_as("district").get("/assessment").status_code == 403


def test_supervision_confirms_a_proposal(app, login_as, ledger):
    app.state.assessment_inputs = FakeInputs()
    admin = login_as("admin")
    page = admin.get("/supervision").text
    assert "交办武进区：整改事项 ZY-1 逾期未销号" in page
    key = "assignment:ledger:ZY-1:2023-06-30"
    assert admin.post("/supervision/confirm", data={"key": key, "deadline": "2099-09-30"}).status_code == 303
    page = admin.get("/supervision").text
    proposals, recorded = page.split('id="proposals"')[1].split('id="items"')
    assert "ZY-1" not in proposals and "交办武进区：整改事项 ZY-1 逾期未销号" in recorded
    again = admin.post("/supervision/confirm", data={"key": key})
    assert again.status_code == 409
    bad = admin.post("/supervision/items", data={"kind": "summons", "units": "没有的局", "title": "x"})
    assert bad.status_code == 422 and "单位名录中没有" in bad.text
    ok = admin.post("/supervision/items", data={"kind": "circular", "units": "生态环境局",
                                                "title": "通报：某事项进展缓慢"})
    assert ok.status_code == 303 and "通报：某事项进展缓慢" in admin.get("/supervision").text


def test_quarterly_circular_docx_and_print_view(app, login_as, ledger):
    from docx import Document

    app.state.assessment_inputs = FakeInputs()
    admin = login_as("admin")
    query = {"year": 2023, "quarter": 3, "doc_number": "常生态办〔2023〕9号", "date": "2023-10-12"}
    response = admin.get("/assessment/circular.docx", params=query)
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "常生态办〔2023〕9号" in text and "关于2023年第三季度全市生态文明建设" in text
    assert "到期事项 2 项，已销号 1 项，逾期未销号 1 项" in text
    assert "约谈武进区：PM2.5浓度连续两个月红色预警" in text and "2023年10月12日" in text
    tables = Document(io.BytesIO(response.content)).tables
    assert [c.text for c in tables[0].rows[1].cells][:2] == ["1", "武进区"]
    view = admin.get("/assessment/circular", params=query)
    assert view.status_code == 200 and "常生态办〔2023〕9号" in view.text
    bad = admin.get("/assessment/circular.docx", params={**query, "doc_number": "第9号"})
    assert bad.status_code == 422 and "发文字号" in bad.text


def test_annual_notice_names_honours(db, ledger):
    from ecoplan.app.assessment.circular import build_circular
    from ecoplan.assessment import LedgerStats
    from ecoplan.reports.official import Paragraph

    with unit_of_work(db) as s:
        r = review(s, rules=ledger, source=FakeInputs(), when=period(2023, None))
    doc = build_circular(r, ledger=LedgerStats(2, 1, 1), doc_number="常生态办〔2024〕1号",
                         date=dt.date(2024, 1, 20))
    text = "".join(b.text for b in doc.body if isinstance(b, Paragraph))
    assert "本年度无考评等次为优秀的单位" in text
    # Criticism and 约谈 as the rules file says (districts graded 不合格), cited by its title.
    assert "对考评等次为不合格的" in text and "予以通报批评" in text and doc.title.startswith("关于2023年度")
    assert "主要负责人进行约谈" in text and "约谈市" not in text
    assert "根据《常州市2023年度生态文明建设综合考评细则（ecoplan示例）》" in text
    assert "截至12月底" in text and "暂定" not in text and "合成数据" not in text


def test_with_the_published_plan(db, published, tmp_path):
    with unit_of_work(db) as s:
        r = review(s, rules=rules_for(tmp_path, 2023), source=FakeInputs(), when=period(2023, 2))
    departments = [x.unit for x in r.scores["department"]]
    assert "市生态环境局" in departments and "武进区" not in departments
    # Lagging tasks are those the one status calls 滞后, 严重滞后 or 逾期未完成 on the review's
    # day (the quarter's end): with no report approved every task is 未报送, none lagging.
    assert r.as_of == dt.date(2023, 6, 30) and r.until == "截至6月底"
    assert {v["code"] for v in r.task_status.values()} == {"missing"} and r.lagging == []
    assert not any("没有已发布的工作方案" in m for m in r.missing)
    mee = next(x for x in r.scores["department"] if x.unit == "市生态环境局")
    tasks = next(l for l in mee.lines if l.item == "牵头任务完成情况")
    assert tasks.points == 0 and tasks.number.startswith("牵头任务 ") and "未报送" in tasks.number


def test_office_grants_bonus_and_veto(app, login_as, ledger):
    admin = login_as("admin")
    missing = admin.post("/assessment/grants", data={"year": 2023, "unit": "金坛区",
                                                     "rule": "bonus:national_demo", "note": ""})
    assert missing.status_code == 422 and "依据" in missing.text
    unknown = admin.post("/assessment/grants", data={"year": 2023, "unit": "金坛区",
                                                     "rule": "bonus:nope", "note": "x"})
    assert unknown.status_code == 422 and "没有该加分项" in unknown.text
    for rule in ("bonus:national_demo", "veto:major_incident"):
        ok = admin.post("/assessment/grants", data={"year": 2023, "unit": "金坛区", "rule": rule,
                                                    "note": "环生态〔2023〕1号"})
        assert ok.status_code == 303
    twice = admin.post("/assessment/grants", data={"year": 2023, "unit": "金坛区",
                                                   "rule": "veto:major_incident", "note": "x"})
    assert twice.status_code == 422 and "已登记该项" in twice.text
    page = admin.get("/assessment", params={"year": 2023}).text
    assert "获评国家生态文明建设示范区" in page and "一票否决：发生重大及以上突发环境事件，等次不高于不合格" in page
    with unit_of_work(app.state.sessionmaker) as s:
        r = review(s, rules=ledger, source=FakeInputs(), when=period(2023, None))
    jintan = next(x for x in r.scores["district"] if x.unit == "金坛区")
    assert jintan.bonus == 3 and jintan.veto.startswith("一票否决")
    from ecoplan.app.assessment.models import AssessmentGrant
    with unit_of_work(app.state.sessionmaker) as s:
        ids = [g.id for g in s.query(AssessmentGrant)]
    assert admin.post(f"/assessment/grants/{ids[0]}/delete").status_code == 303
    assert login_as("leader").post(f"/assessment/grants/{ids[1]}/delete").status_code == 403


def test_annual_on_missing_data_is_provisional(db, ledger):
    from ecoplan.app.assessment.sources import Unavailable

    with unit_of_work(db) as s:
        r = review(s, rules=ledger, source=Unavailable(), when=period(2023, None))
    assert r.provisional and r.criticise == [] and r.summons == []
    assert "数据不全，等次为暂定：暂不提出通报表扬、通报批评和约谈建议" in r.missing
