"""Every progress route × every role on a seeded database with real objects: refused exactly
as the policy says, never a server error."""

from __future__ import annotations

import re

import pytest

from ecoplan.app.permdoc import api_routes
from ecoplan.app.permissions import ANONYMOUS, ROLES, can, route_actions
from ecoplan.app.progress import reminders, service

PDF = b"%PDF-1.4\n%%EOF\n"


class _Role:
    def __init__(self, role):
        self.role, self.unit_id = role, None


@pytest.mark.parametrize("role", (*ROLES, ANONYMOUS))
def test_progress_routes_for_every_role(seeded, role):
    reporter = seeded.client("reporter")
    item = next(i for i in _items(seeded) if i.kind == "target")
    reporter.post(f"/progress/items/target/{item.uid}",
                  data={"period": "2023-05", "narrative": "x", "value_to_date": "1"})
    reporter.post("/progress/reports/1/evidence", files={"file": ("a.pdf", PDF)})
    with seeded.session() as s:
        reminders.run(s, today=service.now().date())
    ids = {"report_id": 1, "evidence_id": 1, "notice_id": 1, "kind": "target", "uid": item.uid}
    client = seeded.client(None if role == ANONYMOUS else role)
    for route in api_routes(seeded.app):
        if not route.path.startswith(("/progress", "/api/progress")):
            continue
        allowed = all(can(None if role == ANONYMOUS else _Role(role), a)
                      for a in route_actions(route))
        path = re.sub(r"\{(\w+)\}", lambda m: str(ids[m.group(1)]), route.path)
        for method in route.methods - {"HEAD"}:
            response = client.request(method, path, data={})
            assert response.status_code < 500, (method, path, response.text[-500:])
            refused = response.headers.get("X-Ecoplan-Refused") in ("login", "route")
            assert refused != allowed, (role, method, path, response.status_code)


def _items(seeded):
    with seeded.session() as s:
        return seeded.items(s, "市生态环境局")
