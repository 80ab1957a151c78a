from ecoplan.plan.inline_items import inline_items
from ecoplan.plan.outline import cn_number, nodes, parse_outline


def outline(text):
    return [(n.level, n.style, n.number, n.title) for n in nodes(parse_outline(text))]


def test_levels_follow_the_order_styles_appear_in():
    text = ("序言不属于任何条目\n一、工作目标\n目标段落\n二、重点任务\n（一）大气\n1. 治理工业源。正文\n"
            "（1）子项一。正文\n(2)子项二\n2．治理移动源\n续段\n(二)水\n3、治理河道\n三、保障措施\n1.加强领导\n")
    assert outline(text) == [
        (0, "cn", "一", "工作目标"), (0, "cn", "二", "重点任务"), (1, "cn_paren", "一", "大气"),
        (2, "arabic", "1", "治理工业源"), (3, "arabic_paren", "1", "子项一"), (3, "arabic_paren", "2", "子项二"),
        (2, "arabic", "2", "治理移动源"), (1, "cn_paren", "二", "水"), (2, "arabic", "3", "治理河道"),
        (0, "cn", "三", "保障措施"), (1, "arabic", "1", "加强领导"),
    ]


def test_continuation_paragraphs_belong_to_the_deepest_open_item():
    text = "一、任务\n1. 第一项。正文\n第二段\n第三段\n2. 第二项\n"
    first = list(nodes(parse_outline(text)))[1]
    assert [text[s:e] for s, e in first.paragraphs] == ["第一项。正文", "第二段", "第三段"]
    assert text[first.start:first.end] == "第一项。正文\n第二段\n第三段"


def test_decimals_dates_and_attachments_are_not_headings():
    text = "一、任务\n1. 第一项\n2.4万亩池塘清退\n2023年完成\n附件：指标体系\n1. 附件中的条目\n"
    items = outline(text)
    assert items == [(0, "cn", "一", "任务"), (1, "arabic", "1", "第一项")]


def test_circled_and_full_width_numbers():
    assert outline("一、任务\n①甲项\n②乙项\n") == [(0, "cn", "一", "任务"), (1, "circled", "①", "甲项"),
                                                    (1, "circled", "②", "乙项")]
    assert outline("（十二）第十二项\n") == [(0, "cn_paren", "十二", "第十二项")]


def test_chinese_numerals():
    assert [cn_number(t) for t in ["一", "九", "十", "十一", "二十", "二十三", "36", "③"]] == [1, 9, 10, 11, 20, 23, 36, 3]


def test_inline_ordinals_need_a_first_item():
    text = "加强管理。一是完善制度；二是强化执法；三是严格考核。"
    assert [n for _, n in inline_items(text)] == ["一是", "二是", "三是"]
    assert inline_items("坚持统一是关键。") == []


def test_a_number_with_a_closing_parenthesis_only():
    assert outline("一、任务\n1）甲项\n2)乙项\n") == [(0, "cn", "一", "任务"), (1, "arabic_rparen", "1", "甲项"),
                                                  (1, "arabic_rparen", "2", "乙项")]


def test_the_signature_closing_the_body_belongs_to_no_item():
    text = "一、任务\n1. 第一项\n续段\n某市人民政府办公室\n2024年3月8日\n（此件公开发布）\n"
    first = list(nodes(parse_outline(text)))[1]
    assert text[first.start:first.end] == "第一项\n续段"


def test_measures_numbered_1_under_tasks_numbered_1_dot():
    text = "一、任务\n1. 甲任务\n2. 乙任务\n1、乙的措施一\n2、乙的措施二\n3、乙的措施三\n3. 丙任务\n4、丁任务（编号标点打错）\n"
    assert [(level, number, title) for level, _, number, title in outline(text)] == [
        (0, "一", "任务"), (1, "1", "甲任务"), (1, "2", "乙任务"), (2, "1", "乙的措施一"), (2, "2", "乙的措施二"),
        (2, "3", "乙的措施三"), (1, "3", "丙任务"), (1, "4", "丁任务（编号标点打错）")]


def test_an_item_glued_to_the_previous_one_on_its_line_is_split_off():
    text = "一、任务\n1、治理甲河。完成时间:5月底前。\n2、治理乙河。完成时间:6月10日前。3、治理丙河。完成时间:7月底前。\n"
    assert outline(text) == [(0, "cn", "一", "任务"), (1, "arabic", "1", "治理甲河"),
                             (1, "arabic", "2", "治理乙河"), (1, "arabic", "3", "治理丙河")]
    third = list(nodes(parse_outline(text)))[3]
    assert text[third.start:third.end] == "治理丙河。完成时间:7月底前。"


def test_numbers_inside_a_sentence_are_not_glued_items():
    # Not after a sentence's end, not the next number, other punctuation, a decimal, a count.
    text = ("一、任务\n1、治理河道。整治1、2、3号排口。\n2、新建管网。5、6号泵站改造。2.5万吨污水处理。"
            "3.完成验收。3、4号闸站。\n")
    assert outline(text) == [(0, "cn", "一", "任务"), (1, "arabic", "1", "治理河道"),
                             (1, "arabic", "2", "新建管网")]
    # A task listing its own measures from 1 on the same line keeps them.
    listed = "一、任务\n1.推进治理。具体包括：1.关停小锅炉；2.整治散乱污企业。\n2.加强监管\n"
    assert outline(listed) == [(0, "cn", "一", "任务"), (1, "arabic", "1", "推进治理"),
                               (1, "arabic", "2", "加强监管")]
