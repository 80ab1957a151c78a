"""Chinese names for the audit log's action codes and object types (操作日志的中文说明).

The codes stay as recorded (they are what the filter and the API match on); these labels are
only what the admin reads. An unknown code is shown as recorded rather than hidden.
"""

from __future__ import annotations

from ecoplan.app.assessment.models import GRANT_LABELS
from ecoplan.app.auth.models import ROLE_LABELS
from ecoplan.app.ledger.models import SOURCE_LABELS as LEDGER_SOURCES
from ecoplan.app.ledger.models import STAGE_LABELS as LEDGER_STAGES
from ecoplan.app.ledger.workflow import STATE_LABELS as LEDGER_STATES
from ecoplan.app.ledger.workflow import ACTION_LABELS as LEDGER_ACTIONS
from ecoplan.app.plans.present import VERSION_STATUS_LABELS
from ecoplan.app.plans.service import KIND_LABELS as PLAN_ITEMS
from ecoplan.app.progress.present import EVENT_LABELS as PROGRESS_EVENTS
from ecoplan.app.progress.present import STATE_LABELS as REPORT_STATES
from ecoplan.app.supervision.models import KIND_LABELS as SUPERVISION_KINDS
from ecoplan.app.supervision.workflow import ACTION_LABELS as SUPERVISION_MOVES
from ecoplan.app.supervision.workflow import STATE_LABELS as SUPERVISION_STATES
from ecoplan.app.status.pace import PACE_MODES
from ecoplan.app.units.models import KIND_LABELS as UNIT_KINDS

ACTIONS = {
    "user.created": "新建用户", "user.updated": "修改用户", "user.password_reset": "重置密码",
    "user.unlocked": "解除锁定", "user.locked": "登录失败次数过多，账户锁定",
    "user.password_changed": "修改密码",
    "auth.login": "登录", "auth.logout": "退出登录", "auth.login_failed": "登录失败",
    "auth.password_change_failed": "修改密码失败（当前密码错误）",
    "auth.rate_limited": "尝试次数过多，暂停受理（限流）",
    "unit.created": "新建单位", "unit.updated": "修改单位",
    "plan.import": "导入工作方案", "plan.publish": "发布工作方案", "plan.draft": "新建修订草稿",
    "plan.discard": "放弃修订草稿",
    "progress.demo": "生成演示进展报告",
    "progress.calendar.update": "修改报送日历", "progress.import": "Excel 导入进展",
    "progress.contact.update": "修改提醒邮箱", "progress.remind": "发送报送提醒",
    "progress.notice.read": "标记报送提醒已读",
    "ledger.created": "新建整改事项", "ledger.updated": "修改整改事项",
    "project.created": "新建重点工程项目", "project.updated": "修改重点工程项目",
    "status.settings.update": "修改状态设置",
    "webhook.created": "添加群机器人", "webhook.removed": "删除群机器人",
    "seal.uploaded": "上传电子印章", "seal.replaced": "替换电子印章", "seal.removed": "删除电子印章",
}
PLAN_VERBS = {"update": "修改", "add": "新增", "remove": "删除"}
OBJECT_TYPES = {
    "user": "用户", "unit": "单位", "plan_version": "工作方案版本",
    "supervision_action": "督办记录", "supervision_item": "督办事项", "webhook": "群机器人", "assessment_grant": "考评加分/否决",
    "progress_calendar": "报送日历", "progress_report": "进展报告", "progress_xlsx": "进展导入",
    "progress_notice": "报送提醒", "ledger_item": "整改事项", "project": "重点工程项目", "status_settings": "状态设置",
    "issuer_seal": "电子印章",
    "client_ip": "客户端 IP",
    **{f"plan_{kind}": label for kind, label in PLAN_ITEMS.items()},
}
ACTORS = {"system": "系统（命令行）", "anonymous": "未登录访客"}
GROUPS = {"security": "登录与账户安全"}
# Actions whose ``after`` holds the circumstances of an event (who tried what, from which
# browser), not a snapshot of a changed object: shown as details, not as before/after.
EVENT_PREFIXES = ("auth.", "user.locked", "user.password_changed")
REFUSAL_REASONS = {"unknown_user": "用户名不存在", "inactive": "账户已停用",
                   "locked": "账户已锁定", "wrong_password": "密码错误"}
