"""The public page in plain words: goals as sentences, statuses with colour, words and a
one-line 依据, a glossary, and the ways to take part (report, survey)."""

from __future__ import annotations

import re

from ecoplan.app.public.plain import goal_sentence, outlook


def test_goal_sentences_and_outlook():
    pm = {"label": "细颗粒物（PM2.5）平均浓度", "comparator": "<=", "value": 31.0, "unit": "μg/m³",
          "projection": 33.2}
    assert goal_sentence(pm) == "今年细颗粒物（PM2.5）平均浓度目标：不高于31微克/立方米"
    assert outlook(pm) == "按目前趋势，年底预计约33.2微克/立方米，完成目标有困难，需要加大力度。"
    good = {"label": "优良天数比率", "comparator": ">=", "value": 80, "unit": "%", "projection": 81.5}
    assert outlook(good).endswith("有望完成目标。")
    assert outlook({**good, "projection": None}) is None


def test_public_page_speaks_plainly(seeded, with_monitoring):
    page = seeded.client(None).get("/public").text
    assert "目标：不高于" in page and "名词解释" in page and "优良天数比率" in page
    chips = re.findall(r'class="status-chip status-(\w+)">([^<]+)<', page)
    assert chips and {c for c, _ in chips} <= {"ok", "warn", "bad", "none"}
    assert "未报送" not in page  # internal wording replaced by 本期进展尚未更新
    assert page.count("依据：") >= len(chips) - 1
    assert 'href="/public/feedback"' in page and 'href="/public/survey"' in page
