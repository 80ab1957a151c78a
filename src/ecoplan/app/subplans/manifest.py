"""Sub-plans (子计划): districts' and departments' own work plans under the city plan, linked to
it item by item, their coverage and their measures' statuses rolled up on the city's tasks."""

from ecoplan.app.core.manifest import AuditLabels, Manifest, NavEntry, PageSection, Tile
from ecoplan.app.permissions import can
from ecoplan.app.subplans import api, views
from ecoplan.app.subplans.coverage import RollUp, task_rollup
from ecoplan.app.subplans.demo import load_demo_subplan
from ecoplan.app.subplans.cli import subplans as subplans_cli
from ecoplan.app.subplans.reminders import start_reminders
from ecoplan.app.subplans.reporting import to_dos
from ecoplan.app.subplans.models import ITEM_STATUS_LABELS, REPORT_STATE_LABELS, STATE_LABELS


def _rollup(session, user, task) -> dict:
    """The measures serving a city task that ``user`` may see (``subplans/_rollup.html``)."""
    found = task_rollup(session, task)
    items = [i for i in found.items if can(user, "subplans.view", i.subplan)]
    counts: dict[str, int] = {}
    for item in items:
        counts[item.status] = counts.get(item.status, 0) + 1
    return {"rollup": RollUp(items, counts), "statuses": ITEM_STATUS_LABELS}


MANIFEST = Manifest(
    name="subplans",
    routers=(views.router, api.router),
    nav=(NavEntry("/subplans", "子计划", "subplans.view", 45),),
    audit=AuditLabels(
        actions={"subplan.uploaded": "上传子计划", "subplan.linked": "确认子计划关联",
                 "subplan.published": "发布子计划", "subplan.reopened": "子计划退回草稿",
                 "subplan.status": "更新子计划措施状态",
                 "subplan.report_submitted": "提交子计划措施进展",
                 "subplan.report_approved": "审核通过子计划措施进展",
                 "subplan.report_approved_own": "本人审核通过子计划措施进展（单人单位）",
                 "subplan.report_returned": "退回子计划措施进展",
                 "subplan.remind": "发送子计划措施报送提醒",
                 "subplan.unit_mapped": "确认子计划责任单位"},
        objects={"subplan": "子计划", "subplan_item": "子计划措施",
                 "subplan_report": "子计划措施进展报告", "subplan_unit": "子计划责任单位"},
        fields={"link_kind": "关联类型", "link_uid": "关联全市任务或目标编号",
                "confirmed": "已确认关联", "file_name": "文件名", "items": "措施数",
                "decided": "已确认"},
        object_fields={("subplan", "unit"): "单位", ("subplan", "title"): "标题",
                       ("subplan", "state"): "状态", ("subplan", "file_name"): "文件名",
                       ("subplan", "items"): "措施数", ("subplan", "synthetic"): "合成数据",
                       ("subplan_item", "number"): "序号", ("subplan_item", "title"): "措施",
                       ("subplan_item", "link_kind"): "关联类型",
                       ("subplan_item", "link_uid"): "关联全市任务或目标编号",
                       ("subplan_item", "confirmed"): "已确认关联",
                       ("subplan_item", "status"): "进展", ("subplan_item", "note"): "进展说明",
                       ("subplan_report", "item"): "措施序号", ("subplan_report", "unit"): "填报单位",
                       ("subplan_report", "period"): "报告期", ("subplan_report", "status"): "进展",
                       ("subplan_report", "note"): "进展说明", ("subplan_report", "state"): "状态",
                       ("subplan_report", "return_comment"): "退回意见",
                       ("subplan_report", "evidence"): "佐证材料",
                       ("subplan_unit", "name"): "计划中的写法", ("subplan_unit", "unit"): "填报单位",
                       ("subplan_unit", "decided"): "已确认"},
        values={("subplan", "state"): STATE_LABELS,
                ("subplan_item", "status"): ITEM_STATUS_LABELS,
                ("subplan_report", "status"): ITEM_STATUS_LABELS,
                ("subplan_report", "state"): REPORT_STATE_LABELS}),
    sections=(PageSection("plans.task", "subplans/_rollup.html", _rollup),),
    demo_steps=(load_demo_subplan,),
    tiles=(Tile("subplan_to_report", "子计划措施待填报", "/subplans", "subplans.report"),
           Tile("subplan_to_approve", "子计划措施进展待审核", "/subplans", "subplans.approve")),
    counts=(to_dos,),
    jobs=(start_reminders,),
    commands=(subplans_cli,),
)
