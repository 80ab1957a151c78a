"""The status pages and API: who may see them, the numbers behind each status, the settings
form, the monitoring rankings, and the synthetic-data label."""

from __future__ import annotations

import re

TASK6 = "6"


def test_overview_shows_status_change_after_approval(seeded):
    admin = seeded.client("admin")
    before = admin.get("/api/status").json()
    task6 = next(t for t in before["tasks"] if t["number"] == TASK6)
    assert task6["status"]["code"] == "missing"
    seeded.report(TASK6)
    after = admin.get("/api/status").json()
    task6 = next(t for t in after["tasks"] if t["number"] == TASK6)
    assert task6["status"]["code"] == "on_pace"
    assert after["task_counts"]["on_pace"] == before["task_counts"]["on_pace"] + 1
    page = admin.get("/status")
    assert page.status_code == 200
    row = re.search(rf'<tr data-uid="{task6["uid"]}">.*?</tr>', page.text, re.S).group(0)
    assert 'data-status="on_pace"' in row and "按序时推进" in row and "2023年6月" in row
    only = admin.get("/status?status=on_pace").text
    assert only.count('<tr data-uid=') == 1 and task6["uid"] in only and "显示全部" in only
    assert admin.get("/status?status=nonsense").text.count('<tr data-uid=') == len(after["tasks"])


def test_status_pages_need_a_login(seeded):
    anonymous = seeded.client(None)
    assert anonymous.get("/status").status_code in (302, 303)
    assert anonymous.get("/api/status").status_code == 401
    for role in ("reporter", "leader", "district", "viewer"):
        client = seeded.client(role)
        assert client.get("/status").status_code == 200
        assert client.get("/status/settings").status_code == 403


def test_item_pages_show_history_and_evidence(seeded):
    report_id = seeded.report("19", kind="target", value_to_date="30", narrative="整治 30 条")
    admin = seeded.client("admin")
    task19 = next(t for t in admin.get("/api/status").json()["tasks"] if t["number"] == "19")
    target = task19["targets"][0]
    page = admin.get(f"/status/items/target/{target['uid']}")
    assert page.status_code == 200
    assert "严重滞后" in page.text and "26.5" in page.text and "52.3" in page.text
    assert f"/progress/reports/{report_id}" in page.text and 'id="history-chart"' in page.text
    assert admin.get(f"/status/items/task/{task19['uid']}").status_code == 200
    assert admin.get("/status/items/target/nope").status_code == 404


def test_settings_are_validated_and_saved(seeded):
    admin = seeded.client("admin")
    form = admin.get("/status/settings").text
    version = re.search(r'name="version" value="(\d+)"', form).group(1)
    bad = admin.post("/status/settings", data={"lag_points": "30", "severe_points": "20",
                                               "pace_mode": "time", "as_of": "", "version": version})
    assert bad.status_code == 422 and "严重滞后阈值不能小于滞后阈值" in bad.text
    wrong_date = admin.post("/status/settings", data={"lag_points": "5", "severe_points": "20",
                                                      "pace_mode": "time", "as_of": "7月10日",
                                                      "version": version})
    assert wrong_date.status_code == 422 and "评估日期" in wrong_date.text
    ok = admin.post("/status/settings", data={"lag_points": "5", "severe_points": "20",
                                              "pace_mode": "time", "as_of": "2023-08-15",
                                              "version": version})
    assert ok.status_code == 303
    data = admin.get("/api/status").json()
    assert data["as_of"] == "2023-08-15" and data["settings"]["lag_points"] == 5.0
    stale = admin.post("/status/settings", data={"lag_points": "5", "severe_points": "20",
                                                 "pace_mode": "time", "as_of": "", "version": version})
    assert stale.status_code == 409


