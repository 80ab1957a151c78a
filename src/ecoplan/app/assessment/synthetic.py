"""Which inputs of a review are synthetic (合成数据), so its page and circular say so.

The demo marks what it invents: monitoring rows carry a ``synthetic`` flag (the monitoring
source answers :meth:`synthetic`), progress reports' texts say （演示数据）, the ledger's demo
batch is 演示数据, and the obligations it fills in (owners and district quotas) carry a note
starting with 演示数据.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.ledger.models import LedgerItem
from ecoplan.app.obligations.models import ObligationRow
from ecoplan.app.progress.models import ProgressReport

MARK = "演示数据"


def _any(session: Session, query) -> bool:
    return session.scalar(query.limit(1)) is not None


def synthetic_parts(session: Session, source, *, start: dt.date, end: dt.date) -> list[str]:
    """The kinds of input that are synthetic, in the order a note lists them."""
    parts = []
    asks = getattr(source, "synthetic", None)
    if asks is not None and asks(start=start, end=end):
        parts.append("监测数据")
    if _any(session, select(ProgressReport.id).where(ProgressReport.narrative.contains(MARK))):
        parts.append("进展报告")
    if _any(session, select(ObligationRow.id).where(ObligationRow.note.startswith(MARK))):
        parts.append("报送责任和分解额度")
    if _any(session, select(LedgerItem.id).where(LedgerItem.batch == MARK)):
        parts.append("整改台账")
    return parts
