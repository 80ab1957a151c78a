"""An import says ``importing`` while its files are written (committed, so the history and the API
show it to everyone), and water sections the registry does not know are confirmed like unknown
stations (issue 14)."""

from __future__ import annotations

from ecoplan.app.db import unit_of_work
from ecoplan.app.intake import service
from ecoplan.app.intake.models import MonitoringImport
from ecoplan.monitoring import intake
from ecoplan.monitoring.store import Store

from intake_files import city_export, confirmed

SECTIONS = ("断面编码,断面名称,河流,水体类型,断面级别,饮用水源地,辖市区,目标类别\n"
            "S1,新闸,京杭运河,河流,国考,否,钟楼区,Ⅲ\nS2,长荡湖湖心,长荡湖,湖库,省考,是,金坛区,Ⅲ类\n").encode()
WATER = "断面,采样日期,溶解氧(mg/L)\n新闸,2023-01-10,7.2\n新闸桥,2023-01-20,6.5\nS2,2023-01-10,8.0\n".encode()


def _upload(client, *files):
    response = client.post("/api/monitoring/imports",
                           files=[("files", (name, data, "text/csv")) for name, data in files])
    assert response.status_code == 202, response.text
    return response.json()["id"]


def test_importing_is_seen_while_the_files_are_written(login_as, db, registry_bytes, monkeypatch):
    admin = login_as("admin")
    import_id = _upload(admin, ("NewSiteList.csv", registry_bytes))
    seen = {}
    real_commit = intake.commit

    def watched(*args, **kwargs):
        with unit_of_work(db) as other:  # another transaction: what every reader sees
            row = other.get(MonitoringImport, import_id)
            seen["state"], seen["api"] = row.state, service.out(row)["state"]
            seen["history"] = [r.state for r in service.history(other)]
        seen["page"] = login_as("admin").get("/monitoring/intake").text
        seen["detail"] = login_as("admin").get(f"/monitoring/intake/{import_id}").text
        return real_commit(*args, **kwargs)

    monkeypatch.setattr(intake, "commit", watched)
    assert confirmed(admin, import_id)["state"] == "done"
    assert seen["state"] == seen["api"] == "importing" and seen["history"] == ["importing"]
    assert "导入中（0 / 27 行）" in seen["page"]
    assert 'id="progress"' in seen["detail"] and "已写入 0 / 27 行" in seen["detail"]
    assert admin.get(f"/api/monitoring/imports/{import_id}").json()["state"] == "done"


def test_a_busy_store_puts_the_upload_back_to_previewed(login_as, db, settings, registry_bytes):
    admin = login_as("admin")
    import_id = _upload(admin, ("NewSiteList.csv", registry_bytes))
    store = Store(settings.data_dir)
    store.root.mkdir(parents=True, exist_ok=True)
    service.LOCK_WAIT_SECONDS, wait = 0.2, service.LOCK_WAIT_SECONDS
    try:
        with store.lock(timeout=1):  # the CLI is importing
            busy = admin.post(f"/api/monitoring/imports/{import_id}/confirm", json={})
    finally:
        service.LOCK_WAIT_SECONDS = wait
    assert busy.status_code in (409, 422, 503), busy.text
    assert admin.get(f"/api/monitoring/imports/{import_id}").json()["state"] == "previewed"
    assert confirmed(admin, import_id)["state"] == "done"


def test_unknown_sections_are_confirmed_to_registry_sections(login_as, settings):
    admin = login_as("admin")
    assert confirmed(admin, _upload(admin, ("sections.csv", SECTIONS)))["state"] == "done"
    import_id = _upload(admin, ("water.csv", WATER))
    body = admin.get(f"/api/monitoring/imports/{import_id}").json()
    # "新闸" is a registry section's name, "S2" its code: only "新闸桥" is unknown
    assert body["state"] == "previewed" and body["unknown_sections"] == ["新闸桥"] and body["errors"] == []
    page = admin.get(f"/monitoring/intake/{import_id}").text
    assert 'name="section_0"' in page and "S1 新闸" in page
    refused = admin.post(f"/api/monitoring/imports/{import_id}/confirm", json={})
    assert refused.status_code == 422 and "新闸桥" in refused.json()["error"]
    new_code = admin.post(f"/api/monitoring/imports/{import_id}/confirm", json={"sections": {"新闸桥": "S9"}})
    assert new_code.status_code == 422 and "断面名录" in new_code.json()["error"]
    assert not Store(settings.data_dir).has("water")
    done = confirmed(admin, import_id, {"sections": {"新闸桥": "S1"}})
    assert done["state"] == "done", done
    rows = Store(settings.data_dir).connect().sql(
        'SELECT section, "do" FROM water ORDER BY section, time').fetchall()
    assert rows == [("S1", 7.2), ("S1", 6.5), ("S2", 8.0)]


def test_the_page_confirms_a_section(login_as, settings):
    admin = login_as("admin")
    confirmed(admin, _upload(admin, ("sections.csv", SECTIONS)))
    import_id = _upload(admin, ("water.csv", WATER))
    response = admin.post(f"/monitoring/intake/{import_id}/confirm", data={"section_0": "S1"})
    assert response.status_code == 303, response.text[:500]
    assert admin.get(f"/api/monitoring/imports/{import_id}").json()["state"] == "done"
