"""Request bodies above Settings.max_upload_bytes are refused (413) before they are read."""

from __future__ import annotations

import dataclasses
import warnings

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
from fastapi.testclient import TestClient  # noqa: E402

from ecoplan.app.main import create_app  # noqa: E402


def _small_app(settings):
    return create_app(dataclasses.replace(settings, max_upload_bytes=1000))


def test_oversized_bodies_are_refused(settings):
    app = _small_app(settings)
    with TestClient(app) as c:
        c.get("/healthz")
        headers = {"X-CSRF-Token": c.cookies["ecoplan_csrf"],
                   "content-type": "application/x-www-form-urlencoded"}
        declared = c.post("/login", content=b"a" * 2000, headers=headers)
        assert declared.status_code == 413 and "上传的内容过大" in declared.text
        streamed = c.post("/login", content=(b"a" * 500 for _ in range(5)), headers=headers)
        assert streamed.status_code == 413 and "上传的内容过大：最多" in streamed.text
        api = c.post("/api/anything", content=b"a" * 2000, headers=headers)
        assert api.status_code == 413 and "error" in api.json()
        small = c.post("/login", data={"username": "x", "password": "y"}, headers=headers)
        assert small.status_code == 401
    app.state.engine.dispose()
