"""The survey's combined index as the figure of the goal it names (``target_uid``): what the
status shows for a target whose obligation's source is ``survey`` (a
:class:`~ecoplan.app.core.manifest.FigureSource` in this feature's manifest)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.core.manifest import FigureSource
from ecoplan.app.surveys import indices, service
from ecoplan.app.surveys.models import Survey


def goal_figure(session: Session, target_uid: str, year: int) -> dict | None:
    """The city's combined index of the latest opened survey of ``year`` naming the target
    that has answers: ``{value, span, method, n, ci95, survey}``; None when there is none."""
    found = session.scalars(select(Survey).where(
        Survey.target_uid == target_uid, Survey.state.in_(("open", "closed")))
        .order_by(Survey.opens_on.desc(), Survey.id.desc()))
    for survey in found:
        if survey.opens_on.year != year and survey.closes_on.year != year:
            continue
        city = service.results(session, survey)["city"]["combined"]
        if city["n"] == 0 or city["index"] is None:
            continue
        low_high = city["ci95"]
        ci = f"，95%置信区间{low_high[0]:g}—{low_high[1]:g}" if low_high else ""
        return {"value": city["index"], "n": city["n"], "ci95": low_high,
                "survey": survey.title,
                "span": f"{survey.title}（{survey.opens_on:%m月%d日}—{survey.closes_on:%m月%d日}，"
                        f"样本{city['n']}份{ci}）",
                "method": indices.METHOD.split("\n")}
    return None


SOURCE = FigureSource("survey", ("surveys", "survey_responses"),
                      lambda session, ob, year, _as_of: goal_figure(session, ob.target_uid, year))
