"""What the obligations page and ``/api/targets`` show. Reads only."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ecoplan.app.obligations import store
from ecoplan.app.obligations.defaults import task_flags
from ecoplan.app.plans.models import PlanVersion
from ecoplan.app.plans.present import target_text


def overview(session: Session, version: PlanVersion) -> dict:
    """Every target with its obligation (goals first), and what needs the office."""
    obs = store.of(version, session)
    rows_in_force = store.office_rows(session, version)
    rows = [{"uid": t.uid, "number": t.task.number if t.task else "目标", "title": target_text(t),
             "ob": obs[t.uid], "row": rows_in_force.get(t.uid)}
            for t in sorted(version.targets, key=lambda t: (t.task_id is not None, t.position))]
    attention = [{"uid": r["uid"], "number": r["number"], "title": r["title"], "text": flag}
                 for r in rows for flag in _problems(r["ob"])]
    attention += [{"uid": None, "task_uid": task.uid, "number": task.number, "title": task.title,
                   "text": flag} for task in version.tasks for flag in task_flags(task)]
    return {"rows": rows, "attention": attention,
            "no_path": [r for r in rows if not r["ob"].has_path]}


def _problems(ob) -> list[str]:
    if ob.origin == "office":
        return [] if ob.has_path else ["生态办设置的报送责任不完整（缺报送单位或分解单位）"]
    return list(ob.flags)


def api_rows(data: dict) -> list[dict]:
    """``/api/targets``: each target of the overview with its source, figure and status."""
    out = [_row(g["uid"], None, g["text"], g["status"], g) for g in data["goals"]]
    for task in data["tasks"]:
        out += [_row(t["uid"], task["number"], t["text"], t["status"], None)
                for t in task["targets"]]
    return out


def _row(uid: str, task: str | None, title: str, status: dict, goal: dict | None) -> dict:
    why = status["why"]
    fig = why.get("figure")
    if fig is None:  # a goal measured from monitoring data
        fig = {"source": "monitoring", "owner": None, "frequency": "monthly",
               "aggregation": None, "contributions": [], "value": goal.get("current")}
    return {"uid": uid, "task": task, "title": title, "source": fig["source"],
            "owner": fig["owner"], "frequency": fig["frequency"],
            "aggregation": fig["aggregation"],
            "contributions": [{k: c[k] for k in ("unit", "quota", "value", "period")}
                              for c in fig["contributions"]],
            "value": fig["value"],
            "target": why.get("target", goal.get("value") if goal else None),
            "comparator": why.get("comparator", goal.get("comparator") if goal else None),
            "status": status["code"], "status_label": status["label"],
            "status_year_end": why.get("outlook"), "year_end": why.get("year_end"),
            "explanation": why.get("text")}
