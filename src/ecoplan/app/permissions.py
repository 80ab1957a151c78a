"""The one permission policy, used by pages and API alike.

Every route declares the action it performs with ``Depends(require("action"))`` (as a route
dependency or a parameter). ``POLICY`` says which roles may perform each action; ``anonymous``
is a visitor who has not logged in. Rules that depend on the object (a reporter edits only
their own unit's items) go in ``OBJECT_RULES`` and are checked in the endpoint or the workflow
with :func:`ensure` / :func:`can` once the object is loaded. ``docs/permissions.md`` is generated from this module
(``python -m ecoplan.app.permdoc``) and a test walks every route × every role against it.
"""

from __future__ import annotations

from typing import Callable

from fastapi import Request

from ecoplan.app.core.choices import Choices


class UserRole(Choices):
    """The roles a user has (one each); the policy below says what each may do."""

    ADMIN = "admin", "管理员（生态文明建设办公室）"
    REPORTER = "reporter", "单位填报员"
    LEADER = "leader", "单位负责人"
    DISTRICT = "district", "辖市区用户"
    VIEWER = "viewer", "查阅用户"
    MONITORING = "monitoring", "监测数据员（仅导入监测数据）"


ROLES, ROLE_LABELS = UserRole.values(), UserRole.labels()

ANONYMOUS = "anonymous"
EVERYONE = frozenset((*ROLES, ANONYMOUS))
LOGGED_IN = frozenset(ROLES)
MONITORING = frozenset({"monitoring"})
"""The monitoring station's or the office's data clerk: imports monitoring data and sees the
intake (history, completeness), nothing of the plan, the reports or the people."""
STAFF = LOGGED_IN - MONITORING
"""Everyone logged in who works on the plan (what "logged in" meant before the clerk)."""
ADMIN = frozenset({"admin"})

# action → roles allowed (before any object rule). Add new actions here, with a description.
POLICY: dict[str, frozenset[str]] = {
    "public": EVERYONE,
    "account": LOGGED_IN,
    "units.view": STAFF,
    "admin.users": ADMIN,
    "admin.units": ADMIN,
    "admin.audit": ADMIN,
    "admin.seals": ADMIN,
    "admin.webhooks": ADMIN,
    "plans.view": STAFF,
    "plans.edit": ADMIN,
    "progress.view": STAFF,
    "progress.report": frozenset({"reporter", "leader", "district"}),
    "progress.approve": frozenset({"leader", "district"}),
    "progress.return": frozenset({"admin", "leader", "district"}),
    "progress.review": ADMIN,
    "ledger.view": STAFF,
    "ledger.act": frozenset({"admin", "reporter", "leader", "district"}),
    "ledger.manage": ADMIN,
    "supervision.manage": ADMIN,
    "supervision.view": frozenset({"admin", "reporter", "leader", "district"}),
    "supervision.handle": frozenset({"reporter", "leader", "district"}),
    "projects.view": STAFF,
    "projects.manage": ADMIN,
    "assessment.view": ADMIN,
    "assessment.manage": ADMIN,
    "status.view": STAFF,
    "status.settings": ADMIN,
    "obligations.manage": ADMIN,
    # The circular goes out under the 生态环境局's 发文字号, so only the office drafts it (as the
    # quarterly circular); a unit head (leader) of any unit must not issue in the bureau's name.
    # Everyone logged in reads the same figures on /status/monitoring.
    "documents.air": ADMIN,
    "monitoring.import": ADMIN | MONITORING,
    "monitoring.completeness": LOGGED_IN,
    "feedback.view": frozenset({"admin", "reporter", "leader", "district"}),
    "feedback.manage": ADMIN,
    "feedback.handle": frozenset({"reporter", "leader", "district"}),
    "surveys.manage": ADMIN,
    "subplans.view": STAFF,
    "subplans.manage": frozenset({"admin", "reporter", "leader", "district"}),
    "subplans.coverage": frozenset({"admin", "viewer"}),
    "subplans.reopen": ADMIN,
    "subplans.report": frozenset({"reporter", "leader", "district"}),
    "subplans.approve": frozenset({"leader", "district"}),
    "projects.report": frozenset({"reporter", "leader", "district"}),
    "projects.approve": frozenset({"leader", "district"}),
    "meetings.manage": ADMIN,
    "meetings.accountability": ADMIN,
    "letters.view": STAFF,
    "letters.manage": ADMIN,
    "letters.sign": frozenset({"admin", "reporter", "leader", "district"}),
    "annualreports.view": frozenset({"admin", "viewer", "district"}),
    "funding.view": STAFF,
    "funding.manage": ADMIN,
    "annualreports.draft": frozenset({"admin", "district"}),
    "annualreports.edit": frozenset({"district"}),
    # A district's own office account (辖市区用户) runs its towns and departments, as the office
    # runs the city's units; a unit head (leader) of the district does not (it approves reports).
    "district.units": frozenset({"district"}),
    "district.users": frozenset({"district"}),
}

