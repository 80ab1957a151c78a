"""Robot pushes that failed are retried in the background with a doubling back-off and a bounded
number of tries, once across processes (a leased job); 加签 secrets are stored encrypted
(issue 16 item 4)."""

from __future__ import annotations

import datetime as dt
import stat

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select, text

from ecoplan import secretbox
from ecoplan.app.core.clock import as_utc
from ecoplan.app.db import unit_of_work
from ecoplan.app.workbench.webhook_retry import WebhookRetries
from ecoplan.app.workbench.webhooks import MAX_ATTEMPTS, Webhook, WebhookDelivery
from ecoplan.config import Settings
from test_webhooks import Receiver, receiver  # noqa: F401 (the local HTTP receiver fixture)

T0 = dt.datetime(2023, 7, 10, 1, 0, tzinfo=dt.timezone.utc)


def test_secrets_are_sealed_and_opened(tmp_path):
    settings = Settings(data_dir=tmp_path)
    stored = secretbox.seal("SECabc", settings)
    assert stored.startswith("fernet:") and "SECabc" not in stored
    assert secretbox.unseal(stored, settings) == "SECabc" and secretbox.seal("", settings) == ""
    key_file = tmp_path / "secret.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert secretbox.unseal("plain-before-0020", settings) == "plain-before-0020"
    other = Settings(data_dir=tmp_path, secret_key=Fernet.generate_key().decode())
    with pytest.raises(secretbox.SecretUnreadable, match="不是加密时的密钥"):
        secretbox.unseal(stored, other)
    assert secretbox.unseal(secretbox.seal("x", other), other) == "x"


def test_stored_secret_is_encrypted_and_still_signs(login_as, db, settings, receiver):  # noqa: F811
    admin = login_as("admin")
    admin.post("/admin/webhooks", data={"format": "dingtalk", "url": f"{receiver}/ding?access_token=t",
                                        "secret": "SECabc"})
    with unit_of_work(db) as s:
        stored = s.scalar(select(Webhook.secret))
        raw = s.execute(text("SELECT secret FROM webhooks")).scalar()
    assert raw == stored and stored.startswith("fernet:") and "SECabc" not in stored
    assert (settings.data_dir / "secret.key").is_file()
    admin.post("/api/supervision/items", json={"kind": "交办", "units": ["武进区"], "title": "交办：排口"})
    assert len(Receiver.received) == 1 and "sign=" in Receiver.received[0][0]


def _failed_push(login_as, clock, receiver, answer):  # noqa: F811
    """At T0, one robot of the office answering ``answer`` and an item issued: one push failed."""
    clock(T0)
    admin = login_as("admin")
    admin.post("/admin/webhooks", data={"format": "wecom", "url": f"{receiver}/wecom?key=k"})
    Receiver.answer = answer
    admin.post("/api/supervision/items", json={"kind": "督办", "units": ["武进区"], "title": "督办：扬尘"})
    return admin


def test_backoff_doubles_and_attempts_are_bounded(login_as, db, clock, receiver):  # noqa: F811
    admin = _failed_push(login_as, clock, receiver, {"errcode": 93000, "errmsg": "invalid webhook url"})
    job = WebhookRetries(db, every_s=3600)
    waits, last = [], T0
    for tries in range(1, MAX_ATTEMPTS):
        with unit_of_work(db) as s:
            delivery = s.scalars(select(WebhookDelivery)).one()
            assert (delivery.status, delivery.attempts) == ("failed", tries)
            due = as_utc(delivery.next_attempt_at)
        waits.append((due - last).total_seconds() / 60)
        clock(due - dt.timedelta(seconds=1))
        assert job.run_due() == (0, 0)  # not yet due: nothing tried
        clock(due)
        assert job.run_due() == (0, 1)
        last = due
    assert waits == [1, 2, 4, 8, 16]
    with unit_of_work(db) as s:
        delivery = s.scalars(select(WebhookDelivery)).one()
        assert (delivery.attempts, delivery.next_attempt_at) == (MAX_ATTEMPTS, None)
    clock(due + dt.timedelta(days=1))
    assert job.run_due() == (0, 0)  # out of tries: stays failed, shown to the admin
    page = login_as("admin").get("/admin/webhooks").text  # a new session: a day has passed
    assert "已停止重试" in page and "失败 1 条" in page
    assert len(Receiver.received) == MAX_ATTEMPTS


def test_background_retry_delivers_once_the_receiver_is_back(login_as, db, clock, receiver):  # noqa: F811
    admin = _failed_push(login_as, clock, receiver, {"errcode": 500, "errmsg": "busy"})
    assert "自动重试" in admin.get("/admin/webhooks").text
    Receiver.answer = {"errcode": 0}
    clock(T0 + dt.timedelta(minutes=1))
    other_process = WebhookRetries(db, every_s=3600)
    other_process.holder = "another-host:1"
    assert WebhookRetries(db, every_s=3600).run_due() == (1, 0)
    assert other_process.run_due() is None  # the lease is held: one process does the work
    with unit_of_work(db) as s:
        delivery = s.scalars(select(WebhookDelivery)).one()
        assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("sent", 2, None)
