"""Logging in and out, users and roles."""

from ecoplan.app.auth import views
from ecoplan.app.auth.demo import create_accounts
from ecoplan.app.permissions import ROLE_LABELS
from ecoplan.app.core.manifest import AuditLabels, Manifest

REFUSAL_REASONS = {"unknown_user": "用户名不存在", "inactive": "账户已停用",
                   "locked": "账户已锁定", "wrong_password": "密码错误"}
CREDENTIAL_ENDPOINTS = {"login": "登录", "password": "修改密码"}

MANIFEST = Manifest(
    name="auth",
    routers=(views.router,),
    audit=AuditLabels(
        actions={
            "user.created": "新建用户", "user.updated": "修改用户", "user.password_reset": "重置密码",
            "user.unlocked": "解除锁定", "user.locked": "登录失败次数过多，账户锁定",
            "user.password_changed": "修改密码",
            "auth.login": "登录", "auth.logout": "退出登录", "auth.login_failed": "登录失败",
            "auth.password_change_failed": "修改密码失败（当前密码错误）",
            "auth.rate_limited": "尝试次数过多，暂停受理（限流）"},
        objects={"user": "用户", "client_ip": "客户端 IP"},
        fields={"username": "用户名", "display_name": "姓名", "role": "角色", "unit": "单位",
                "active": "启用", "reason": "原因", "user_agent": "浏览器标识（User-Agent）",
                "endpoint": "入口", "retry_after": "需等待（秒）"},
        values={("user", "role"): ROLE_LABELS, ("user", "reason"): REFUSAL_REASONS,
                ("client_ip", "endpoint"): CREDENTIAL_ENDPOINTS}),
    demo_steps=(create_accounts,),
)
