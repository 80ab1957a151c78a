"""The target's city figure on a unit's report form (a block on page ``progress.form``): what
the whole city stands at now, judged once for every page (:mod:`.figures`), so the reporter
types this period's value next to it."""

from __future__ import annotations

from ecoplan.app.core import clock
from ecoplan.app.permissions import can
from ecoplan.app.status import dashboard, environment


def _find(data: dict, uid: str) -> dict | None:
    """The target's row of the overview: a goal (工作目标) or a task's target."""
    for goal in data["goals"]:
        if goal["uid"] == uid:
            return {"status": goal["status"], "current": goal.get("current"),
                    "unit": goal.get("unit", ""), "as_of": data.get("monitoring_as_of")}
    for task in data["tasks"]:
        for target in task["targets"]:
            if target["uid"] == uid:
                figure = target["status"]["why"].get("figure") or {}
                return {"status": target["status"], "current": figure.get("value"),
                        "unit": "", "as_of": data["as_of"]}
    return None


def city_figure(session, user, subject) -> dict | None:
    """The partial's variables for a target item (None for a task, or when the user may not
    see statuses or no plan is published)."""
    if subject.item.kind != "target" or not can(user, "status.view"):
        return None
    data = dashboard.overview(session, store=environment.store_for(subject.data_dir),
                              today=clock.today())
    row = _find(data, subject.item.uid) if data else None
    return {"city": row} if row else None
