"""The link suggestion (``subplans.similarity``): bigram cosine computed by hand, unit cores,
the goal-metric rule, the threshold."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ecoplan.app.subplans.similarity import (MIN_SCORE, UNIT_BONUS, Candidate, bigrams,
                                             cosine_matrix, suggest, unit_core)


def test_bigrams_drop_brackets_punctuation_and_digits():
    assert bigrams("治理污水，完成20个。（区水利局牵头）") == ["治理", "理污", "污水", "水完", "完成", "成个"]
    assert bigrams("") == []


@pytest.mark.parametrize(("name", "core"), [
    ("区住房和城乡建设局", "住房和城乡建设"), ("市住房和城乡建设局", "住房和城乡建设"),
    ("武进生态环境局", "生态环境"), ("市生态环境局", "生态环境"),
    ("市发展和改革委员会", "发展和改革"), ("区自然资源和规划分局", "自然资源和规划"),
    ("常州市武进区水利局", "水利")])
def test_unit_core(name, core):
    assert unit_core(name) == core


def test_cosine_by_hand():
    # 污水治理 → {污水, 水治, 治理}; 治理污水 → {治理, 理污, 污水}: 2 shared of 3 and 3
    value = cosine_matrix(["污水治理"], ["治理污水", "大气"])
    assert value.shape == (1, 2)
    assert value[0, 0] == pytest.approx(2 / 3)
    assert value[0, 1] == 0.0
    # repeated bigrams count: 水水水 → {水水: 2}; 水水 → {水水: 1}: cosine 1
    assert cosine_matrix(["水水水"], ["水水"])[0, 0] == pytest.approx(1.0)
    assert np.all(cosine_matrix(["。"], ["污水"]) == 0.0)


def test_suggest_picks_the_closest_task_and_adds_the_unit_bonus():
    tasks = [Candidate("task", "a", "推进固定源深度治理", ("市生态环境局",)),
             Candidate("task", "b", "实施扬尘污染精细化治理", ("市住房和城乡建设局",))]
    item = Candidate("task", "", "推进固定源深度治理", ("武进生态环境局",))
    (found,) = suggest([item], tasks)
    assert (found.kind, found.uid) == ("task", "a")
    assert found.score == 1.0  # 1 + bonus, capped at 1
    # the bonus alone decides between two equally similar texts
    twins = [Candidate("task", "x", "综合治理", ("市水利局",)),
             Candidate("task", "y", "综合治理", ("市住房和城乡建设局",))]
    (found,) = suggest([Candidate("task", "", "治理综合", ("区住房和城乡建设局",))], twins)
    expected = cosine_matrix(["治理综合"], ["综合治理"])[0, 0] + UNIT_BONUS
    # 治理综合 → {治理, 理综, 综合}; 综合治理 → {综合, 合治, 治理}: 2 shared of 3 and 3
    assert expected == pytest.approx(2 / 3 + UNIT_BONUS)
    assert found.uid == "y" and found.score == pytest.approx(round(expected, 3))


def test_a_goal_takes_the_city_goal_of_its_metric_and_nothing_below_the_threshold():
    city = [Candidate("target", "g1", "PM2.5浓度不超过31微克/立方米", metric="PM2.5浓度"),
            Candidate("task", "t1", "推进固定源深度治理")]
    goal = Candidate("target", "", "全区PM2.5浓度不超过32微克/立方米", metric="PM2.5浓度")
    unrelated = Candidate("task", "", "召开读书会")
    found = suggest([goal, unrelated], city)
    assert (found[0].kind, found[0].uid, found[0].score) == ("target", "g1", 1.0)
    assert found[1] is None
    assert MIN_SCORE > 0
    assert suggest([], city) == [] and suggest([goal], []) == [None]


def test_cosine_matches_a_direct_formula():
    a, b = "城镇污水收集处理", "城乡污水收集处理提升"
    ga, gb = bigrams(a), bigrams(b)
    keys = set(ga) | set(gb)
    va = [ga.count(k) for k in keys]
    vb = [gb.count(k) for k in keys]
    direct = sum(x * y for x, y in zip(va, vb)) / math.sqrt(sum(x * x for x in va) * sum(y * y for y in vb))
    assert cosine_matrix([a], [b])[0, 0] == pytest.approx(direct)
