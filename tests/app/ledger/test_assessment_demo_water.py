"""The demo's review page scores every district on its own water sections (TestClient)."""

from __future__ import annotations

import re
import shutil

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from ecoplan.app.main import create_app
from ecoplan.app.plans.queries import DISTRICTS
from ecoplan.config import Settings
from ecoplan.demo.build import ACCOUNTS

WATER_ITEMS = ("国考断面优Ⅲ比例", "省考断面优Ⅲ比例", "市考以上断面消除劣Ⅴ类")


@pytest.fixture(scope="module")
def admin(tmp_path_factory, demo_template):
    data_dir = tmp_path_factory.mktemp("demo-water") / "demo"
    shutil.copytree(demo_template, data_dir)
    application = create_app(Settings(data_dir=data_dir))
    account = next(a for a in ACCOUNTS if a.role == "admin")
    with TestClient(application, base_url="http://testserver") as client:
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
        client.post("/login", data={"csrf_token": token, "username": account.username,
                                    "password": account.password, "next": "/"})
        yield client
    application.state.engine.dispose()


def _water_lines(html: str) -> dict[str, dict[str, tuple[str, str]]]:
    """district → water item → (数据, 得分) from the ranking's explanation tables."""
    table = BeautifulSoup(html, "lxml").select_one("#ranking-district")
    out = {}
    for details in table.select("details"):
        rows = [[td.get_text(strip=True) for td in tr.select("td")]
                for tr in details.select("table.explain tbody tr")]
        out[details.summary.get_text(strip=True)] = {r[0]: (r[2], r[3]) for r in rows
                                                     if r[0] in WATER_ITEMS}
    return out


def test_second_quarter_review_scores_district_water(admin):
    response = admin.get("/assessment?year=2023&quarter=2")
    assert response.status_code == 200
    lines = _water_lines(response.text)
    assert set(lines) == set(DISTRICTS)
    for district, items in lines.items():
        assert set(items) == set(WATER_ITEMS), district
        for number, points in items.values():
            assert number.startswith("实际 "), (district, number)
            assert re.fullmatch(r"\d+(\.\d+)? / [53]", points), (district, points)
    # The demo's sections are synthetic, with every district holding sections of each level;
    # their shares differ, and at least one district loses points on a water item.
    assert len({items["省考断面优Ⅲ比例"][0] for items in lines.values()}) > 1
    assert any("扣" in number for items in lines.values() for number, _ in items.values())