CREDENTIAL_ENDPOINTS = {"login": "登录", "password": "修改密码"}
FIELDS = {
    # people and units
    "username": "用户名", "display_name": "姓名", "role": "角色", "unit": "单位",
    "active": "启用", "name": "名称", "kind": "类型", "aliases": "别名", "email": "邮箱",
    # logins and credential checks
    "reason": "原因", "user_agent": "浏览器标识（User-Agent）", "endpoint": "入口",
    "retry_after": "需等待（秒）",
    # plan items and versions
    "uid": "稳定编号", "id": "编号", "number": "序号", "title": "标题", "text": "原文",
    "section": "所属章节", "path": "章节路径", "task": "所属任务", "task_uid": "所属任务编号",
    "metric": "指标", "scope": "范围", "comparator": "比较", "value": "目标值",
    "baseline": "基准", "soft": "预期性", "deadline": "期限", "date": "日期",
    "written": "原文写法", "lead": "牵头", "cooperating": "配合", "shared": "按职责分工负责",
    "implementer": "负责落实", "responsibility": "责任单位", "districts": "辖市区",
    "deadlines": "时间节点", "subitems": "子项", "key": "键", "unit_id": "单位编号",
    "row_version": "修改次数", "plan_id": "方案编号", "status": "状态",
    "created_at": "创建时间", "published_at": "发布时间", "plan": "工作方案", "source": "来源文件",
    "tasks": "任务数", "targets": "目标数", "format": "格式", "document": "文件信息",
    "sections": "章节", "version": "版本", "unknown_units": "未识别单位", "warnings": "提示",
    "change": "变化", "fields": "字段", "label": "名称",
    # progress reporting
    "item": "报送事项", "period": "报告期", "value_to_date": "累计完成值", "value_unit": "计量单位",
    "narrative": "工作进展", "problems": "存在问题", "next_steps": "下一步计划", "state": "状态",
    "return_comment": "退回意见", "evidence": "佐证材料", "frequency": "报送频次",
    "due_day": "截止日", "workday_due": "遇节假日顺延", "remind_days": "提前提醒工作日数",
    "self_approval": "单人单位可本人审核", "read_at": "已读时间",
    "max_evidence_bytes": "佐证文件大小上限（字节）", "notices": "通知数", "emailed": "已发邮件数",
    "reports": "报告数", "on_time": "按时份数", "late": "迟报份数", "missing": "未报份数",
    "error": "错误", "file": "文件", "rows": "行数", "submitted": "提交数",
    # ledger, supervision, assessment
    "code": "事项编号", "district": "辖市区", "units": "责任单位", "proposal": "来源建议", "year": "年度",
    "rule": "细则条目", "note": "说明", "batch": "批次", "description": "问题描述",
    "measures": "整改措施", "stage": "整改阶段", "target_uid": "关联目标编号",
    "due": "办结时限", "basis": "依据类型", "basis_ref": "依据", "link": "链接", "response": "办理情况",
    "extension_due": "申请延至", "url": "地址",
    # key projects
    "category": "项目类别", "owner": "责任单位", "location": "建设地点", "content": "建设内容",
    "invest_planned": "计划总投资（万元）", "invest_done": "累计完成投资（万元）",
    "funding": "资金来源（万元）", "start_planned": "计划开工日期", "start_actual": "实际开工日期",
    "main_planned": "计划主体完工日期", "main_actual": "实际主体完工日期",
    "ops_planned": "计划投运日期", "ops_actual": "实际投运日期", "synthetic": "合成数据",
    # status settings
    "lag_points": "滞后阈值（百分点）", "severe_points": "严重滞后阈值（百分点）",
    "pace_mode": "序时进度方式", "as_of": "评估日期", "why": "依据",
    # seal images
    "issuer": "发文机关", "size_mm": "印章尺寸（毫米）", "pixels": "像素（宽×高）", "bytes": "文件大小（字节）",
    "sha256": "文件校验值（SHA-256）",
}
# Fields whose name means something else on this object type (a ledger item's ``source``).
OBJECT_FIELDS = {
    ("ledger_item", "source"): "问题来源", ("ledger_item", "deadline"): "整改时限",
    ("ledger_item", "task_uid"): "关联任务编号",
    ("project", "code"): "项目编号", ("project", "name"): "项目名称",
    ("project", "task"): "关联任务", ("project", "district"): "所在辖市区",
    ("supervision_item", "kind"): "方式", ("supervision_item", "content"): "内容",
}

# Coded values of a field, per object type (a unit's ``kind`` is not a grant's ``kind``).
VALUES = {
    ("user", "role"): ROLE_LABELS, ("user", "reason"): REFUSAL_REASONS,
    ("client_ip", "endpoint"): CREDENTIAL_ENDPOINTS, ("unit", "kind"): UNIT_KINDS,
    ("ledger_item", "state"): LEDGER_STATES, ("ledger_item", "source"): LEDGER_SOURCES,
    ("ledger_item", "stage"): LEDGER_STAGES, ("supervision_item", "state"): SUPERVISION_STATES,
    ("supervision_item", "kind"): SUPERVISION_KINDS, ("progress_report", "state"): REPORT_STATES,
    ("plan_version", "status"): VERSION_STATUS_LABELS, ("status_settings", "pace_mode"): PACE_MODES,
}


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
        return f"下发督办事项：{SUPERVISION_KINDS[rest]}"
    if area == "supervision" and rest in SUPERVISION_MOVES:
        return f"督办事项：{SUPERVISION_MOVES[rest]}"
    if area == "assessment":
        kind, _, removed = rest.partition(".")
        if kind in GRANT_LABELS and removed in ("", "removed"):
            return f"{'撤销' if removed else '认定'}{GRANT_LABELS[kind]}"
    return None


def action_label(code: str) -> str:
    """The Chinese name of an audit action code, or the code itself when unknown."""
    area, _, rest = code.partition(".")
    return ACTIONS.get(code) or _composed(area, rest) or code


def is_event(code: str) -> bool:
    """Whether the entry of ``code`` records an event's details rather than a change."""
    return code.startswith(EVENT_PREFIXES)


def object_label(object_type: str) -> str:
    """The Chinese name of an audited object type, or the type itself when unknown."""
    return OBJECT_TYPES.get(object_type, object_type)


def field_label(name: str, object_type: str = "") -> str:
    """The Chinese name of a snapshot field (of ``object_type`` when it has its own), or the
    field name itself when unknown."""
    return OBJECT_FIELDS.get((object_type, name)) or FIELDS.get(name, name)


def value_label(object_type: str, field: str, value):
    """A coded value in Chinese (``assigned`` → 已交办, true → 是, a list of names joined with 、);
    other values unchanged."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "、".join(value) if value else "（无）"
    labels = VALUES.get((object_type, field), {})
    return labels.get(value, value) if isinstance(value, str) else value


def actor_label(actor: str) -> str:
    """The system actor's Chinese name; user names are shown as they are."""
    return ACTORS.get(actor, actor)
