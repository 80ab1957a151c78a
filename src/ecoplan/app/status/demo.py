"""Demo step: the Changzhou demo's monitoring data and evaluation day.

The repository has no 2023 Changzhou district/town data, so the demo stores labelled synthetic
data (``ecoplan.monitoring.synthetic``; every page showing it says 合成数据) for 2022 and the
first half of 2023, and evaluates statuses on 2023-07-10 — a year in progress, after the June
reports were due.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from ecoplan.app.status import environment
from ecoplan.app.status import settings as status_settings
from ecoplan.monitoring.synthetic import seed_changzhou

DATA_UNTIL = "2023-06-30"
AS_OF = dt.date(2023, 7, 10)


def load_monitoring(session: Session, report) -> None:
    data_dir = getattr(report, "data_dir", None)
    if data_dir is None:
        report.lines.append("监测数据：未指定数据目录，跳过")
        return
    store = environment.store_for(data_dir)
    if environment.last_data_day(store, 2023) is None:
        counts = seed_changzhou(store, years=(2022, 2023), until=DATA_UNTIL)
        report.lines.append(f"监测数据（合成数据）：{counts['air_hourly']} 条小时数据，"
                            f"{counts['water']} 条水质数据，截至 {DATA_UNTIL}")
    else:
        report.lines.append("监测数据：已有 2023 年数据，未重复加载")
    row = status_settings.current(session)
    if row.id is None and row.as_of is None:
        row.as_of = AS_OF
        session.add(row)
        report.lines.append(f"状态评估日期：{AS_OF.isoformat()}（演示）")
