"""The Changzhou demo: units from the gazetteer and one account per role (clearly demo ones).

``build_demo`` runs the ``STEPS`` in order in one transaction; every step is idempotent, so
running the demo twice changes nothing. Features append their own steps (e.g. publishing the
seed plan).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.auth.models import User
from ecoplan.app.auth.users import create_user
from ecoplan.app.units.models import Unit
from ecoplan.app.units.service import load_gazetteer_units
from ecoplan.plan.gazetteer import load_gazetteer


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
)


@dataclass
class DemoReport:
    """What a demo run did, printed by ``ecoplan demo``."""

    lines: list[str] = field(default_factory=list)
    accounts: tuple[DemoAccount, ...] = ACCOUNTS
    data_dir: Path | None = None
    """Where the demo's files go (monitoring data); steps needing files skip without it."""


def load_units(session: Session, report: DemoReport) -> None:
    created, updated = load_gazetteer_units(session, load_gazetteer())
    report.lines.append(f"单位：新增 {created} 个，补充别名 {updated} 个")


def create_accounts(session: Session, report: DemoReport) -> None:
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


# "module:function(session, report)" run in this order.
STEPS = [
    "ecoplan.demo.build:load_units",
    "ecoplan.demo.build:create_accounts",
    "ecoplan.app.plans.demo:publish_seed_plan",
    "ecoplan.app.ledger.demo:load_demo_ledger",
    "ecoplan.app.projects.demo:load_demo_projects",
    "ecoplan.app.status.demo:load_monitoring",
    "ecoplan.app.progress.demo:load_demo_reports",
]


def build_demo(session: Session, data_dir: Path | None = None) -> DemoReport:
    report = DemoReport(data_dir=data_dir)
    for spec in STEPS:
        module, _, attr = spec.partition(":")
        getattr(importlib.import_module(module), attr)(session, report)
    return report
