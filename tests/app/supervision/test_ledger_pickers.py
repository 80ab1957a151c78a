"""The ledger's pickers (issue 16, item 6): units by alias or without the city's prefix, tasks
with their titles, target names in one spelling of Roman numerals (Ⅴ)."""

from __future__ import annotations

import pytest

from ecoplan.app.db import unit_of_work
from ecoplan.app.ledger.fields import parse_link, parse_units, roman_classes, target_metrics, unit_names
from ecoplan.errors import InputError


@pytest.mark.parametrize("written, expected", [
    ("劣V类", "劣Ⅴ类"), ("Ⅲ类", "Ⅲ类"), ("III类水体", "Ⅲ类水体"), ("IV类", "Ⅳ类"),
    ("VOCs综合治理项目", "VOCs综合治理项目"), ("II～III类", "Ⅱ～Ⅲ类"),
])
def test_roman_class_numerals(written, expected):
    assert roman_classes(written) == expected


def test_units_and_targets_as_people_write_them(db, published):
    with unit_of_work(db) as s:
        known = unit_names(s)
        assert parse_units("生态环境局、市环保局、武进区", known) == ["市生态环境局", "武进区"]
        with pytest.raises(InputError, match="没有“火星局”"):
            parse_units("火星局", known)
        metrics = target_metrics(s)
        assert not [m for m in metrics if "V类" in m]
        inferior = sorted(m for m in metrics if m.startswith("劣Ⅴ类"))
        assert len(inferior) == 2 and all("（" in m for m in inferior)
        assert parse_link(inferior[0].replace("Ⅴ", "V"), metrics, field="f", what="目标") == metrics[inferior[0]]


def test_ledger_form_and_item_show_task_titles(login_as, published):
    admin = login_as("admin")
    form = admin.get("/ledger/new").text
    assert 'list="ledger-unit-names"' in form and "第 10 项 " in form and "劣V类" not in form
    made = admin.post("/ledger", data={
        "code": "T-9", "source": "city", "description": "河道保洁不到位", "district": "武进区",
        "units": "生态环境局", "deadline": "2099-12-31", "stage": "short", "task": "10"})
    assert made.status_code == 303, made.text
    page = admin.get(made.headers["location"]).text
    assert "市生态环境局" in page and "第 10 项重点任务：" in page and "（北京时间）" in page
