"""Ledger service: creating, moving through the workflow, overdue flags, import and export."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from ledger_sheets import xlsx
from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.auth.models import User
from ecoplan.app.db import unit_of_work
from ecoplan.app.forms import StaleEditError
from ecoplan.app.ledger.exporting import export_ledger
from ecoplan.app.ledger.importing import LedgerImportError, import_ledger
from ecoplan.app.ledger.models import LedgerItem
from ecoplan.app.ledger.service import act, is_overdue
from ecoplan.app.ledger.workflow import NotYours, WorkflowError
from ecoplan.app.units.models import Unit

ROW = (1, "ZY-9", "中央第二轮生态环境保护督察", "第二批", "某河道黑臭", "武进", "市生态环境局、市发展改革委",
       "截污纳管", "2023年12月", "中期")
SIMPLE = (1, "ZY-8", "省督察", "", "问题", "", "市生态环境局", "", "2023-01-01", "")


def _user(session, role):
    return session.scalar(select(User).where(User.username == role))


def test_close_with_evidence_and_history(db, people, items):
    with unit_of_work(db) as s:
        item, district = s.get(LedgerItem, items["ZY-1"]), _user(s, "district")
        act(s, item, actor=district, action="start", version=1)
        with pytest.raises(WorkflowError, match="必须提交整改佐证材料"):
            act(s, item, actor=district, action="request", version=2)
        act(s, item, actor=district, action="request", version=2, evidence="验收报告",
            today=dt.date(2023, 6, 1))
        act(s, item, actor=_user(s, "admin"), action="approve", version=3,
            today=dt.date(2023, 6, 5))
    with unit_of_work(db) as s:
        item = s.get(LedgerItem, items["ZY-1"])
        assert (item.state, item.evidence, item.closed_on) == ("closed", "验收报告", dt.date(2023, 6, 5))
        assert [e.action for e in item.events] == ["start", "request", "approve"]
        actions = s.scalars(select(AuditEntry.action).where(
            AuditEntry.object_type == "ledger_item", AuditEntry.object_id == str(item.id)))
        assert list(actions) == ["ledger.created", "ledger.start", "ledger.request", "ledger.approve"]


def test_refusals_leave_the_item_alone(db, people, items):
    with unit_of_work(db) as s:
        other = s.get(LedgerItem, items["ZY-2"])
        with pytest.raises(NotYours, match="该事项属于新北区，武进区不能处理其他辖市区的整改事项"):
            act(s, other, actor=_user(s, "district"), action="start", version=1)
        with pytest.raises(StaleEditError):
            act(s, other, actor=_user(s, "admin"), action="start", version=7)
        assert other.state == "assigned" and other.events == []


def test_overdue_flags():
    item = LedgerItem(state="rectifying", deadline=dt.date(2023, 6, 30))
    assert not is_overdue(item, dt.date(2023, 6, 30)) and is_overdue(item, dt.date(2023, 7, 1))
    item.state, item.requested_on = "requested", dt.date(2023, 6, 29)
    assert not is_overdue(item, dt.date(2023, 8, 1))  # asked to close in time
    item.requested_on = dt.date(2023, 7, 2)
    assert is_overdue(item, dt.date(2023, 8, 1))
    item.state = "closed"
    assert not is_overdue(item, dt.date(2023, 8, 1))


def test_import_recognises_headers(db, people):
    with unit_of_work(db) as s:
        s.scalar(select(Unit).where(Unit.name == "市发展和改革委员会")).aliases = ["市发展改革委"]
    with unit_of_work(db) as s:
        (item,) = import_ledger(s, actor="test", data=xlsx([ROW]), file="台账.xlsx")
        assert (item.code, item.source, item.batch, item.district) == ("ZY-9", "central", "第二批", "武进区")
        assert item.units == ["市生态环境局", "市发展和改革委员会"]
        assert (item.deadline, item.stage, item.description) == (dt.date(2023, 12, 31), "medium", "某河道黑臭")


def test_import_is_all_or_nothing_with_every_error(db, people, items):
    bad = [SIMPLE, (2, "ZY-1", "省督察", "", "", "钟楼", "不存在局", "", "明年", "短期"),
           (3, "ZY-10", "火星", "", "问题", "武进区", "市生态环境局", "", "2023-02-30", "")]
    with unit_of_work(db) as s:
        with pytest.raises(LedgerImportError) as info:
            import_ledger(s, actor="test", data=xlsx(bad), file="台账.xlsx")
    found = [(e.row, e.field) for e in info.value.errors]
    assert found == [(4, "问题编号"), (4, "问题描述"), (4, "责任单位"), (4, "整改时限"),
                     (5, "问题来源"), (5, "整改时限")]  # every error of every row
    assert "共 6 处错误" in info.value.message
    with unit_of_work(db) as s:
        assert s.scalar(select(func.count(LedgerItem.id))) == 3  # only the fixture's items


@pytest.mark.parametrize("row, field, message", [
    ((1, "ZY-1", "中央", "", "问题", "武进区", "市生态环境局", "", "2023-01-01", ""), "问题编号", "重复"),
    ((1, "N-1", "中央", "", "问题", "钟楼", "不存在局", "", "2023-01-01", ""), "责任单位", "单位名录中没有"),
    ((1, "N-1", "中央", "", "问题", "火星区", "市生态环境局", "", "2023-01-01", ""), "辖市区", "未知辖市区"),
    ((1, "N-1", "中央", "", "问题", "", "市生态环境局", "", "明年", ""), "整改时限", "无法识别的日期"),
    ((1, "N-1", "中央", "", "问题", "", "市生态环境局", "", "2023-02-30", ""), "整改时限", "日期不存在"),
    ((1, "N-1", "中央", "", "问题", "", "市生态环境局", "", "2023-02-01", "永久"), "阶段", "无法识别"),
])
def test_import_errors_by_row_and_column(db, people, items, row, field, message):
    with unit_of_work(db) as s:
        with pytest.raises(LedgerImportError) as info:
            import_ledger(s, actor="test", data=xlsx([SIMPLE, row]), file="台账.xlsx")
    (err,) = info.value.errors
    assert (err.file, err.row, err.field) == ("台账.xlsx", 4, field) and message in err.message


def test_import_refuses_files_without_headers(db, people):
    with unit_of_work(db) as s:
        with pytest.raises(Exception, match="找不到表头"):
            import_ledger(s, actor="test", data=xlsx([SIMPLE], header=("a", "b")), file="x.xlsx")
        with pytest.raises(Exception, match="不是有效的 Excel（.xlsx） 文件"):
            import_ledger(s, actor="test", data=b"not a zip", file="x.xlsx")


def test_export_round_trips_through_the_importer(db, people, items):
    with unit_of_work(db) as s:
        rows = list(s.scalars(select(LedgerItem).order_by(LedgerItem.code)))
        rows[0].description = "=HYPERLINK(\"http://x\")"
        data = export_ledger(rows, today=dt.date(2023, 7, 1), links={})
        s.rollback()
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    assert sheet["D2"].value.startswith("'=")  # formula neutralised
    assert [c.value for c in sheet[3]][:3] == ["ZY-1", "中央生态环境保护督察", "第二轮第二批"]
    assert sheet["K3"].value == "是" and sheet["E2"].value == "市级"
    with unit_of_work(db) as s:
        s.execute(LedgerItem.__table__.delete().where(LedgerItem.code == "ZY-2"))
    with unit_of_work(db) as s:
        (again,) = import_ledger(s, actor="test", data=_only(data, "ZY-2"), file="导出.xlsx")
        assert (again.district, again.units, again.deadline) == (
            "新北区", ["市发展和改革委员会"], dt.date(2023, 6, 30))


def _only(data: bytes, code: str) -> bytes:
    sheet = load_workbook(io.BytesIO(data)).active
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == code]
    return xlsx(rows, header=[c.value for c in sheet[1]], title_rows=0)
