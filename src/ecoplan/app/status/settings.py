"""Reading and saving the status settings (keyword-only, take the session, never commit)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.audit.service import save_settings
from ecoplan.app.forms import check_fresh
from ecoplan.app.status.models import StatusSettings
from ecoplan.app.status.pace import PACE_MODES
from ecoplan.app.status.status import Thresholds
from ecoplan.errors import InputError

EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2099, 12, 31)
"""The evaluation days accepted (a plan of this century; ``0001-01-01`` breaks date arithmetic)."""
DEFAULTS = {"lag_points": 10.0, "severe_points": 25.0, "pace_mode": "milestones", "as_of": None,
            "version": 1}


def current(session: Session) -> StatusSettings:
    """The stored settings, or the defaults until the office saves some."""
    found = session.scalars(select(StatusSettings).order_by(StatusSettings.id)).first()
    return found or StatusSettings(**DEFAULTS)


def thresholds(row: StatusSettings) -> Thresholds:
    return Thresholds(lag_points=row.lag_points, severe_points=row.severe_points)


def as_of(row: StatusSettings, *, year: int, today: dt.date) -> dt.date:
    """The evaluation day: the stored one, else today kept within the plan's year."""
    if row.as_of is not None:
        return row.as_of
    return min(max(today, dt.date(year, 1, 1)), dt.date(year, 12, 31))


def parse(form: dict) -> dict:
    """Validated values from the settings form (errors name the field)."""
    values = {}
    for name, label in (("lag_points", "滞后阈值"), ("severe_points", "严重滞后阈值")):
        try:
            values[name] = float(str(form.get(name, "")).strip())
        except ValueError:
            raise InputError(f"「{form.get(name, '')}」不是数字", field=label) from None
        if not 0 <= values[name] <= 100:
            raise InputError("应在 0 到 100 个百分点之间", field=label)
    if values["severe_points"] < values["lag_points"]:
        raise InputError("严重滞后阈值不能小于滞后阈值", field="严重滞后阈值")
    if form.get("pace_mode") not in PACE_MODES:
        raise InputError("请选择序时进度的计算方式", field="序时进度计算方式")
    values["pace_mode"] = form["pace_mode"]
    raw = str(form.get("as_of") or "").strip()
    try:
        values["as_of"] = dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        raise InputError(f"「{raw}」不是日期（如 2023-07-10）", field="评估日期") from None
    if values["as_of"] is not None and not EARLIEST <= values["as_of"] <= LATEST:
        raise InputError(f"应在 {EARLIEST} 到 {LATEST} 之间", field="评估日期")
    return values


def update(session: Session, *, actor, values: dict, version) -> StatusSettings:
    row = current(session)
    check_fresh(row, version, what="状态设置")
    return save_settings(session, row, actor=actor, values=values,
                         action="status.settings.update", object_type="status_settings")
