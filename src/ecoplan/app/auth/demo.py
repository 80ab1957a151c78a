"""Demo step: one account per role (clearly demo ones)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.auth.models import User
from ecoplan.app.auth.users import create_user
from ecoplan.app.units.models import Unit


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    display_name: str
    unit: str | None


# Demo only: these passwords are printed by `ecoplan demo` and must never reach production.
ACCOUNTS = (
    DemoAccount("admin", "demo-admin-2023", "admin", "生态办管理员（演示）", "市生态环境局"),
    DemoAccount("reporter", "demo-reporter-2023", "reporter", "生态环境局填报员（演示）", "市生态环境局"),
    DemoAccount("leader", "demo-leader-2023", "leader", "生态环境局负责人（演示）", "市生态环境局"),
    DemoAccount("district", "demo-district-2023", "district", "武进区用户（演示）", "武进区"),
    DemoAccount("viewer", "demo-viewer-2023", "viewer", "查阅用户（演示）", None),
    DemoAccount("monitoring", "demo-monitoring-2023", "monitoring", "监测数据员（演示）", "市生态环境局"),
)


def create_accounts(session: Session, report) -> None:
    created = 0
    for account in ACCOUNTS:
        if session.scalar(select(User.id).where(User.username == account.username)):
            continue
        unit_id = (session.scalar(select(Unit.id).where(Unit.name == account.unit))
                   if account.unit else None)
        create_user(session, actor=None, username=account.username,
                    display_name=account.display_name, password=account.password,
                    role=account.role, unit_id=unit_id)
        created += 1
    report.lines.append(f"演示账户：新增 {created} 个，共 {len(ACCOUNTS)} 个")
