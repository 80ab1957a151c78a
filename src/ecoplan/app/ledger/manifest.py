"""The rectification ledger (整改台账): items, their workflow, import and export."""

from ecoplan.app.core.manifest import AuditLabels, Manifest, NavEntry, PageSection
from ecoplan.app.ledger import views
from ecoplan.app.ledger.demo import load_demo_ledger
from ecoplan.app.ledger.linked import linked_section, unit_filter
from ecoplan.app.ledger.models import SOURCE_LABELS, STAGE_LABELS
from ecoplan.app.ledger.service import ItemFilter
from ecoplan.app.ledger.workflow import ACTION_LABELS, STATE_LABELS


def workflow_action(rest: str) -> str | None:
    """``ledger.<action>`` (``ledger.approve`` → 整改事项：同意销号)."""
    return f"整改事项：{ACTION_LABELS[rest]}" if rest in ACTION_LABELS else None


def _on(page: str, filter_of) -> PageSection:
    """The items linked to a plan page's task, unit or district (``ledger/_linked.html``)."""
    return PageSection(page, "ledger/_linked.html", lambda session, user, subject: {
        "ledger": linked_section(session, user, flt=filter_of(subject))})


MANIFEST = Manifest(
    name="ledger",
    routers=(views.router,),
    nav=(NavEntry("/ledger", "整改台账", "ledger.view", 70),),
    audit=AuditLabels(
        actions={"ledger.created": "新建整改事项", "ledger.updated": "修改整改事项"},
        objects={"ledger_item": "整改事项"},
        fields={"code": "事项编号", "district": "辖市区", "units": "责任单位", "batch": "批次",
                "description": "问题描述", "measures": "整改措施", "stage": "整改阶段",
                "target_uid": "关联目标编号", "public": "向公众公开", "public_text": "公开的整改进展"},
        object_fields={("ledger_item", "source"): "问题来源", ("ledger_item", "deadline"): "整改时限",
                       ("ledger_item", "task_uid"): "关联任务编号"},
        values={("ledger_item", "state"): STATE_LABELS, ("ledger_item", "source"): SOURCE_LABELS,
                ("ledger_item", "stage"): STAGE_LABELS},
        composed={"ledger": workflow_action}),
    sections=(_on("plans.task", lambda task: ItemFilter(task_uid=task.uid)),
              _on("plans.unit", unit_filter),
              _on("plans.district", lambda name: ItemFilter(district=name))),
    demo_steps=(load_demo_ledger,),
)
