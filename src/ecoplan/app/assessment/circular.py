"""The quarterly review circular (季度点评通报) and the annual assessment notice, built from a
:class:`~ecoplan.app.assessment.service.Review` as an official document (GB/T 9704-2012 layout
by ``ecoplan.reports``)."""

from __future__ import annotations

import datetime as dt

from ecoplan.app.assessment.service import Review
from ecoplan.app.seals.head import CircularHead
from ecoplan.assessment import LedgerStats
from ecoplan.assessment.engine import UnitScore
from ecoplan.assessment.explain import fmt
from ecoplan.reports.charts import bar_chart_png, caption
from ecoplan.reports.official import Figure, Heading, OfficialDocument, Paragraph, Table

RECIPIENTS = ("各辖市、区人民政府，常州经开区管委会", "市生态文明建设工作领导小组各成员单位")


def _ranking(scores: list[UnitScore], who: str) -> Table:
    rows = [[s.rank, s.unit, fmt(s.scaled), fmt(s.bonus), fmt(s.total), s.grade] for s in scores]
    return Table(["排名", who, "得分", "加分", "总分", "等次"], rows,
                 widths_mm=(14, 52, 22, 18, 22, 22))


def _lowest_items(score: UnitScore) -> str:
    lost = sorted((l for l in score.lines if l.max_points is not None and l.points < l.max_points),
                  key=lambda l: l.points - l.max_points)[:2]
    return "、".join(f"{l.item}（失{fmt(l.max_points - l.points)}分：{l.number}）" for l in lost)


def _scores_section(review: Review) -> list:
    blocks = [Heading(1, "点评得分与排名"),
              Paragraph(f"根据{review.rules.citation}，对各辖市（区）和牵头部门"
                        f"{review.period.label}工作进行{'考评' if review.period.quarter is None else '点评'}"
                        f"打分（数据{review.until}），结果如下。")]
    districts = review.scores.get("district", [])
    if districts:
        blocks.append(_ranking(districts, "辖市（区）"))
        blocks.append(Figure(bar_chart_png([s.unit for s in districts],
                                           [float(s.total) for s in districts],
                                           title="各辖市（区）点评总分", unit="分"),
                             caption("图1 各辖市（区）点评总分")))
        last = districts[-1]
        if _lowest_items(last):
            blocks.append(Paragraph(f"{last.unit}排名末位，主要失分项为{_lowest_items(last)}。"))
    if review.scores.get("department"):
        blocks.append(_ranking(review.scores["department"], "牵头部门"))
    return blocks


def _lagging_table(review: Review, money: dict) -> Table:
    """The lagging tasks; with a money column (资金安排: planned / used, 万元) when any of them
    has money arranged (``funding.summary.task_money``)."""
    rows = [[t.number, t.title, "、".join(r.unit_name for r in t.responsibilities
                                         if r.role == "lead") or "—"] for t in review.lagging]
    if not any(t.number in money for t in review.lagging):
        return Table(["编号", "任务", "牵头单位"], rows, widths_mm=(14, 100, 42))
    for row, t in zip(rows, review.lagging):
        planned, used = money.get(t.number, (None, None))
        row.append(f"{planned:.2f} / {used:.2f}" if planned is not None else "—")
    return Table(["编号", "任务", "牵头单位", "资金安排（万元，计划/已使用）"], rows,
                 widths_mm=(14, 74, 36, 32))


def _tasks_and_ledger(review: Review, ledger: LedgerStats, money: dict) -> list:
    blocks = [Heading(1, "重点任务与问题整改")]
    if review.lagging:
        blocks += [Paragraph(f"{review.until}，以下 {len(review.lagging)} 项重点任务滞后于序时进度或逾期未完成。"),
                   _lagging_table(review, money)]
    else:
        blocks.append(Paragraph("各项重点任务均按序时进度推进。"))
    blocks.append(Paragraph(
        f"{review.until}，整改台账中到期事项 {ledger.due} 项，已销号 {ledger.closed} 项，"
        f"逾期未销号 {ledger.overdue} 项。"))
    return blocks


