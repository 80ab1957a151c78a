"""Chinese names for the audit log's action codes and object types (操作日志的中文说明).

The codes stay as recorded (they are what the filter and the API match on); these labels are
only what the admin reads. An unknown code is shown as recorded rather than hidden.
"""

from __future__ import annotations

from ecoplan.app.assessment.models import GRANT_LABELS
from ecoplan.app.ledger.workflow import ACTION_LABELS as LEDGER_ACTIONS
from ecoplan.app.plans.service import KIND_LABELS as PLAN_ITEMS
from ecoplan.app.progress.present import EVENT_LABELS as PROGRESS_EVENTS
from ecoplan.app.supervision.models import KIND_LABELS as SUPERVISION_KINDS

ACTIONS = {
    "user.created": "新建用户", "user.updated": "修改用户", "user.password_reset": "重置密码",
    "user.unlocked": "解除锁定", "user.locked": "登录失败次数过多，账户锁定",
    "user.password_changed": "修改密码",
    "unit.created": "新建单位", "unit.updated": "修改单位",
    "plan.import": "导入工作方案", "plan.publish": "发布工作方案", "plan.draft": "新建修订草稿",
    "plan.discard": "放弃修订草稿",
    "progress.calendar.update": "修改报送日历", "progress.import": "Excel 导入进展",
    "progress.contact.update": "修改提醒邮箱", "progress.remind": "发送报送提醒",
    "ledger.created": "新建整改事项",
}
PLAN_VERBS = {"update": "修改", "add": "新增", "remove": "删除"}
OBJECT_TYPES = {
    "user": "用户", "unit": "单位", "plan_version": "工作方案版本",
    "supervision_action": "督办记录", "assessment_grant": "考评加分/否决",
    "progress_calendar": "报送日历", "progress_report": "进展报告", "progress_xlsx": "进展导入",
    "progress_notice": "报送提醒", "ledger_item": "整改事项",
    **{f"plan_{kind}": label for kind, label in PLAN_ITEMS.items()},
}
ACTORS = {"system": "系统（命令行）"}


def _composed(area: str, rest: str) -> str | None:
    """Labels of the codes made from a prefix and a kind or verb (``plan.task.update``, …)."""
    if area == "plan" and "." in rest:
        kind, verb = rest.split(".", 1)
        if kind in PLAN_ITEMS and verb in PLAN_VERBS:
            return f"{PLAN_VERBS[verb]}{PLAN_ITEMS[kind]}"
    if area == "progress" and rest in PROGRESS_EVENTS:
        return f"进展报告：{PROGRESS_EVENTS[rest]}"
    if area == "ledger" and rest in LEDGER_ACTIONS:
        return f"整改事项：{LEDGER_ACTIONS[rest]}"
    if area == "supervision" and rest in SUPERVISION_KINDS:
        return f"记录督办：{SUPERVISION_KINDS[rest]}"
    if area == "assessment":
        kind, _, removed = rest.partition(".")
        if kind in GRANT_LABELS and removed in ("", "removed"):
            return f"{'撤销' if removed else '认定'}{GRANT_LABELS[kind]}"
    return None


def action_label(code: str) -> str:
    """The Chinese name of an audit action code, or the code itself when unknown."""
    area, _, rest = code.partition(".")
    return ACTIONS.get(code) or _composed(area, rest) or code


def object_label(object_type: str) -> str:
    """The Chinese name of an audited object type, or the type itself when unknown."""
    return OBJECT_TYPES.get(object_type, object_type)


def actor_label(actor: str) -> str:
    """The system actor's Chinese name; user names are shown as they are."""
    return ACTORS.get(actor, actor)
