"""Failed robot pushes retried while the server runs: every worker process runs this thread, only
the holder of the database lease ``webhook-retries`` (:mod:`ecoplan.app.serving.lease`) tries
the pushes whose back-off has passed (:func:`ecoplan.app.workbench.webhooks.retry_failed`), so
a push is never tried twice at once by two processes."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from ecoplan.app.db import unit_of_work
from ecoplan.app.serving import lease
from ecoplan.app.workbench import webhooks

LEASE = "webhook-retries"
CHECK_EVERY_S = 30.0
"""Often enough for the first back-off (one minute), rare enough to cost nothing."""


class WebhookRetries(lease.LeasedJob):
    """Retry the due failed pushes every ``every_s`` seconds until :meth:`stop`."""

    name = LEASE

    def __init__(self, sessions: sessionmaker[Session], *, every_s: float = CHECK_EVERY_S) -> None:
        super().__init__(sessions, every_s=every_s)

    def step(self) -> tuple[int, int]:
        """(sent, still failing) of this pass."""
        with unit_of_work(self._sessions) as session:
            return webhooks.retry_failed(session, due_only=True)