DESCRIPTIONS: dict[str, str] = {
    "public": "公开页面与登录（无需登录）",
    "account": "本人账户：修改密码、退出登录、查看本人信息",
    "units.view": "查看单位名录",
    "admin.users": "管理用户（新建、修改角色与单位、重置密码、解锁）",
    "admin.units": "管理单位（新建、修改名称、类型与别名、从名录导入）",
    "admin.audit": "查看操作日志",
    "admin.webhooks": "配置企业微信、钉钉群机器人，查看推送失败并重试",
    "admin.seals": "管理电子印章：按发文机关上传、替换、删除印章图片（通报“加盖电子印章”时使用）",
    "plans.view": "查看已发布的工作方案：方案、任务、单位职责、辖市区页面及其 API",
    "plans.edit": "上传方案文件、核对与修改草稿、发布新版本",
    "progress.view": "查看进展报告与佐证材料：本单位的；牵头单位看配合单位的；生态办与查阅用户看已审核的",
    "progress.report": "填写、保存、提交本单位的进展报告，上传佐证材料，Excel 模板下载与导入",
    "progress.approve": "单位负责人审核本单位提交的报告",
    "progress.return": "退回报告并填写意见：单位负责人退回待审核的，生态办退回已审核的",
    "progress.review": "生态办：查看已审核报告与未报送单位，发送提醒，设置报送日历",
    "ledger.view": "查看整改台账、事项详情与导出",
    "ledger.act": "推进整改事项（开始整改、申请销号）；仅限本单位或本辖市区的事项",
    "ledger.manage": "新建与导入整改事项，同意销号、退回、回头看",
    "supervision.manage": "督查、通报、交办、约谈、督办、媒体曝光：查看建议，下发事项，办结或退回，答复延期申请，催办",
    "supervision.view": "查看督办事项及其文书：生态办看全部；单位只看交给本单位的",
    "supervision.handle": "办理交给本单位的督办事项：签收、反馈办理情况（附佐证材料）、申请延期",
    "projects.view": "查看重点工程项目台账、项目页面、汇总与导出：单位看本单位的，辖市区看本辖区的，生态办与查阅用户看全部",
    "projects.manage": "生态办：下载模板、导入重点工程项目台账（逐格校验，全部导入或全部不导入）",
    "assessment.view": "季度点评与年度综合考评：得分、排名、等次及扣分说明，生成通报",
    "assessment.manage": "登记年度考评的加分项与一票否决项",
    "status.view": "查看进度状态：全市总览、目标页面、监测排名及其 API（含状态依据）",
    "status.settings": "设置状态阈值、序时进度计算方式与评估日期",
    "obligations.manage": "核对与修改报送责任：每个目标的数据来源、报送单位、分解额度与汇总方式、频次",
    "documents.air": "生成月度环境空气质量状况通报（Word、Excel、打印预览）",
    "monitoring.import": "监测数据导入（生态办与监测数据员）：上传文件、预览、确认导入、撤销最近一次导入、导入记录、列对应关系",
    "monitoring.completeness": "查看监测数据完整性（每月各站点有效小时/天数、断面采样次数）及其 API",
    "feedback.view": "查看公众举报：生态办看全部（含举报人联系方式）；单位只看交给本单位的",
    "feedback.manage": "受理公众举报：交办、认定重复、转交、标记无效信息，审核并公开答复，答复延期申请",
    "feedback.handle": "办理交给本单位的公众举报：开始办理、答复办理情况、申请延期",
    "surveys.manage": "满意度与参与度调查：设计问卷、开放与结束调查、查看分辖市区结果",
    "subplans.view": "查看辖市区、部门的年度工作计划和措施清单（子计划）：单位看本单位的，生态办与查阅用户看全部",
    "subplans.manage": "上传或在线填写本单位的子计划，确认措施与全市任务、目标的关联，发布，填报措施进展",
    "subplans.coverage": "查看子计划覆盖情况：没有辖市区措施的全市任务、没有子计划的辖市区",
    "subplans.reopen": "生态办：将已发布的子计划退回草稿",
    "subplans.report": "填报子计划措施进展：措施写明的辖区部门、镇街（有账号的单位），未写明的由子计划所属单位填报，提交所属单位审核",
    "subplans.approve": "子计划所属单位（辖市区）负责人审核或退回措施进展；审核通过后更新措施状态",
    "projects.report": "填写、提交本单位负责的重点工程项目月报（累计完成投资、达到的节点）",
    "projects.approve": "单位负责人审核或退回本单位项目月报；审核通过后更新项目台账",
    "meetings.manage": "生态办：记录专题会议、调度会和帮扶指导，议定事项交办责任单位（进入督查督办）",
    "meetings.accountability": "生态办：记录和查看追责情况（关联起因督办事项，仅生态办可见）",
    "letters.view": "查看目标责任书及其 Word 文件、签订件：单位看本单位的，生态办与查阅用户看全部",
    "letters.manage": "生态办：按报送责任拟定目标责任书、下达（发文字号）、退回签订件",
    "letters.sign": "上传本单位已签订的目标责任书（PDF、图片或 Word）",
    "funding.view": "查看各任务、目标按资金来源的资金安排（计划、已支出）及其汇总、导出",
    "funding.manage": "生态办：填写各任务、目标按资金来源的计划金额和已支出金额",
    "annualreports.view": "查看辖市区年度工作情况报告及其 Word 文件：辖市区看本辖市区的，生态办与查阅用户看全部",
    "annualreports.draft": "按平台数据生成（或重新汇总）辖市区年度工作情况报告：生态办为任一辖市区，辖市区为本辖市区",
    "annualreports.edit": "辖市区修改本辖市区年度工作情况报告的正文、发文字号和签发人",
    "district.units": "辖市区用户：新建、改名、撤销或恢复本辖市区的镇（街道）和区级部门；在子计划中把措施写明的责任单位对应到本辖区单位或新建",
    "district.users": "辖市区用户：为本辖市区的镇（街道）、区级部门开设单位填报员和单位负责人账号，修改、停用、重置密码",
}


