"""``ecoplan subplans remind``: the sub-plan measures' reminders due today, as
``ecoplan progress remind`` makes the targets' (for cron, or to act as of another date; the
server makes them by itself once a day)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ecoplan.app.progress.cli import run_reminders
from ecoplan.app.setup import DATA_DIR
from ecoplan.app.subplans import reminders


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
    def summary(session, today, smtp) -> dict:
        made = reminders.run(session, today=today, smtp=smtp)
        return {"notices": len(made), "emailed": sum(len(n.emailed_to) for n in made)}

    run_reminders(data_dir, day, summary)
