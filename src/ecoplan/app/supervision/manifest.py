"""Supervision (督查督办): proposals from statuses and the ledger, supervision items (督办事项)
through their life-cycle, recorded actions."""

from ecoplan.app.core.manifest import AuditLabels, Manifest, NavEntry, PageSection
from ecoplan.app.supervision import api, counts, item_views, views
from ecoplan.app.supervision.linked import section
from ecoplan.app.supervision.models import KIND_LABELS
from ecoplan.app.supervision.workflow import ACTION_LABELS, STATE_LABELS


def item_action(rest: str) -> str | None:
    """``supervision.<kind>`` (issued: 下发督办事项：约谈) and ``supervision.<move>`` (督办事项：签收)."""
    if rest in KIND_LABELS:
        return f"下发督办事项：{KIND_LABELS[rest]}"
    return f"督办事项：{ACTION_LABELS[rest]}" if rest in ACTION_LABELS else None


def _on(page: str, **where) -> PageSection:
    """The items on a plan page's task, or addressed to its unit or district."""
    return PageSection(page, "supervision/_linked.html", lambda session, user, subject: {
        "supervision": section(session, user, **{k: f(subject) for k, f in where.items()})})


MANIFEST = Manifest(
    name="supervision",
    routers=(views.router, item_views.router, api.router),
    nav=(NavEntry("/supervision", "督查督办", "supervision.view", 80),),
    audit=AuditLabels(
        objects={"supervision_action": "督办记录", "supervision_item": "督办事项"},
        fields={"proposal": "来源建议", "due": "办结时限", "basis": "依据类型", "basis_ref": "依据",
                "link": "链接", "response": "办理情况", "extension_due": "申请延至"},
        object_fields={("supervision_item", "kind"): "方式", ("supervision_item", "content"): "内容"},
        values={("supervision_item", "state"): STATE_LABELS, ("supervision_item", "kind"): KIND_LABELS},
        composed={"supervision": item_action}),
    sections=(_on("plans.task", basis=lambda task: "task", ref=lambda task: task.uid),
              _on("plans.unit", unit=lambda unit: unit),
              _on("plans.district", unit_name=lambda name: name)),
    counts=(counts.waiting,),
)
