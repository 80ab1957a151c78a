"""Print views (打印) of the tables the app exports as .xlsx: the assessment ranking, the
rectification ledger and the status tables. Each view renders the very sheets of its export
(``assessment.ranking``, ``ledger.exporting``, ``status.export``), so the rows cannot differ."""

from __future__ import annotations

import datetime as dt

from ecoplan.app.assessment.ranking import ranking_sheets
from ecoplan.app.assessment.service import Review
from ecoplan.app.ledger.exporting import ledger_sheet
from ecoplan.app.ledger.models import SOURCE_LABELS, LedgerItem
from ecoplan.app.ledger.service import ItemFilter
from ecoplan.app.ledger.workflow import STATE_LABELS
from ecoplan.app.status.export import status_sheets
from ecoplan.app.core.clock import beijing_time, utcnow
from ecoplan.reports.tables_html import PrintHeader, render_tables_html


def generated_now() -> str:
    """生成时间 as read in China, to the minute."""
    return beijing_time(utcnow(), "%Y-%m-%d %H:%M")


def ranking_page(result: Review) -> str:
    what = "综合考评" if result.period.quarter is None else "季度点评"
    header = PrintHeader(title=f"{result.period.label}{what}得分与排名",
                         period=f"{result.period.label}（{result.period.start}至{result.period.end}）",
                         generated=generated_now(),
                         notes=[f"考评细则：{result.rules.citation}", *result.missing])
    return render_tables_html(header, ranking_sheets(result))


def filter_text(flt: ItemFilter) -> str:
    """The ledger list's filters as the page shows them (empty: every item)."""
    parts = [f"辖市区：{flt.district}" if flt.district else "",
             f"来源：{SOURCE_LABELS[flt.source]}" if flt.source else "",
             f"状态：{STATE_LABELS[flt.state]}" if flt.state else "",
             f"责任单位：{flt.unit}" if flt.unit else "", "仅逾期事项" if flt.overdue else ""]
    return "筛选：" + "；".join(p for p in parts if p) if any(parts) else "全部事项"


def ledger_page(items: list[LedgerItem], *, flt: ItemFilter, today: dt.date, links: dict[str, str]) -> str:
    header = PrintHeader(title="整改台账", period=f"截至{today.isoformat()}，共{len(items)}项",
                         generated=generated_now(), filters=filter_text(flt))
    return render_tables_html(header, [ledger_sheet(items, today=today, links=links)])


def status_page(overview: dict, additions=()) -> str:
    plan = overview["plan"]
    header = PrintHeader(title=f"{plan['title']}进度状态", period=f"评估日期 {overview['as_of']}",
                         generated=generated_now())
    return render_tables_html(header, status_sheets(overview, additions))
