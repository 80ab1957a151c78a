"""The demo's cascade (合成数据): funding rows by source and unit, 武进区's letter issued and
溧阳市's signed (its copy on disk), a topic meeting and a help visit whose decisions are
supervision items of the meeting's day, 武进区's annual report draft without a 签发人; every
record says it is synthetic; a second run adds nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select

from ecoplan.app.annualreports.models import DistrictReport
from ecoplan.app.db import make_engine, unit_of_work
from ecoplan.app.funding.models import ItemFunding
from ecoplan.app.letters.models import ResponsibilityLetter
from ecoplan.app.meetings.models import Meeting
from ecoplan.app.supervision.models import SupervisionItem
from ecoplan.app.versions import make_sessionmaker
from ecoplan.demo.build import build_demo


def test_the_demo_cascade(demo_template, tmp_path):
    import shutil
    data_dir = tmp_path / "demo"
    shutil.copytree(demo_template, data_dir)
    engine = make_engine(f"sqlite:///{data_dir / 'ecoplan.sqlite3'}")
    with unit_of_work(make_sessionmaker(engine)) as s:
        rows = s.scalars(select(ItemFunding)).all()
        assert len(rows) == 10 and all(r.note.startswith("合成数据") for r in rows)
        wujin = [r for r in rows if r.unit == "武进区"]
        # 1800 + 5000 + 800 + 420 planned, 760 + 2100 + 350 + 180 spent
        assert sum(r.planned for r in wujin) == Decimal("8020.00")
        assert sum(r.spent for r in wujin) == Decimal("3390.00")
        letters = {x.owner: x for x in s.scalars(select(ResponsibilityLetter))}
        assert {k: v.state for k, v in letters.items()} == {"武进区": "issued", "溧阳市": "signed"}
        assert all(x.content["synthetic"] for x in letters.values())
        assert letters["武进区"].content["money"]["arranged"]["by_source"]["合计"] == \
            {"planned": "8020.00", "spent": "3390.00"}
        signed = letters["溧阳市"]
        assert "合成数据" in signed.signed_file
        assert (data_dir / "letters" / signed.signed_stored).is_file()
        meetings = s.scalars(select(Meeting).order_by(Meeting.held_on)).all()
        assert [m.kind for m in meetings] == ["topic", "help"]
        assert all("合成数据" in m.title and "合成数据" in m.minutes for m in meetings)
        items = [s.get(SupervisionItem, d.supervision_item_id) for m in meetings for d in m.decisions]
        assert len(items) == 3 and {i.unit.name for i in items} == {"武进区", "市住房和城乡建设局"}
        assert {i.issued_at.date() for i in items} == {dt.date(2023, 6, 16), dt.date(2023, 6, 28)}
        assert all("〔2023〕" in i.doc_number for i in items)
        (report,) = s.scalars(select(DistrictReport)).all()
        assert report.owner == "武进区" and report.signer == "" and report.content["synthetic"]
        assert report.text.startswith("（合成数据")
        # the 2023 report dated as issued early the next year: 成文日期 and number agree
        assert (report.dated, report.doc_number) == (dt.date(2024, 1, 15), "武进区〔2024〕1号")
        # the two decisions addressed to 武进区, dated in the plan year
        assert report.content["supervision"] == {"total": 2, "by_state": {"已下发": 2}}
        assert report.content["funding"]["by_source"]["合计"]["planned"] == "8020.00"
    with unit_of_work(make_sessionmaker(engine)) as s:
        lines = build_demo(s, data_dir).lines
        counts = [s.scalar(select(func.count(m.id))) for m in
                  (ItemFunding, ResponsibilityLetter, Meeting, DistrictReport)]
    engine.dispose()
    assert counts == [10, 2, 2, 1]
    assert "资金安排：已有资金安排，未重复生成" in lines and "会议帮扶：演示会议已存在，未重复生成" in lines
