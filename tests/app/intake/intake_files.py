"""A city platform's hourly export, written by the intake tests."""

from __future__ import annotations


def city_export(stations=("万寿西宫", "新建站"), *, days=(1, 2), so2: float = 5.0) -> bytes:
    """A city platform's hourly export: Chinese headers, stations by name, its own station column
    header ("点位") that only a column map turns into the station field."""
    lines = ["点位,年,月,日,小时,PM2.5(μg/m³),PM10(μg/m³),SO2(μg/m³),NO2(μg/m³),CO(mg/m³),O3(μg/m³)"]
    for day in days:
        for hour in range(24):
            for name in stations:
                lines.append(f"{name},2023,6,{day},{hour},{30 + hour},{50 + hour},{so2:g},20,0.6,{80 + hour}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def confirmed(client, import_id: int, json: dict | None = None, *, seconds: float = 60.0) -> dict:
    """Confirm an upload through the API (202, ``importing``) and poll it until it ends, as an
    outside check does: its final ``GET /api/monitoring/imports/{id}``."""
    response = client.post(f"/api/monitoring/imports/{import_id}/confirm", json=json or {})
    assert response.status_code == 202, response.text
    assert response.json()["state"] in ("importing", "failed"), response.text
    return polled(client, import_id, seconds=seconds)


def polled(client, import_id: int, *, seconds: float = 60.0) -> dict:
    """``GET /api/monitoring/imports/{id}`` until the import is no longer ``importing``."""
    import time

    deadline = time.monotonic() + seconds
    while True:
        body = client.get(f"/api/monitoring/imports/{import_id}").json()
        if body["state"] != "importing" or time.monotonic() > deadline:
            return body
        time.sleep(0.1)
