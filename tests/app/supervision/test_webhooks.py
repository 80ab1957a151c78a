"""Group robots: a notice reaches a local HTTP receiver in the 企业微信 and 钉钉 formats (钉钉
signed), failures are kept and retried from the admin page."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from ecoplan.app.db import unit_of_work
from ecoplan.app.units.models import Unit
from ecoplan.app.workbench.webhooks import WebhookDelivery, signed_url

PORTS = range(18700, 18800)  # this engineer's range


class Receiver(BaseHTTPRequestHandler):
    received: list = []
    answer = {"errcode": 0, "errmsg": "ok"}

    def do_POST(self):  # noqa: N802 (http.server's name)
        length = int(self.headers["Content-Length"])
        Receiver.received.append((self.path, json.loads(self.rfile.read(length))))
        data = json.dumps(Receiver.answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    for port in PORTS:
        try:
            server = HTTPServer(("127.0.0.1", port), Receiver)
            break
        except OSError:
            continue
    else:
        pytest.skip("no free port in 18700–18799")
    Receiver.received, Receiver.answer = [], {"errcode": 0, "errmsg": "ok"}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_dingtalk_signature_follows_the_documented_rule():
    url = signed_url("https://oapi.dingtalk.com/robot/send?access_token=abc", "SEC123", 1700000000000)
    query = parse_qs(urlsplit(url).query)
    expected = base64.b64encode(hmac.new(b"SEC123", b"1700000000000\nSEC123", hashlib.sha256).digest())
    assert query["timestamp"] == ["1700000000000"] and query["access_token"] == ["abc"]
    assert query["sign"][0].encode() == expected  # parse_qs undoes the URL encoding
    assert url.endswith("%3D")  # a 32-byte digest's Base64 ends in one "=", sent URL-encoded


def test_a_notice_reaches_the_units_and_the_offices_robots(login_as, db, receiver):
    admin = login_as("admin")
    with unit_of_work(db) as s:
        wj = s.scalar(select(Unit.id).where(Unit.name == "武进区"))
    assert admin.post("/admin/webhooks", data={"unit_id": str(wj), "format": "wecom",
                                               "url": f"{receiver}/wecom?key=k1"}).status_code == 303
    assert admin.post("/admin/webhooks", data={"format": "dingtalk", "url": f"{receiver}/ding?access_token=t",
                                               "secret": "SECabc"}).status_code == 303
    bad = admin.post("/admin/webhooks", data={"format": "wecom", "url": "ftp://x"})
    assert bad.status_code == 422 and "https://" in bad.text
    admin.post("/api/supervision/items", json={"kind": "交办", "units": ["武进区"], "title": "交办：排口"})
    paths = sorted(p for p, _ in Receiver.received)
    assert len(paths) == 2 and paths[1].startswith("/wecom?key=k1")
    ding = next(p for p in paths if p.startswith("/ding"))
    query = parse_qs(urlsplit(ding).query)
    digest = hmac.new(b"SECabc", f"{query['timestamp'][0]}\nSECabc".encode(), hashlib.sha256).digest()
    assert query["sign"][0] == base64.b64encode(digest).decode()
    bodies = [b for _, b in Receiver.received]
    assert all(b["msgtype"] == "text" and "交办：排口" in b["text"]["content"] for b in bodies)
    login_as("reporter").post("/api/supervision/items", json={})  # refused: nothing pushed
    assert len(Receiver.received) == 2


def test_failures_are_shown_and_retried(login_as, db, receiver):
    admin = login_as("admin")
    admin.post("/admin/webhooks", data={"format": "wecom", "url": f"{receiver}/wecom?key=k"})
    Receiver.answer = {"errcode": 93000, "errmsg": "invalid webhook url"}
    admin.post("/api/supervision/items", json={"kind": "督办", "units": ["武进区"], "title": "督办：扬尘"})
    page = admin.get("/admin/webhooks").text
    assert "失败 1 条" in page and "机器人返回错误 93000" in page
    Receiver.answer = {"errcode": 0}
    assert admin.post("/admin/webhooks/retry").status_code == 303
    with unit_of_work(db) as s:
        (delivery,) = s.scalars(select(WebhookDelivery)).all()
        assert (delivery.status, delivery.attempts) == ("sent", 2)
    assert len(Receiver.received) == 2
    assert login_as("leader").get("/admin/webhooks").status_code == 403
