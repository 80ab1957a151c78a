"""``ecoplan progress remind``: make the reminders due today (run it daily, e.g. from cron)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from ecoplan.app.core import clock
from ecoplan.app.db import unit_of_work
from ecoplan.app.versions import make_sessionmaker
from ecoplan.app.progress import mail, reminders
from ecoplan.app.setup import DATA_DIR, prepare_database
from ecoplan.config import Settings


@click.group()
def progress() -> None:
    """进展报送。"""


@progress.command("remind")
@DATA_DIR
@click.option("--today", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="按此日期执行（YYYY-MM-DD）；默认北京时间今天。")
def remind(data_dir: Path | None, day: dt.datetime | None) -> None:
    """提醒即将到期和逾期未报的单位（站内通知，配置邮件时同时发邮件）。

    设置 ECOPLAN_SMTP_HOST 时发邮件。以 JSON 输出汇总；同一天运行两次不会重复提醒。"""
    def summary(session, today, smtp) -> dict:
        result = reminders.run(session, today=today, smtp=smtp)
        return {"notices": len(result.notices), "emailed": len(result.emailed),
                "error": result.error}

    run_reminders(data_dir, day, summary)


def run_reminders(data_dir: Path | None, day: dt.datetime | None, job) -> None:
    """A reminder command's body: ``job(session, today, smtp)`` in one unit of work on the
    data dir's database, as of ``day`` (default the evaluation day); its summary printed as
    JSON."""
    settings = Settings.from_env(data_dir)
    engine = prepare_database(settings)
    with unit_of_work(make_sessionmaker(engine, settings)) as session:
        summary = job(session, day.date() if day else clock.evaluation_day(session),
                      mail.SmtpSettings.from_env())
    engine.dispose()
    click.echo(json.dumps(summary, ensure_ascii=False))
