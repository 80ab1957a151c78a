"""Water classes in one spelling, GB 3838-2002's Roman numerals (issue 16 item 6): plan extraction
names targets "劣Ⅴ类" however the plan typed the numeral; words with the letters stay."""

from __future__ import annotations

import pytest

from ecoplan.plan.roman import roman_classes
from ecoplan.plan.targets import find_targets


@pytest.mark.parametrize("written, expected", [
    ("劣V类", "劣Ⅴ类"), ("劣v类", "劣Ⅴ类"), ("劣Ｖ类", "劣Ⅴ类"), ("劣ⅴ类", "劣Ⅴ类"), ("劣五类", "劣Ⅴ类"),
    ("劣Ⅴ类", "劣Ⅴ类"), ("III类水体", "Ⅲ类水体"), ("iv类", "Ⅳ类"), ("II～III类", "Ⅱ～Ⅲ类"),
    ("Ⅰ、II类", "Ⅰ、Ⅱ类"), ("VOCs综合治理", "VOCs综合治理"), ("TV类节目", "TV类节目"),
    ("五类重点行业", "五类重点行业"), ("劣于V类", "劣于Ⅴ类"), ("VI类", "VI类"),
])
def test_every_spelling_becomes_the_standards(written, expected):
    assert roman_classes(written) == expected


@pytest.mark.parametrize("sentence", [
    "市考以上断面消除劣V类。", "市考以上断面消除劣v类。", "市考以上断面消除劣五类。", "市考以上断面消除劣Ⅴ类。",
])
def test_extracted_target_names_use_the_standards_numeral(sentence):
    (target,) = find_targets(sentence, year=2023)
    assert "劣Ⅴ类" in f"{target.scope or ''}{target.metric}"
    assert target.text == sentence[target.start:target.end]  # the text stays as written


def test_seed_targets_have_one_spelling(seed_plan_path):
    text = seed_plan_path.read_text(encoding="utf-8")
    assert "劣V类" in text and "劣Ⅴ类" in text  # the seed writes both
    names = [f"{t.scope or ''}{t.metric}" for t in find_targets(text, year=2023)]
    worse = [n for n in names if "劣" in n and "类" in n]
    assert worse and all("劣Ⅴ类" in n for n in worse)
    assert not [n for n in names if "V类" in n or "v类" in n]
