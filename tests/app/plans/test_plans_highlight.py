"""highlight: where items came from in the source text."""

from ecoplan.app.plans.highlight import Piece, locate, pieces


def test_nested_items_cover_the_same_piece():
    source = "甲。全市PM2.5浓度不超过31微克/立方米,优良天数比率不低于80.0%。乙"
    spans, missing = locate(source, [
        ("task", "全市PM2.5浓度不超过31微克/立方米,优良天数比率不低于80.0%"),
        ("g1", "全市PM2.5浓度不超过31微克/立方米"),
        ("g2", "优良天数比率不低于80.0%"),
    ])
    assert missing == []
    cut = pieces(source, spans)
    assert "".join(p.text for p in cut) == source
    assert Piece("全市PM2.5浓度不超过31微克/立方米", ("task", "g1")) in cut
    assert Piece("优良天数比率不低于80.0%", ("task", "g2")) in cut
    assert cut[0] == Piece("甲。", ())


def test_missing_and_empty_texts_are_reported():
    spans, missing = locate("abc", [("a", "zzz"), ("b", ""), ("c", "b")])
    assert missing == ["a", "b"]
    assert spans[0].start == 1


def test_repeated_sentence_goes_to_its_own_place():
    source = "完成。其他。完成。"
    spans, _ = locate(source, [("d1", "完成。"), ("d2", "完成。")])
    assert [s.start for s in spans] == [0, 6]


def test_two_items_quoting_one_sentence_share_it():
    spans, missing = locate("甲。年内清淤150万方。乙", [("g", "年内清淤150万方"), ("d", "年内清淤150万方")])
    assert missing == [] and [s.start for s in spans] == [2, 2]


def test_long_task_text_found_by_its_beginning():
    head = "加快能源绿色低碳转型。推进煤电机组“三改联动”。加大散煤治理力度,全市基本实现散煤清零。"
    source = "前言\n" + head + "正文继续"
    spans, missing = locate(source, [("t", head + "（原文中没有的尾巴）")])
    assert missing == [] and spans[0].start == 3


def test_no_spans_gives_the_whole_text():
    assert pieces("原文", []) == [Piece("原文", ())]
    assert pieces("", []) == []