def _names(scores: list[UnitScore]) -> str:
    return "、".join(s.unit for s in scores)


def _grades(grades: tuple[str, ...]) -> str:
    return "、".join(grades)


def _honours_text(review: Review) -> str:
    """Commendation, criticism and 约谈 as the rules file says: which grades, which units."""
    rules = review.rules
    parts = [f"对考评等次为{_grades(rules.commend)}的{_names(review.commend)}予以通报表扬"
             if review.commend else f"本年度无考评等次为{_grades(rules.commend)}的单位"]
    if rules.criticise:
        parts.append(f"对考评等次为{_grades(rules.criticise)}的{_names(review.criticise)}予以通报批评"
                     if review.criticise else "无应予通报批评的单位")
    summoned = [p.unit for p in review.summons if p.key.startswith("summons:grade:")]
    if rules.summon and summoned:
        parts.append(f"对{'、'.join(summoned)}主要负责人进行约谈")
    return "；".join(parts) + "。"


def _actions(review: Review) -> list:
    blocks = []
    if review.period.quarter is None and not review.provisional:
        blocks += [Heading(1, "奖惩意见"), Paragraph(_honours_text(review))]
    if review.summons:
        blocks += [Heading(1, "约谈建议"),
                   Paragraph("；".join(f"{p.title}（{p.reason}）" for p in review.summons) + "。")]
    blocks += [Heading(1, "下一步工作要求"),
               Paragraph("各地各部门要对照年度目标任务和整改销号清单，逐项明确责任、措施和时限，"
                         "对滞后任务和逾期问题加快推进，确保按期完成。")]
    return blocks


def _synthetic(review: Review, money: dict, money_synthetic: set[str]) -> list:
    """The note on synthetic inputs; the money too when a lagging task's amounts shown include
    the demo's synthetic ones."""
    parts = list(review.synthetic)
    if any(t.number in money and t.number in money_synthetic for t in review.lagging):
        parts.append("资金安排")
    if not parts:
        return []
    return [Paragraph(f"注：本通报所用{'、'.join(parts)}为演示用合成数据，"
                      "不代表实际情况，不得作为考评依据。")]


def build_circular(review: Review, *, ledger: LedgerStats, doc_number: str,
                   date: dt.date, head: CircularHead = CircularHead(),
                   money: dict | None = None,
                   money_synthetic: set[str] = frozenset()) -> OfficialDocument:
    """The circular for ``review``; the library refuses a malformed ``doc_number`` (发文字号) or
    ``head`` element, naming it. ``money``: task number → (planned, used) 万元, shown beside the
    lagging tasks; ``money_synthetic``: the tasks whose money includes synthetic amounts (the
    note says so)."""
    what = "综合考评结果" if review.period.quarter is None else "重点工作推进情况"
    title = f"关于{review.period.label}全市生态文明建设\n{what}的通报"
    provisional = (f"（暂定：数据{review.until}，部分数据尚不完整，结果待年度数据齐全后确定）"
                   if review.provisional else "")
    body = [Paragraph(f"现将{review.period.label}全市生态文明建设{what}通报如下{provisional}。"),
            *_synthetic(review, money or {}, money_synthetic), *_scores_section(review), *_tasks_and_ledger(review, ledger, money or {}),
            *_actions(review)]
    return OfficialDocument(issuer=head.issuer, co_issuers=head.co_issuers, issuer_suffix=head.issuer_suffix,
                            doc_number=doc_number.strip(),
                            title=title, recipients=list(RECIPIENTS), body=body, signature=head.issuer,
                            co_signatures=head.co_issuers, date=date, copy_number=head.copy_number,
                            security=head.security, secrecy_term=head.secrecy_term, urgency=head.urgency,
                            sealed=head.sealed, seals=head.seals)
