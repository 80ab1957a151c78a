"""Reports from the public (公众举报反馈): the citizen's form and tracking, the office's triage,
the unit's answer, the published answer."""

from ecoplan.app.core.manifest import AuditLabels, Manifest, NavEntry
from ecoplan.app.feedback import api, views
from ecoplan.app.feedback.bench import TILE, UNIT_INPUT, count
from ecoplan.app.feedback.chase import start_chase
from ecoplan.app.feedback.models import CATEGORY_LABELS, OUTCOME_LABELS, STATE_LABELS
from ecoplan.app.feedback.service import MOVE_LABELS


def move_action(rest: str) -> str | None:
    """``feedback.<move>`` (公众举报：受理并交办)."""
    return f"公众举报：{MOVE_LABELS[rest]}" if rest in MOVE_LABELS else None


MANIFEST = Manifest(
    name="feedback",
    routers=(api.router, views.router),
    nav=(NavEntry("/feedback", "公众举报", "feedback.view", 85),),
    audit=AuditLabels(
        objects={"feedback_report": "公众举报"},
        fields={"category": "问题类别", "outcome": "处理结果", "referred_to": "转交部门",
                "published": "已公开", "limit": "超过的时限"},
        values={("feedback_report", "state"): STATE_LABELS,
                ("feedback_report", "category"): CATEGORY_LABELS,
                ("feedback_report", "outcome"): OUTCOME_LABELS},
        composed={"feedback": move_action}),
    tiles=(TILE,),
    counts=(count,),
    unit_inputs=(UNIT_INPUT,),
    jobs=(start_chase,),
)
