"""Key projects on the city overview (what the user may see) and on the public page (only what
the office marks public), with totals computed by hand from ``projects_data``."""

from __future__ import annotations

import pytest
from app_env import seed_city

from ecoplan.plan.gazetteer import load_gazetteer


@pytest.fixture
def city(db, projects):
    seed_city(db, load_gazetteer())
    return projects


def test_the_overview_shows_the_projects_the_user_may_see(city, login_as):
    page = login_as("admin").get("/status")
    assert page.status_code == 200
    # all five: planned 8000, done 4000 (50.0%); started P1 P2 P4; main works done P2 only (P4
    # on 07-11, after the evaluation day); operating P2; behind P3 P4
    assert "计划总投资 8000.00 万元，累计完成 4000.00 万元" in page.text
    assert 'id="projects-rate">50.0%' in page.text
    assert "已开工 3 个，主体完工 1 个，已投运 1 个，滞后 2 个" in page.text
    # 武进区: P1, P3, P5 lie in it and it owns P4: planned 5000, done 1000 (20.0%)
    district = login_as("district").get("/status")
    assert 'id="projects-rate">20.0%' in district.text and "5000.00" in district.text


def test_the_public_page_shows_only_what_the_office_marks_public(city, login_as, client):
    assert "重点工程项目建设情况" not in client.get("/public").text
    admin = login_as("admin")
    for code in ("P1", "P2"):
        assert admin.post(f"/projects/{city[code]}/public", data={"public": "1"}).status_code == 303
    page = client.get("/public").text
    assert "重点工程项目建设情况" in page and "项目P1" in page and "项目P3" not in page
    # P1 + P2: planned 4000, done 3400 (85.0%); both started, P2 operating
    assert "公开的 2 个项目计划总投资 4000.00 万元，已完成 3400.00 万元（85.0%）" in page
    assert "已开工 2 个，已投运 1 个" in page
    admin.post(f"/projects/{city['P2']}/public", data={"public": "0"})
    assert "公开的 1 个项目" in client.get("/public").text
    assert login_as("reporter").post(f"/projects/{city['P1']}/public",
                                     data={"public": "0"}).status_code == 403
