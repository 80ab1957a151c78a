"""The districts' annual report: figures gathered from the platform checked by hand (quotas with
the latest approved value, projects planned/done, supervision items by state, the assessment),
the GB/T 9704 上行文 .docx opened back, the district's edit (version-checked), who sees what,
bad input."""

from __future__ import annotations

import datetime as dt

from app_env import docx_text
from sqlalchemy import select

from ecoplan.app.annualreports.models import DistrictReport
from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.progress import todo
from ecoplan.app.progress.models import ProgressReport
from ecoplan.app.supervision.models import SupervisionItem

T0 = dt.datetime(2023, 7, 1, 2, 0, tzinfo=dt.timezone.utc)


def _unit_id(env, name: str) -> int:
    with env.session() as s:
        return env.unit(s, name).id


def _draft(env, name: str = "武进区", role: str = "admin") -> int:
    r = env.client(role).post("/annual-reports/draft", data={"unit_id": str(_unit_id(env, name))})
    assert r.status_code == 303, r.text
    return int(r.headers["location"].rsplit("/", 1)[1])



def _report(session, version, unit, item, period, value, state="approved"):
    session.add(ProgressReport(
        plan_id=version.plan_id, item_kind="target", item_uid=item.uid, unit_id=unit.id,
        period=period, role=item.role, value_to_date=value, value_unit=item.value_unit,
        state=state, created_at=T0, updated_at=T0,
        approved_at=T0 if state == "approved" else None, version=1))


def _supervision(session, unit, state, issued_at=T0):
    session.add(SupervisionItem(kind="assignment", unit_id=unit.id, title=f"督办{state}",
                                state=state, issued_by="admin", issued_at=issued_at))


def _facts(env):
    """武进区 reported 整治提升企业 twice (the later approved one counts; a submitted one does
    not), has 3 supervision items in 2023 (2 issued, 1 closed) and one of 2022; the bureau one."""
    with env.session() as s:
        version = todo.published(s)
        wujin, bureau = env.unit(s, "武进区"), env.unit(s, "市生态环境局")
        item = next(i for i in todo.items_for(version, wujin)
                    if i.kind == "target" and i.target.metric == "整治提升企业")
        _report(s, version, wujin, item, "2023-03", 100)
        _report(s, version, wujin, item, "2023-06", 275)
        _report(s, version, wujin, item, "2023-09", 500, state="submitted")
        for state in ("issued", "issued", "closed"):
            _supervision(s, wujin, state)
        _supervision(s, wujin, "closed", issued_at=dt.datetime(2022, 5, 1, tzinfo=dt.timezone.utc))
        _supervision(s, bureau, "issued")


def test_the_report_gathers_the_district_figures(seeded):
    _facts(seeded)
    report_id = _draft(seeded)
    with seeded.session() as s:
        c = s.get(DistrictReport, report_id).content
    rows = {g["metric"]: g for g in c["targets"]}
    assert (rows["整治提升企业"]["quota"], rows["整治提升企业"]["reported"],
            rows["整治提升企业"]["period"]) == (550, 275, "2023-06")
    assert rows["培育市级及以上绿色工厂"]["reported"] is None
    # P1, P3, P5 lie in 武进区 and P4 is owned by it: 1000+500+2000+1500 planned, 400+600 done
    p = c["projects"]
    assert (p["count"], p["planned"], p["done"], p["rate"]) == (4, "5000.00", "1000.00", "20.0")
    assert c["supervision"] == {"total": 3, "by_state": {"已下发": 2, "已办结": 1}}
    a = c["assessment"]
    assert a is None or (1 <= a["rank"] <= a["of"] and a["grade"])
    district = seeded.client("district")
    docx = district.get(f"/annual-reports/{report_id}/report.docx")
    assert docx.status_code == 422 and "签发人" in docx.text  # a 上行文 names its 签发人
    page = district.get(f"/annual-reports/{report_id}")
    assert page.status_code == 200 and "整治提升企业" in page.text
    with seeded.session() as s:
        report = s.get(DistrictReport, report_id)
        text, version = report.text, report.version
    assert "投资完成率 20.0%" in text and "督查督办事项 3 件，其中已下发 2 件、已办结 1 件" in text
    r = district.post(f"/annual-reports/{report_id}", data={
        "text": text.replace("（请填写存在的主要问题和下一年度工作打算。）", "农村污水运维仍有短板。"),
        "doc_number": "武政〔2024〕3号", "signer": "张三", "version": str(version),
        "dated": "2024-01-18"})
    assert r.status_code == 303, r.text
    data = district.get(f"/annual-reports/{report_id}/report.docx")
    assert data.status_code == 200
    out = docx_text(data.content)
    flat = out.replace("\n", "")
    assert "武进区关于2023年度生态文明建设工作情况的报告" in flat
    assert "市委、市政府：" in out and "武政〔2024〕3号" in out and "张三" in out
    assert "2024年1月18日" in out  # the 成文日期 the district set, the number's year
    assert "农村污水运维仍有短板。" in out and "特此报告。" in out
    assert "二、重点工程项目推进情况" in out and "一、目标任务完成情况" in out
    assert "5000.00" in out and "1000.00" in out and "275" in out and "50.0%" in out  # 275/550
    if a is not None:
        assert f"等次为{a['grade']}" in out


