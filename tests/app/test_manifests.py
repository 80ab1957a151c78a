"""Features plug in through their manifests: routes, menu, demo steps, commands, settings."""

from __future__ import annotations

import itertools
import re

from fastapi.routing import APIRoute

from ecoplan.app.features import FEATURES, navigation, page_sections
from ecoplan.cli import cli


def _routes(manifest):
    for router in manifest.routers:
        for route in router.routes:
            if isinstance(route, APIRoute):
                yield route


def test_the_menu_in_its_order():
    assert [(e.path, e.label, e.action) for e in navigation()] == [
        ("/", "首页", "public"), ("/public", "公开信息", "public"),
        ("/status", "进度总览", "status.view"), ("/plans", "工作方案", "plans.view"),
        ("/subplans", "子计划", "subplans.view"),
        ("/letters", "责任书", "letters.view"),
        ("/annual-reports", "年度报告", "annualreports.view"),
        ("/progress", "进展报送", "progress.report"),
        ("/progress/office", "报送管理", "progress.review"), ("/ledger", "整改台账", "ledger.view"),
        ("/supervision", "督查督办", "supervision.view"), ("/meetings", "会议帮扶", "meetings.manage"),
        ("/projects", "重点工程", "projects.view"), ("/funding", "资金安排", "funding.view"),
        ("/feedback", "公众举报", "feedback.view"),
        ("/surveys", "满意度调查", "surveys.manage"), ("/assessment", "考评", "assessment.view"),
        ("/monitoring/intake", "数据导入", "monitoring.import"),
        ("/monitoring/completeness", "数据完整性", "monitoring.completeness"),
        ("/admin/users", "用户管理", "admin.users"),
        ("/district/units", "本辖区单位", "district.units"), ("/admin/units", "单位管理", "admin.units"),
        ("/admin/audit", "操作日志", "admin.audit")]


def test_no_two_features_answer_the_same_path():
    """So the order routers are included in does not matter."""
    routes = [(m.name, r) for m in FEATURES for r in _routes(m)]
    assert len(routes) > 100
    for (a, ra), (b, rb) in itertools.combinations(routes, 2):
        if a == b or not (ra.methods & rb.methods):
            continue
        sample_a, sample_b = (re.sub(r"\{[^}]+\}", "x1", r.path) for r in (ra, rb))
        assert not (rb.path_regex.match(sample_a) or ra.path_regex.match(sample_b)), (ra.path, rb.path)


def test_every_feature_router_is_included(app):
    included = {id(getattr(r, "original_router", None)) for r in app.routes}
    for manifest in FEATURES:
        for router in manifest.routers:
            assert id(router) in included, manifest.name


def test_demo_steps_run_bottom_layer_first():
    steps = [s.__name__ for f in FEATURES for s in f.demo_steps]
    assert steps[:3] == ["load_units", "create_accounts", "publish_seed_plan"]
    assert set(steps) >= {"load_demo_ledger", "load_monitoring", "load_demo_reports",
                          "load_demo_projects"}


def test_feature_commands_join_the_cli():
    for command in (c for f in FEATURES for c in f.commands):
        assert cli.commands[command.name] is command


def test_settings_a_feature_reads_are_documented(repo_root):
    doc = (repo_root / "docs" / "settings.md").read_text(encoding="utf-8")
    names = [s for f in FEATURES for s in f.settings]
    assert names and all(name in doc for name in names)


def test_sections_are_added_to_pages_below():
    assert [s.template for s in page_sections()["plans.task"]] == [
        "ledger/_linked.html", "supervision/_linked.html", "funding/_task.html",
        "subplans/_rollup.html"]


def test_events_reach_the_listeners_of_features_above(monkeypatch):
    """Progress announces a returned report; the workbench (above it) sends the notice."""
    from ecoplan.app.core import events
    from ecoplan.app.workbench import notices

    assert events._listeners["progress.report_returned"] == [notices.report_returned]
    monkeypatch.setitem(events._listeners, "progress.report_returned", [])
    heard = []
    events.subscribe("progress.report_returned", lambda session, **facts: heard.append(facts))
    events.announce("progress.report_returned", "session", report=1, comment="c")
    assert heard == [{"report": 1, "comment": "c"}]
    for bad in (lambda: events.announce("no.such.event", None),
                lambda: events.subscribe("no.such.event", print)):
        try:
            bad()
        except KeyError:
            continue
        raise AssertionError("an unknown event must be refused")


def test_the_workbench_adds_up_the_counts_of_features_above(app):
    from ecoplan.app.features import badges, tiles, workbench_counts
    from ecoplan.app.feedback import bench as feedback_bench
    from ecoplan.app.projects import bench as projects_bench
    from ecoplan.app.subplans import reporting as subplan_reporting
    from ecoplan.app.subplans.manifest import MANIFEST as subplans
    from ecoplan.app.supervision import counts as supervision_counts
    from ecoplan.app.workbench import notices

    assert workbench_counts() == [supervision_counts.waiting, projects_bench.owed,
                                  subplan_reporting.to_dos, feedback_bench.count] \
        == app.state.workbench_counts
    assert tiles() == (*projects_bench.TILES, *subplans.tiles, feedback_bench.TILE) \
        == app.state.tiles
    assert badges() == {"unread_notices": notices.unread}


def test_exports_get_the_parts_of_features_above(app):
    """Funding (above the status) adds its money to the status workbook: the amounts per task
    for everyone alike, the key projects' money per visibility class."""
    from ecoplan.app.features import export_parts
    from ecoplan.app.funding.project_money import PROJECTS_PART
    from ecoplan.app.funding.workbook import STATUS_PART

    assert export_parts() == {"status.workbook": [STATUS_PART, PROJECTS_PART]} == \
        app.state.export_parts
    assert STATUS_PART.tables == ("item_funding",) and STATUS_PART.action == "funding.view"
    assert STATUS_PART.audience is None and PROJECTS_PART.audience is not None
    assert PROJECTS_PART.tables == ("projects",) and PROJECTS_PART.action == "projects.view"
