"""Which summons a review proposes (quarter vs. year, provisional) and bad period queries."""

from __future__ import annotations

import pytest

from ecoplan.app.assessment.gather import period
from ecoplan.app.assessment.service import review, rules_for
from ecoplan.app.db import unit_of_work
from ecoplan.app.supervision.proposals import TargetMonth
from ecoplan.assessment import ReportingStats, TargetResult

STREAK = "约谈武进区：PM2.5浓度连续两个月红色预警"


class YearEndRed:
    """武进区 PM2.5 red in November and December; data for the whole year unless ``until``."""

    def __init__(self, until=None):
        self.until = until

    def target_results(self, *, start, end):
        return {"武进区": {"PM2.5": TargetResult("PM2.5", 31, 45)}}

    def reporting(self, *, start, end):
        return {"武进区": ReportingStats(due=4, on_time=4, late=0, complete=4)}

    def target_months(self, *, year):
        return [TargetMonth("t-pm25", "PM2.5浓度", "武进区", f"{year}-{m:02d}", "red")
                for m in (11, 12)]

    def grants(self, *, year):
        return {}

    def data_until(self, *, year):
        return self.until


def _review(db, tmp_path, source, quarter):
    with unit_of_work(db) as s:
        return review(s, rules=rules_for(tmp_path, 2023), source=source, when=period(2023, quarter))


def test_red_streak_is_the_quarters_and_the_year_proposes_from_grades(db, people, tmp_path):
    assert [p.title for p in _review(db, tmp_path, YearEndRed(), 4).summons] == [STREAK]
    year = _review(db, tmp_path, YearEndRed(), None)
    assert not year.provisional
    titles = [p.title for p in year.summons]
    assert STREAK not in titles and "约谈武进区：2023年度考评等次不合格" in titles


def test_provisional_year_proposes_nothing(db, people, tmp_path):
    import datetime as dt

    year = _review(db, tmp_path, YearEndRed(until=dt.date(2023, 12, 20)), None)
    assert year.provisional and year.summons == [] and year.criticise == []
    assert "数据不全，等次为暂定：暂不提出通报表扬、通报批评和约谈建议" in year.missing


@pytest.mark.parametrize("query, message", [
    ({"year": "abc"}, "年度：年度应为 2000—2100 之间的年份，而不是“abc”"),
    ({"year": "1999"}, "而不是“1999”"),
    ({"year": "２０２３"}, "而不是“２０２３”"),
    ({"year": "2023", "quarter": "5"}, "期间：季度应为 1—4，不填为全年，而不是“5”"),
    ({"year": "2023", "quarter": "Q2"}, "而不是“Q2”"),
])
def test_bad_period_query_is_refused_on_every_route(app, login_as, query, message):
    admin = login_as("admin")
    page = admin.get("/assessment", params=query)
    assert page.status_code == 422 and message in page.text
    assert 'name="year"' in page.text  # the period form, to ask again
    sheet = admin.get("/assessment/ranking.xlsx", params=query)
    assert sheet.status_code == 422 and message in sheet.text
    doc = admin.get("/assessment/circular.docx", params={**query, "doc_number": "常生态办〔2023〕9号"})
    assert doc.status_code == 422 and message in doc.text
    view = admin.get("/assessment/circular", params={**query, "doc_number": "常生态办〔2023〕9号"})
    assert view.status_code == 422 and message in view.text


def test_absent_or_empty_period_keeps_the_default(app, login_as, published):
    admin = login_as("admin")
    for query in ({}, {"year": "", "quarter": ""}, {"year": "2023", "quarter": ""}):
        page = admin.get("/assessment", params=query)
        assert page.status_code == 200 and "2023年度综合考评" in page.text
    quarter = admin.get("/assessment", params={"year": "2023", "quarter": "2"})
    assert quarter.status_code == 200 and "2023年第二季度季度点评" in quarter.text