OFFICE_ROLES = ("admin", "viewer")
"""The office and read-only users: they see progress reports once approved, whatever unit
their account belongs to, and never change a unit's report."""
UNIT_ROLES = ("reporter", "leader", "district")


def unit_name(user) -> str | None:
    """The name of the user's unit (an :class:`~ecoplan.app.core.actor.Actor` or a user)."""
    if hasattr(user, "unit_name"):
        return user.unit_name
    unit = getattr(user, "unit", None)
    return unit.name if unit is not None else None


def same_unit(user, obj) -> bool:
    """The object belongs to the user's own unit (``obj.unit_id``); the office passes."""
    if user.role == "admin":
        return True
    return user.unit_id is not None and getattr(obj, "unit_id", None) == user.unit_id


def owner_or_district(user, obj) -> bool:
    """The office and viewers (查阅) see every object; a district user those in its district
    (``obj.district``) or owned by it; any other unit the objects it owns (``obj.owner``)."""
    if user.role in OFFICE_ROLES:
        return True
    name = unit_name(user)
    if name is None:
        return False
    if user.role == "district":
        return name in (obj.district, obj.owner)
    return obj.owner == name


def owns(user, obj) -> bool:
    """The object (a project, a project report) is owned by the user's unit (``obj.owner``);
    the office does not pass (it reports for no project)."""
    name = unit_name(user)
    return name is not None and user.role in UNIT_ROLES and obj.owner == name


def own_unit_or_viewer(user, obj) -> bool:
    """The office and viewers see every object (a sub-plan, a letter); anyone else the objects
    of their own unit (``obj.unit_id``)."""
    return user.role in OFFICE_ROLES or (user.unit_id is not None
                                         and getattr(obj, "unit_id", None) == user.unit_id)


def responsible_unit(user, item) -> bool:
    """A ledger item (``item.units``: responsible unit names, ``item.district``): the office,
    or a unit user whose unit is one of the responsible units or the item's district."""
    if user.role == "admin":
        return True
    name = unit_name(user)
    return (name is not None and user.role in UNIT_ROLES
            and (name in item.units or name == item.district))


def district_unit(user, unit) -> bool:
    """A town or department of the user's district (``unit.parent_id``): only its district's
    own users pass (the office manages units on its own pages)."""
    return (user.role == "district" and user.unit_id is not None
            and getattr(unit, "parent_id", None) == user.unit_id)


