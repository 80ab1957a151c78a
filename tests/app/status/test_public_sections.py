"""The public page's water, trend, rectification and wording sections (issue 15 item 1)."""

from __future__ import annotations

import datetime as dt
import re

from ecoplan.app.ledger.models import LedgerItem
from ecoplan.app.ledger.service import create_item
from ecoplan.app.ledger.fields import ItemFields


def _item(env, code: str, **kw) -> int:
    base = dict(code=code, source="central", batch="第二轮第二批", description=f"{code} 河道黑臭问题",
                district="武进区", units=["市生态环境局"], measures="内部措施甲3K",
                deadline=dt.date(2023, 12, 31), stage="short")
    with env.session() as s:
        item = create_item(s, actor="test", fields=ItemFields(**{**base, **kw}))
        s.flush()
        return item.id


def test_water_sections_by_level_and_drinking_sources(seeded, with_monitoring):
    client = seeded.client(None)
    water = client.get("/api/public/status").json()["water"]
    assert [lv["level"] for lv in water["levels"]] == ["国考", "省考", "市考"]
    for lv in water["levels"]:
        assert lv["share"]["sections"] == len(lv["sections"])
        good = sum(s["class"] in ("Ⅰ", "Ⅱ", "Ⅲ") for s in lv["sections"])
        assert lv["share"]["i_iii"] == round(100 * good / len(lv["sections"]), 1)
    drinking = water["drinking"]
    assert drinking["total"] == len(drinking["sources"]) > 0
    assert drinking["compliant"] == sum(s["class"] in ("Ⅰ", "Ⅱ", "Ⅲ") for s in drinking["sources"])
    page = client.get("/public").text
    assert 'id="water"' in page and "国考断面" in page and "集中式饮用水水源地" in page
    assert water["levels"][0]["sections"][0]["name"] in page


def test_trend_in_plain_words_computed_from_the_air_rows(seeded, with_monitoring):
    client = seeded.client(None)
    air = {r["key"]: r for r in client.get("/api/public/status").json()["air"]["rows"]}
    now, before = air["pm25"]["value"], air["pm25"]["last_year"]
    change = abs(now - before) / before * 100
    words = "下降" if now < before else "上升"
    verdict = "比去年好转" if now < before else "比去年变差"
    page = client.get("/public").text
    trend = re.search(r'<ul class="trend" id="trend">(.*?)</ul>', page, re.S).group(1)
    assert (f"今年1月1日—6月30日细颗粒物（PM2.5）平均浓度{now:g}微克/立方米，"
            f"去年同期{before:g}微克/立方米，{words}{change:.1f}%，{verdict}。") in trend
    good, good_before = air["good_day_ratio"]["value"], air["good_day_ratio"]["last_year"]
    points = f"{abs(good - good_before):.1f}个百分点"
    assert f"优良天数比率{good:g}%，去年同期{good_before:g}%，" in trend and points in trend


def test_only_items_the_office_marks_are_public(seeded):
    shown, hidden = _item(seeded, "ZY-9"), _item(seeded, "ZY-10", description="不公开的问题乙4L")
    admin = seeded.client("admin")
    with seeded.session() as s:
        version = s.get(LedgerItem, shown).version
    page = admin.get(f"/ledger/{shown}")
    assert 'id="disclosure"' in page.text
    marked = admin.post(f"/ledger/{shown}/public", data={
        "public": "1", "public_text": "已完成清淤，水体消除黑臭", "version": version},
        follow_redirects=False)
    assert marked.status_code == 303, marked.text
    stale = admin.post(f"/ledger/{shown}/public", data={"public": "", "version": version})
    assert stale.status_code == 409
    anonymous = seeded.client(None)
    data = anonymous.get("/api/public/status").json()["rectification"]
    assert [r["code"] for r in data] == ["ZY-9"]
    assert data[0]["progress"] == "已完成清淤，水体消除黑臭" and data[0]["state"] == "已交办"
    assert set(data[0]) == {"code", "source", "batch", "description", "district", "deadline",
                            "state", "closed", "closed_on", "progress"}
    text = anonymous.get("/public").text
    assert "ZY-9 河道黑臭问题" in text and "已完成清淤" in text
    assert "不公开的问题乙4L" not in text and "内部措施甲3K" not in text and "市生态环境局" not in text
    # units may not publish; the change is audited
    assert seeded.client("reporter").post(f"/ledger/{shown}/public",
                                          data={"public": "", "version": version + 1}).status_code == 403
    history = admin.get(f"/api/audit?object_type=ledger_item&object_id={shown}")
    assert history.status_code == 200 and "public_text" in history.text
    assert hidden


def test_goals_reported_by_units_say_no_report_yet(seeded):
    client = seeded.client(None)
    goals = client.get("/api/public/status").json()["goals"]
    forest = next(g for g in goals if g["label"] == "林木覆盖率")
    assert forest["source"] == "report" and forest["current"] is None
    page = client.get("/public").text
    block = page[page.index("林木覆盖率"):]
    block = block[:block.index("</li>")]
    assert "暂无报送值" in block and "暂无监测值" not in block


def test_schematic_map_of_districts_and_towns(seeded, with_monitoring):
    client = seeded.client(None)
    data = client.get("/api/public/status").json()
    assert sum(len(t) for t in data["towns"].values()) == len(data["rankings"]["town"]["rows"]) == 63
    page = client.get("/public").text
    svg = page[page.index('id="city-map"'):page.index("</figure>", page.index('id="city-map"'))]
    assert svg.count('class="district') == 7 and svg.count('class="town') == 63
    assert "示意图" in svg and 'role="img"' in svg
    first = data["rankings"]["district"]["rows"][0]
    assert f"<title>{first['name']}：PM2.5 {first['value']}微克/立方米</title>" in svg
