"""Assessment (考评): quarterly reviews, the annual score, bonuses and vetoes, circulars."""

from ecoplan.app.assessment import views
from ecoplan.app.assessment.models import GRANT_LABELS
from ecoplan.app.core.manifest import AuditLabels, Manifest, NavEntry


def grant_action(rest: str) -> str | None:
    """``assessment.<kind>`` and ``assessment.<kind>.removed`` (认定/撤销加分)."""
    kind, _, removed = rest.partition(".")
    if kind in GRANT_LABELS and removed in ("", "removed"):
        return f"{'撤销' if removed else '认定'}{GRANT_LABELS[kind]}"
    return None


MANIFEST = Manifest(
    name="assessment",
    routers=(views.router,),
    nav=(NavEntry("/assessment", "考评", "assessment.view", 90),),
    audit=AuditLabels(objects={"assessment_grant": "考评加分/否决"},
                      fields={"year": "年度", "rule": "细则条目"},
                      composed={"assessment": grant_action}),
)