def district_user(user, person) -> bool:
    """An account of a unit of the user's district (never the district's own accounts)."""
    return district_unit(user, getattr(person, "unit", None))


def office_sees(report) -> bool:
    """A progress report approved by its unit leader and not back in the unit's hands since:
    approved, or returned by the office (a resubmitted report waits for its leader again)."""
    return report.approved_at is not None and report.state in ("approved", "returned")


def own_report(user, report) -> bool:
    """The progress report is the user's own unit's (the office's own unit does not count)."""
    return (user.role not in OFFICE_ROLES and user.unit_id is not None
            and user.unit_id == report.unit_id)


def report_reader(user, report) -> bool:
    """Who sees a progress report: the office and viewers once approved (``office_sees``); its
    own unit; the unit leading the task it reports on (``report.led_by(unit_id)``)."""
    if user.role in OFFICE_ROLES:
        return office_sees(report)
    return own_report(user, report) or (user.unit_id is not None and report.led_by(user.unit_id))


def report_returner(user, report) -> bool:
    """The office returns reports it sees (approved); a unit leader its own unit's."""
    return office_sees(report) if user.role == "admin" else own_report(user, report)


# action → rule on (user, obj), applied to every logged-in user when an object is given (each
# rule says whether the office passes). The one table of who may act on which object.
OBJECT_RULES: dict[str, Callable[[object, object], bool]] = {
    "progress.view": report_reader,
    "progress.report": own_report,
    "progress.approve": own_report,
    "progress.return": report_returner,
    "ledger.act": responsible_unit,
    "projects.view": owner_or_district,
    "subplans.view": own_unit_or_viewer,
    "subplans.manage": same_unit,
    "subplans.approve": same_unit,
    "projects.report": owns,
    "projects.approve": owns,
    "letters.view": own_unit_or_viewer,
    "letters.sign": same_unit,
    "annualreports.view": own_unit_or_viewer,
    "annualreports.draft": same_unit,
    "annualreports.edit": same_unit,
    "supervision.view": same_unit,
    "supervision.handle": same_unit,
    "feedback.view": same_unit,
    "feedback.handle": same_unit,
    "district.units": district_unit,
    "district.users": district_user,
}


def role_of(user) -> str:
    return ANONYMOUS if user is None else user.role


def can(user, action: str, obj=None) -> bool:
    """May ``user`` (None: anonymous) perform ``action`` (on ``obj``, when given)?"""
    if action not in POLICY:
        raise KeyError(f"unknown action {action!r}: add it to ecoplan.app.permissions.POLICY")
    if role_of(user) not in POLICY[action]:
        return False
    if obj is None or user is None:
        return True
    rule = OBJECT_RULES.get(action)
    return rule is None or rule(user, obj)


class LoginRequired(Exception):
    """An anonymous visitor asked for something that needs a login (page: redirect; API: 401)."""


class Forbidden(Exception):
    """A logged-in user asked for something their role or unit may not do (403).

    ``scope`` is "route" (the role may not do the action at all) or "object" (not on this
    object); the response carries it in ``X-Ecoplan-Refused``.
    """

    def __init__(self, message: str = "您没有权限执行此操作", *, scope: str = "route") -> None:
        super().__init__(message)
        self.message = message
        self.scope = scope


def ensure(user, action: str, obj=None) -> None:
    """Raise :class:`LoginRequired` or :class:`Forbidden` unless ``can(user, action, obj)``."""
    if can(user, action, obj):
        return
    if user is None:
        raise LoginRequired()
    raise Forbidden(scope="route" if obj is None else "object")


def require(action: str):
    """A FastAPI dependency that refuses the request unless the current user may ``action``.

    It returns the current user (None for anonymous on public actions). The action is kept
    on the dependency (``.action``) so tests and docs can find what each route declares.
    """
    if action not in POLICY:
        raise KeyError(f"unknown action {action!r}: add it to ecoplan.app.permissions.POLICY")

    def dependency(request: Request):
        user = getattr(request.state, "user", None)
        ensure(user, action)
        return user

    dependency.action = action
    dependency.__name__ = f"require_{action.replace('.', '_')}"
    return dependency


def route_actions(route) -> list[str]:
    """The actions a FastAPI route declares through :func:`require` (searched recursively)."""
    found: list[str] = []
    stack = [route.dependant] if getattr(route, "dependant", None) is not None else []
    while stack:
        dep = stack.pop()
        action = getattr(dep.call, "action", None)
        if action is not None:
            found.append(action)
        stack.extend(dep.dependencies)
    return found
