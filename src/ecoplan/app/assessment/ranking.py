"""The ranking of a review as tables (one sheet per kind of unit): the columns of the .xlsx
export and of the HTML print view, in one place."""

from __future__ import annotations

from ecoplan.app.assessment.service import Review
from ecoplan.assessment.explain import fmt
from ecoplan.reports.xlsx import Sheet

KIND_TITLES = {"district": "辖市区", "department": "牵头部门"}
COLUMNS = ("排名", "单位", "得分", "加分", "总分", "等次", "说明")


def _explained(line) -> str:
    """One line of the explanation column; an item not applicable (不适用) has no points."""
    points = f"（{fmt(line.points)}分）" if line.applicable else ""
    return f"{line.item}：{line.number}{points}"


def ranking_sheets(result: Review) -> list[Sheet]:
    """Rank, unit, scores, grade and every point explained, per kind of unit."""
    return [Sheet(title=f"{KIND_TITLES[kind]}排名", columns=COLUMNS,
                  rows=[(s.rank, s.unit, float(s.scaled), float(s.bonus), float(s.total), s.grade,
                         "；".join(_explained(l) for l in s.lines))
                        for s in scores], wrap={6})
            for kind, scores in result.scores.items()]