def test_the_edit_is_version_checked_and_bad_input_is_refused(seeded):
    report_id = _draft(seeded)
    district = seeded.client("district")
    with seeded.session() as s:
        version = s.get(DistrictReport, report_id).version
    good = {"text": "一、总体情况\n全年工作顺利。", "doc_number": "武政〔2024〕3号",
            "signer": "张三", "version": str(version), "dated": "2024-01-18"}
    for change, message in (({"doc_number": "3号"}, "发文字号"),
                            ({"doc_number": "武" * 60 + "〔2024〕3号"}, "最多 60 字"), ({"text": "  "}, "正文不能为空"),
                            ({"text": "坏\x01字"}, "控制字符"), ({"signer": "长" * 61}, "签发人"),
                            ({"version": "x"}, "刷新页面"),
                            # GB/T 9704: the number's year is the year of issue, the 成文日期's
                            ({"dated": "2023-12-29"}, "发文字号的年份〔2024〕与成文日期"),
                            ({"dated": ""}, "发文字号的年份〔2024〕与成文日期"),  # saved today
                            ({"dated": "2022-12-31"}, "不能早于2023年"),
                            ({"dated": "2024-13-01"}, "不是有效日期")):
        r = district.post(f"/annual-reports/{report_id}", data={**good, **change})
        assert r.status_code == 422 and message in r.text, (change, r.status_code)
    assert district.post(f"/annual-reports/{report_id}", data=good).status_code == 303
    # the same (now stale) form again: refused, the first save kept
    stale = district.post(f"/annual-reports/{report_id}", data={**good, "text": "覆盖"})
    assert stale.status_code == 422 and "刷新页面" in stale.text
    # drafting again gathers the figures anew and keeps the district's text
    assert _draft(seeded, role="district") == report_id
    with seeded.session() as s:
        report = s.get(DistrictReport, report_id)
        assert report.text == good["text"] and report.version == version + 2
        actions = [a for (a,) in s.execute(select(AuditEntry.action).where(
            AuditEntry.object_type == "annualreport").order_by(AuditEntry.id))]
    assert actions == ["annualreport.drafted", "annualreport.saved", "annualreport.drafted"]
    admin = seeded.client("admin")
    r = admin.post("/annual-reports/draft", data={"unit_id": str(_unit_id(seeded, "市生态环境局"))})
    assert r.status_code == 422 and "不是辖市区" in r.text
    assert admin.post("/annual-reports/draft", data={"unit_id": "x"}).status_code == 422
    assert admin.get("/annual-reports/99999").status_code == 404


def test_who_sees_and_edits_which_reports(seeded):
    wujin = _draft(seeded)
    liyang = _draft(seeded, "溧阳市")
    district, viewer, admin = (seeded.client(r) for r in ("district", "viewer", "admin"))
    assert [x["unit"] for x in district.get("/api/annual-reports").json()] == ["武进区"]
    assert {x["unit"] for x in viewer.get("/api/annual-reports").json()} == {"武进区", "溧阳市"}
    assert {x["unit"] for x in admin.get("/api/annual-reports").json()} == {"武进区", "溧阳市"}
    assert district.get(f"/annual-reports/{liyang}").status_code == 403
    assert district.get(f"/annual-reports/{liyang}/report.docx").status_code == 403
    assert district.post("/annual-reports/draft",
                         data={"unit_id": str(_unit_id(seeded, "溧阳市"))}).status_code == 403
    form = {"text": "x", "doc_number": "武政〔2024〕3号", "signer": "张三", "version": "1"}
    assert district.post(f"/annual-reports/{liyang}", data=form).status_code == 403
    assert admin.post(f"/annual-reports/{wujin}", data=form).status_code == 403
    assert viewer.post("/annual-reports/draft", data={"unit_id": "1"}).status_code == 403
    for role in ("reporter", "leader"):
        assert seeded.client(role).get("/api/annual-reports").status_code == 403
    assert seeded.client(None).get("/api/annual-reports").status_code == 401


def test_the_number_year_follows_the_issue_date_and_a_stale_one_is_refused_at_download(seeded):
    """A draft numbered in the year it is made; drafted again in a later year the report keeps
    its number, whose year no longer is the 成文日期's: the copy to send is refused until the
    district sets one or the other (GB/T 9704-2012 7.2.4, 7.3.5.1)."""
    from ecoplan.app.core import clock

    with clock.frozen(dt.datetime(2024, 1, 10, 2, 0, tzinfo=dt.timezone.utc)):
        report_id = _draft(seeded)
        with seeded.session() as s:
            report = s.get(DistrictReport, report_id)
            assert report.doc_number == "武进区〔2024〕1号" and report.dated is None
            version = report.version
        district = seeded.client("district")
        form = {"text": "一、总体情况\n全年工作顺利。", "doc_number": "武进区〔2024〕1号",
                "signer": "张三", "version": str(version), "dated": ""}
        assert district.post(f"/annual-reports/{report_id}", data=form).status_code == 303
        assert "2024年1月10日" in docx_text(district.get(f"/annual-reports/{report_id}/report.docx").content)
    with clock.frozen(dt.datetime(2025, 1, 6, 2, 0, tzinfo=dt.timezone.utc)):
        _draft(seeded, role="district")  # gathered anew a year later: last changed in 2025
        district = seeded.client("district")
        refused = district.get(f"/annual-reports/{report_id}/report.docx")
        assert refused.status_code == 422 and "发文字号的年份〔2024〕与成文日期" in refused.text
        with seeded.session() as s:
            version = s.get(DistrictReport, report_id).version
        r = district.post(f"/annual-reports/{report_id}",
                          data={**form, "version": str(version), "dated": "2024-01-12"})
        assert r.status_code == 303, r.text
        out = docx_text(district.get(f"/annual-reports/{report_id}/report.docx").content)
        assert "武进区〔2024〕1号" in out and "2024年1月12日" in out
        listed = district.get("/api/annual-reports").json()
        assert [(x["doc_number"], x["dated"]) for x in listed] == [("武进区〔2024〕1号", "2024-01-12")]