def test_goals_from_monitoring_with_the_synthetic_label(seeded, with_monitoring):
    admin = seeded.client("admin")
    data = admin.get("/api/status").json()
    assert data["synthetic"] is True and data["monitoring_as_of"] == "2023-06-30"
    pm25 = next(g for g in data["goals"] if g["label"] == "PM2.5浓度")
    assert pm25["current"] is not None and pm25["status"]["why"]["source"] == "monitoring"
    assert pm25["status"]["why"]["projection"] is not None and pm25["indicator"] == "air.pm25"
    goal_page = admin.get(f"/status/items/goal/{pm25['uid']}")
    assert goal_page.status_code == 200 and 'id="trend-pm25"' in goal_page.text
    assert "剩余时段均值上限" in goal_page.text and "合成数据" in goal_page.text
    assert "合成数据" in admin.get("/status").text
    ranking = admin.get("/status/monitoring")
    assert ranking.status_code == 200 and "合成数据" in ranking.text
    assert "常州经开区" in ranking.text and 'id="ranking-chart"' in ranking.text
    assert 'id="city-air"' in ranking.text and "臭氧日最大8小时平均第90百分位数" in ranking.text
    assert admin.get("/status/monitoring?period=2023-13").status_code == 422
    # monthly trends: January to June, this year beside last year; June is the circular's month
    trends = data["trends"]
    assert trends["months"] == [f"{m}月" for m in range(1, 7)] and trends["years"] == [2022, 2023]
    june = admin.get("/api/public/status").json()["rankings"]["district"]["city_value"]
    assert trends["pm25"]["2023"][5] == june and len(trends["good_day_ratio"]["2022"]) == 6
    assert 'id="trend-pm25"' in admin.get("/status").text


def test_without_monitoring_data_goals_say_so(seeded):
    data = seeded.client("admin").get("/api/status").json()
    assert data["synthetic"] is False and data["monitoring_as_of"] is None
    assert {g["status"]["code"] for g in data["goals"]} == {"missing"}
    assert "合成数据" not in seeded.client("admin").get("/status").text


def test_unit_and_district_pages(seeded):
    seeded.report(TASK6)
    admin = seeded.client("admin")
    data = admin.get("/api/status").json()
    sthj = next(u for u in data["units"] if u["name"] == "市生态环境局")
    page = admin.get(f"/status/units/{sthj['unit_id']}")
    assert page.status_code == 200 and "强化生态环境分区管控" in page.text
    row = re.search(r'<tr data-uid="[^"]+"><td data-label="任务">6</td>.*?</tr>', page.text, re.S).group(0)
    assert "已报送" in row and "按序时推进" in row
    wujin = next(u for u in data["districts"] if u["name"] == "武进区")
    district = admin.get(f"/status/units/{wujin['unit_id']}")
    assert district.status_code == 200 and "负责落实" in district.text and "辖市区" in district.text
    assert admin.get("/status/units/999999").status_code == 404
    assert f'/status/units/{sthj["unit_id"]}' in admin.get("/status").text


def test_status_tables_export_as_xlsx(seeded, with_monitoring):
    import io

    from openpyxl import load_workbook

    seeded.report(TASK6)
    admin = seeded.client("admin")
    data = admin.get("/api/status").json()
    response = admin.get("/status/export.xlsx")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["工作目标", "重点任务", "责任单位", "辖市区"]
    tasks = book["重点任务"]
    assert tasks.freeze_panes == "A2" and tasks.auto_filter.ref
    rows = {r[0]: r for r in tasks.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == len(data["tasks"])
    assert rows[TASK6][4] == "按序时推进"
    task6 = next(t for t in data["tasks"] if t["number"] == TASK6)
    assert rows[TASK6][4] == task6["status"]["label"] and rows[TASK6][5] == task6["status"]["why"]["text"]
    goals = list(book["工作目标"].iter_rows(min_row=2, values_only=True))
    pm25 = next(g for g in data["goals"] if g["label"] == "PM2.5浓度")
    assert any(r[0] == pm25["text"] and r[1] == pm25["current"] and r[6] == pm25["status"]["label"]
               for r in goals)
    assert "合成数据" in goals[-1][0]
    districts = list(book["辖市区"].iter_rows(min_row=2, values_only=True))
    assert {r[1] for r in districts} == {d["name"] for d in data["districts"]}
    assert seeded.client(None).get("/status/export.xlsx").status_code in (302, 303)
    assert "/status/export.xlsx" in admin.get("/status").text
