"""Money per task or target (资金安排) by source, planned and spent, per unit: entered by the
office on the task page, totals by source (with the key projects' money) on ``/funding``,
exported as .xlsx, ``GET /api/funding``; columns and a sheet of the status workbook, and the key
projects' money per task there (for what each user may see)."""

from ecoplan.app.core.manifest import AuditLabels, Manifest, NavEntry, PageSection
from ecoplan.app.funding import api, views
from ecoplan.app.funding.project_money import PROJECTS_PART
from ecoplan.app.funding.workbook import STATUS_PART
from ecoplan.app.funding.demo import load_demo_funding

MANIFEST = Manifest(
    name="funding",
    routers=(views.router, api.router),
    nav=(NavEntry("/funding", "资金安排", "funding.view", 84),),
    audit=AuditLabels(
        actions={"funding.saved": "填写任务、目标资金安排"},
        objects={"funding": "资金安排"},
        fields={"item_kind": "事项类型", "item_uid": "事项编号", "planned": "计划金额（万元）",
                "spent": "已支出金额（万元）"},
        object_fields={("funding", "item_kind"): "事项类型", ("funding", "item_uid"): "事项编号",
                       ("funding", "source"): "资金来源", ("funding", "unit"): "承担单位",
                       ("funding", "planned"): "计划金额（万元）",
                       ("funding", "spent"): "已支出金额（万元）", ("funding", "note"): "说明"}),
    sections=(PageSection("plans.task", "funding/_task.html", views.task_section),),
    demo_steps=(load_demo_funding,),
    exports=(STATUS_PART, PROJECTS_PART),
)
