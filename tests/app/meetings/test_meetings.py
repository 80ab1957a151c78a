"""Meetings and help visits: decisions issued as supervision items to their units with their
deadlines; accountability records linked to the item, seen by the office only; bad input named."""

from __future__ import annotations

from sqlalchemy import select

from ecoplan.app.meetings.models import AccountabilityRecord, Meeting
from ecoplan.app.supervision.models import SupervisionItem

MEETING = {"kind": "dispatch", "title": "2023年第二季度生态文明建设调度会", "held_on": "2023-07-05",
           "chair": "市政府分管副市长", "attendees": "武进区、市生态环境局",
           "minutes": "通报上半年进展，研究太滆运河排口问题。",
           "decisions": "武进区｜完成太滆运河沿线3个排口整治｜2023-08-31\n"
                        "市生态环境局｜牵头开展排口溯源监测\n"}


def test_a_meeting_issues_its_decisions(login_as, db):
    admin, district = login_as("admin"), login_as("district")
    r = admin.post("/meetings", data=MEETING)
    assert r.status_code == 303, r.text[-1500:]
    with db() as s:
        meeting = s.scalars(select(Meeting)).one()
        assert meeting.attendees == ["武进区", "市生态环境局"]
        items = {d.unit.name: d.item for d in meeting.decisions}
        assert items["武进区"].kind == "assignment" and str(items["武进区"].due) == "2023-08-31"
        assert items["武进区"].title == "调度会议定事项：完成太滆运河沿线3个排口整治"
        assert items["市生态环境局"].due is None and items["武进区"].state == "issued"
        wujin = items["武进区"].id
        meeting_id = meeting.id
    # the district finds it among its supervision items, with the meeting as its basis
    assert district.get(f"/supervision/items/{wujin}").status_code == 200
    page = admin.get(f"/meetings/{meeting_id}")
    assert page.status_code == 200 and "已下发" in page.text and "完成太滆运河沿线3个排口整治" in page.text


def test_bad_meeting_input_is_named_and_nothing_is_issued(login_as, db):
    admin = login_as("admin")
    for change, message in (({"kind": "party"}, "类型"), ({"title": " "}, "会议名称"),
                            ({"held_on": "2023-02-30"}, "日期"),
                            ({"decisions": "武进区 完成整治"}, "第 1 行应为“单位｜事项｜期限”"),
                            ({"decisions": "火星区｜整治｜2023-08-31"}, "单位名录中没有“火星区”"),
                            ({"decisions": "武进区｜整治｜下周"}, "议定事项第 1 行期限")):
        r = admin.post("/meetings", data={**MEETING, **change})
        assert r.status_code == 422 and message in r.text, (change, r.text[-800:])
    with db() as s:
        assert s.scalars(select(Meeting)).all() == []
        assert s.scalars(select(SupervisionItem)).all() == []


def test_accountability_is_for_the_office_only(login_as, db):
    admin = login_as("admin")
    admin.post("/meetings", data=MEETING)
    with db() as s:
        item = s.scalars(select(SupervisionItem).order_by(SupervisionItem.id)).first().id
    record = {"supervision_item_id": str(item), "person": "某街道分管负责人", "form": "talk",
              "reason": "排口整治逾期未完成", "decided_on": "2023-09-10"}
    assert admin.post("/meetings/accountability", data={**record, "supervision_item_id": "999"}).status_code == 422
    assert admin.post("/meetings/accountability", data={**record, "reason": ""}).status_code == 422
    assert admin.post("/meetings/accountability", data=record).status_code == 303
    page = admin.get("/meetings/accountability")
    assert "排口整治逾期未完成" in page.text and "约谈" in page.text
    with db() as s:
        (row,) = s.scalars(select(AccountabilityRecord)).all()
        assert (row.supervision_item_id, row.unit.name) == (item, "武进区")
    for role in ("district", "reporter", "leader", "viewer"):
        client = login_as(role)
        assert client.get("/meetings/accountability").status_code == 403
        assert client.get("/meetings").status_code == 403
        assert client.post("/meetings", data=MEETING).status_code == 403
