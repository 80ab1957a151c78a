"""Key projects (重点工程项目): the project ledger, its import and template, roll-ups, the API."""

from ecoplan.app.core.manifest import AuditLabels, Manifest, NavEntry, PageSection
from ecoplan.app.projects import api, bench, edit_views, report_views, sections, views
from ecoplan.app.projects.demo import bind_demo_targets, load_demo_projects
from ecoplan.app.projects.figure import SOURCE
from ecoplan.app.projects.models import REPORT_STATE_LABELS

FIELDS = {
    "code": "项目编号", "name": "项目名称", "category": "项目类别", "task": "关联任务",
    "owner": "责任单位", "district": "所在辖市区", "location": "建设地点", "content": "建设内容",
    "invest_planned": "计划总投资（万元）", "invest_done": "累计完成投资（万元）",
    "funding": "资金来源（万元）", "start_planned": "计划开工日期", "start_actual": "实际开工日期",
    "main_planned": "计划主体完工日期", "main_actual": "实际主体完工日期",
    "ops_planned": "计划投运日期", "ops_actual": "实际投运日期", "synthetic": "合成数据",
    "public": "向公众公开",
}

SHARED = ("code", "name", "task", "owner", "district", "category", "location", "content")
"""Snapshot fields other features label generically or may (a project's own labels are
object fields)."""

MANIFEST = Manifest(
    name="projects",
    routers=(edit_views.router, views.router, report_views.router, api.router),
    nav=(NavEntry("/projects", "重点工程", "projects.view", 83),),
    audit=AuditLabels(
        actions={"project.created": "新建重点工程项目", "project.updated": "修改重点工程项目",
                 "project_report.saved": "保存项目月报", "project_report.submitted": "提交项目月报",
                 "project_report.approved": "审核通过项目月报",
                 "project_report.returned": "退回项目月报"},
        objects={"project": "重点工程项目", "project_report": "项目月报"},
        fields={**{k: v for k, v in FIELDS.items() if k not in SHARED},
                "location": "地点", "content": "内容", "project": "项目"},
        object_fields={**{("project", name): label for name, label in FIELDS.items()},
                       **{("project_report", name): label for name, label in FIELDS.items()},
                       ("project_report", "project"): "项目编号",
                       ("project_report", "narrative"): "进展情况",
                       ("project_report", "period"): "报告期",
                       ("project_report", "state"): "状态",
                       ("project_report", "return_comment"): "退回意见"},
        values={("project_report", "state"): REPORT_STATE_LABELS}),
    sections=(PageSection("status.overview", "projects/_overview.html", sections.overview),
              PageSection("public.index", "projects/_public.html", sections.public)),
    demo_steps=(load_demo_projects, bind_demo_targets),
    figure_sources=(SOURCE,),
    tiles=bench.TILES,
    counts=(bench.owed,),
)
