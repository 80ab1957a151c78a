"""/api/monitoring: upload → preview (nothing written) → confirm with unknown stations mapped →
history, replaced values, undo; completeness; who may; CSRF; audit."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.db import unit_of_work
from ecoplan.monitoring.store import Store

from intake_files import city_export, confirmed

CSV = "text/csv"


def _upload(client, *files, source: str = ""):
    return client.post("/api/monitoring/imports", data={"source": source} if source else {},
                       files=[("files", (name, data, CSV)) for name, data in files])


def _hourly(settings) -> dict:
    con = Store(settings.data_dir).connect()
    return dict(con.sql("SELECT station, avg(so2) FROM air_hourly GROUP BY 1").fetchall())


def _save_map(admin):
    response = admin.post("/monitoring/intake/maps", data={"source": "市平台", "mapping": "点位=station"})
    assert response.status_code == 303, response.text


@pytest.mark.parametrize("role", ["leader", "reporter", "district", "viewer"])
def test_only_the_office_imports(login_as, role):
    client = login_as(role)
    assert _upload(client, ("a.csv", b"x,y\n1,2\n")).status_code == 403
    assert client.get("/api/monitoring/imports/1").status_code == 403
    assert client.get("/api/monitoring/completeness?period=2023-06").status_code == 200


def test_writes_need_the_csrf_header(login_as):
    admin = login_as("admin")
    del admin.headers["X-CSRF-Token"]
    assert _upload(admin, ("a.csv", b"x\n1\n")).status_code == 403


def test_upload_preview_confirm_undo(login_as, db, settings, registry_bytes):
    admin = login_as("admin")
    _save_map(admin)
    response = _upload(admin, ("NewSiteList.csv", registry_bytes), ("city.csv", city_export()), source="市平台")
    assert response.status_code == 202
    first = response.json()
    assert first["state"] == "previewed"
    body = admin.get(f"/api/monitoring/imports/{first['id']}").json()
    assert body["state"] == "previewed" and body["errors"] == []
    assert body["unknown_stations"] == ["新建站"]
    assert body["rows"] == 27 + 2 * 48  # the registry's rows and two days of two stations
    assert not Store(settings.data_dir).root.exists() or not Store(settings.data_dir).has("air_hourly")

    refused = admin.post(f"/api/monitoring/imports/{first['id']}/confirm", json={})
    assert refused.status_code == 422 and "新建站" in refused.json()["error"]
    assert not Store(settings.data_dir).has("air_hourly")

    done = confirmed(admin, first["id"], {"stations": {"新建站": "9001A"}})
    assert done["state"] == "done" and done["progress"] == {"done": 123, "total": 123}
    assert _hourly(settings) == {"1001A": 5.0, "9001A": 5.0}
    assert "9001A" in set(Store(settings.data_dir).table("stations")["station"])

    # A corrected release: the same hours with other SO2 values replace the stored ones.
    again = _upload(admin, ("city-v2.csv", city_export(so2=7)), source="市平台").json()
    body = admin.get(f"/api/monitoring/imports/{again['id']}").json()
    assert body["unknown_stations"] == []  # the new station is in the registry now, by its name
    assert body["replaced"] == 96  # the preview says it, before anything is written
    assert _hourly(settings) == {"1001A": 5.0, "9001A": 5.0}
    second = confirmed(admin, again["id"])
    assert second["state"] == "done" and second["replaced"] == 96
    assert second["replaced_samples"][0]["old"] == 5.0 and second["replaced_samples"][0]["new"] == 7.0
    assert _hourly(settings) == {"1001A": 7.0, "9001A": 7.0}

    undone = admin.post("/api/monitoring/imports/undo")
    assert undone.status_code == 200 and undone.json()["state"] == "undone"
    assert _hourly(settings) == {"1001A": 5.0, "9001A": 5.0}
    assert admin.post("/api/monitoring/imports/undo").status_code == 422  # only the last one
    with unit_of_work(db) as s:
        actions = [e.action for e in s.scalars(select(AuditEntry).where(AuditEntry.object_type == "monitoring_import"))]
    assert actions == ["monitoring.import", "monitoring.import", "monitoring.undo"]


def test_a_bad_file_refuses_the_whole_upload(login_as, settings, registry_bytes):
    admin = login_as("admin")
    bad = city_export(stations=("万寿西宫",)).replace(b"2023,6,2,5,", b"2023,6,2,25,")
    body = _upload(admin, ("NewSiteList.csv", registry_bytes), ("万寿西宫.csv", bad)).json()
    assert body["state"] == "failed"
    detail = admin.get(f"/api/monitoring/imports/{body['id']}").json()
    assert detail["errors"], detail
    # unknown layout without the column map: the file is named, nothing stored
    assert any(e["file"] == "万寿西宫.csv" for e in detail["errors"])
    assert admin.post(f"/api/monitoring/imports/{body['id']}/confirm", json={}).status_code == 422
    assert not Store(settings.data_dir).has("stations")


def test_row_errors_name_file_row_and_field(login_as, registry_bytes):
    admin = login_as("admin")
    _save_map(admin)
    bad = city_export(stations=("万寿西宫",)).replace(b"2023,6,2,5,", b"2023,6,2,25,")
    body = _upload(admin, ("NewSiteList.csv", registry_bytes), ("市平台.csv", bad), source="市平台").json()
    errors = admin.get(f"/api/monitoring/imports/{body['id']}").json()["errors"]
    assert errors[0]["file"] == "市平台.csv" and errors[0]["row"] == 2 + 24 + 5 and errors[0]["field"] == "小时"
    assert "小时" in errors[0]["message"]


def test_oversized_upload_is_refused(login_as, settings):
    admin = login_as("admin")
    response = _upload(admin, ("big.csv", b"a" * (settings.max_upload_bytes + 10)))
    assert response.status_code in (413, 422)


def test_completeness_names_what_is_missing(login_as, registry_bytes):
    admin = login_as("admin")
    _save_map(admin)
    row = _upload(admin, ("NewSiteList.csv", registry_bytes), ("city.csv", city_export(stations=("万寿西宫",))),
                  source="市平台").json()
    assert confirmed(admin, row["id"])["state"] == "done"
    report = admin.get("/api/monitoring/completeness?period=2023-06").json()
    station = next(a for a in report["air"] if a["station"] == "1001A")
    assert report["required_days"] == 27
    assert station["valid_days"]["pm25"] == 2 and "pm25" in station["short"]
    assert 3 in station["missing_days"] and 1 not in station["missing_days"]
    assert "PM2.5 月均浓度" in station["affects"]
    assert admin.get("/api/monitoring/completeness?period=2023-13").status_code == 422
    assert admin.get("/api/monitoring/completeness?period=2023-02").json()["required_days"] == 25


def test_an_xlsx_that_unpacks_too_far_is_refused_before_reading(login_as, settings):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (settings.max_upload_bytes * 8 + 1))
    response = _upload(login_as("admin"), ("bomb.xlsx", buffer.getvalue()))
    assert response.status_code == 422 and "解压后过大" in response.json()["error"]
    assert _upload(login_as("admin"), ("broken.xlsx", b"not a zip")).json()["error"] == "broken.xlsx：不是有效的 xlsx 文件（无法解压）"
