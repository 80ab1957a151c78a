"""Migration 0020_office on a database with the seed plan (issue 16 items 4 and 6): target names
written "劣V类" before extraction normalised them get the standard's spelling, and robot
secrets kept in plain text are encrypted; running it twice changes nothing more."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import select, text

from ecoplan import secretbox
from ecoplan.app.db import unit_of_work
from ecoplan.app.migrate import _config, migrating, upgrade
from ecoplan.app.plans.demo import publish_seed_plan
from ecoplan.app.plans.models import Target
from ecoplan.app.units.service import load_gazetteer_units
from ecoplan.demo.build import DemoReport
from ecoplan.plan.gazetteer import load_gazetteer

HOOK = ("INSERT INTO webhooks (unit_id, format, url, secret, active, created_at) "
        "VALUES (NULL, 'dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=t', "
        ":secret, :active, :at)")


def _names(session) -> list[str]:
    return [f"{t.scope}{t.metric}" for t in session.scalars(select(Target))]


def test_seed_names_and_plain_secrets_are_fixed(db, settings):
    with unit_of_work(db) as s:
        load_gazetteer_units(s, load_gazetteer())
        publish_seed_plan(s, DemoReport())
        names = _names(s)
    # extraction writes the seed's "消除劣V类" with the standard's numeral
    assert names.count("劣Ⅴ类") == 2 and not [n for n in names if "V类" in n]
    engine = db.kw["bind"]
    with migrating(engine) as conn:
        command.downgrade(_config(conn), "0019_public")
        old = conn.execute(text("UPDATE plan_targets SET metric = REPLACE(metric, 'Ⅴ', 'V') "
                                "WHERE metric LIKE '%劣Ⅴ%'")).rowcount
        conn.execute(text(HOOK), {"secret": "SECplain", "active": True,
                                  "at": dt.datetime(2023, 7, 1, tzinfo=dt.timezone.utc)})
    assert old == 2
    upgrade(engine, settings=settings)
    upgrade(engine, settings=settings)  # at head: nothing runs twice
    with unit_of_work(db) as s:
        assert sorted(_names(s)) == sorted(names)
        stored = s.execute(text("SELECT secret FROM webhooks")).scalar()
    assert stored.startswith("fernet:") and secretbox.unseal(stored, settings) == "SECplain"
