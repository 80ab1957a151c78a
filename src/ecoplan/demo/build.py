"""The Changzhou demo: every feature's demo steps (``Manifest.demo_steps``), bottom layer first,
in one transaction: units from the gazetteer, one account per role (clearly demo ones), the seed
plan, the ledger, monitoring data, progress reports. Every step is idempotent, so running the
demo twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from ecoplan.app.auth.demo import ACCOUNTS, DemoAccount
from ecoplan.app.features import FEATURES

__all__ = ["ACCOUNTS", "DemoAccount", "DemoReport", "build_demo"]


@dataclass
class DemoReport:
    """What a demo run did, printed by ``ecoplan demo``."""

    lines: list[str] = field(default_factory=list)
    accounts: tuple[DemoAccount, ...] = ACCOUNTS
    data_dir: Path | None = None
    """Where the demo's files go (monitoring data); steps needing files skip without it."""


def build_demo(session: Session, data_dir: Path | None = None) -> DemoReport:
    report = DemoReport(data_dir=data_dir)
    for step in (s for feature in FEATURES for s in feature.demo_steps):
        step(session, report)
    return report
