"""``ecoplan subplans remind``: the sub-plan measures' reminders due today, as
``ecoplan progress remind`` makes the targets' (for cron, or to act as of another date; the
server makes them by itself once a day)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from ecoplan.app.core import clock
from ecoplan.app.db import unit_of_work
from ecoplan.app.progress import mail
from ecoplan.app.setup import DATA_DIR, prepare_database
from ecoplan.app.subplans import reminders
from ecoplan.app.versions import make_sessionmaker
from ecoplan.config import Settings


@click.group()
def subplans() -> None:
    """辖市区、部门子计划。"""


@subplans.command("remind")
@DATA_DIR
@click.option("--today", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="按此日期执行（YYYY-MM-DD）；默认评估日期（未设置时为北京时间今天）。")
def remind(data_dir: Path | None, day: dt.datetime | None) -> None:
    """提醒尚未报送子计划措施进展的单位（当月即将到期、上月已到期；站内通知，配置邮件时同时发邮件）。

    设置 ECOPLAN_SMTP_HOST 时发邮件。以 JSON 输出汇总；同一天运行两次不会重复提醒。"""
    settings = Settings.from_env(data_dir)
    engine = prepare_database(settings)
    with unit_of_work(make_sessionmaker(engine, settings)) as session:
        made = reminders.run(session, today=day.date() if day else clock.evaluation_day(session),
                             smtp=mail.SmtpSettings.from_env())
        summary = {"notices": len(made), "emailed": sum(len(n.emailed_to) for n in made)}
    engine.dispose()
    click.echo(json.dumps(summary, ensure_ascii=False))
