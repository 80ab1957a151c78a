"""Supervision (督查督办): proposals from statuses and the ledger, recorded actions."""

from ecoplan.app.core.manifest import AuditLabels, Manifest, NavEntry
from ecoplan.app.supervision import views
from ecoplan.app.supervision.models import KIND_LABELS


def recorded_action(rest: str) -> str | None:
    """``supervision.<kind>`` (``supervision.summons`` → 记录督办：约谈)."""
    return f"记录督办：{KIND_LABELS[rest]}" if rest in KIND_LABELS else None


MANIFEST = Manifest(
    name="supervision",
    routers=(views.router,),
    nav=(NavEntry("/supervision", "督查督办", "supervision.manage", 80),),
    audit=AuditLabels(objects={"supervision_action": "督办记录"}, fields={"proposal": "来源建议"},
                      composed={"supervision": recorded_action}),
)
