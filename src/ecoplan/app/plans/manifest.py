"""Work plans (工作方案): import, review, publish, versions; the seed plan in the demo."""

from ecoplan.app.core.manifest import AuditLabels, Manifest, NavEntry
from ecoplan.app.plans import api, views
from ecoplan.app.plans.demo import publish_seed_plan
from ecoplan.app.plans.present import VERSION_STATUS_LABELS
from ecoplan.app.plans.service import KIND_LABELS

VERBS = {"update": "修改", "add": "新增", "remove": "删除"}


def item_action(rest: str) -> str | None:
    """``plan.<kind>.<verb>`` (``plan.task.update`` → 修改任务)."""
    kind, _, verb = rest.partition(".")
    return f"{VERBS[verb]}{KIND_LABELS[kind]}" if kind in KIND_LABELS and verb in VERBS else None


MANIFEST = Manifest(
    name="plans",
    routers=(views.router, api.router),
    nav=(NavEntry("/plans", "工作方案", "plans.view", 40),),
    audit=AuditLabels(
        actions={"plan.import": "导入工作方案", "plan.publish": "发布工作方案",
                 "plan.draft": "新建修订草稿", "plan.discard": "放弃修订草稿"},
        objects={"plan_version": "工作方案版本",
                 **{f"plan_{kind}": label for kind, label in KIND_LABELS.items()}},
        fields={
            "uid": "稳定编号", "number": "序号", "title": "标题", "text": "原文",
            "section": "所属章节", "path": "章节路径", "task": "所属任务", "task_uid": "所属任务编号",
            "metric": "指标", "scope": "范围", "comparator": "比较", "value": "目标值",
            "baseline": "基准", "soft": "预期性", "deadline": "期限", "written": "原文写法",
            "lead": "牵头", "cooperating": "配合", "shared": "按职责分工负责",
            "implementers": "负责落实", "responsibility": "责任单位", "districts": "辖市区",
            "deadlines": "时间节点", "subitems": "子项", "unit_id": "单位编号",
            "row_version": "修改次数", "plan_id": "方案编号", "published_at": "发布时间",
            "plan": "工作方案", "source": "来源文件", "tasks": "任务数", "targets": "目标数",
            "format": "格式", "document": "文件信息", "sections": "章节",
            "unknown_units": "未识别单位"},
        values={("plan_version", "status"): VERSION_STATUS_LABELS},
        composed={"plan": item_action}),
    demo_steps=(publish_seed_plan,),
)
