import pytest

from ecoplan.plan.responsibility import find_clause, parse_names


def roles(paragraph, gazetteer):
    clause = find_clause(paragraph, 0, gazetteer)
    return None if clause is None else clause.roles


def test_lead_cooperating_implementers_and_a_standing_clause(gazetteer):
    clause = find_clause("推进工作。（市发改委牵头，市工信局、生态环境局等配合，各辖市区人民政府负责落实。"
                         "以下均需各辖市区人民政府负责落实，不再列出）", 0, gazetteer)
    assert clause.roles == {"lead": ["市发改委"], "cooperating": ["市工信局", "市生态环境局"],
                            "implementers": ["各辖市区人民政府"]}
    assert clause.standing == {"implementers": ["各辖市区人民政府"]}


@pytest.mark.parametrize("paragraph, expected", [
    # elided 市 restored, also where the short form starts with 市 (市场监管局)
    ("做好工作(市发改委、工信局、市场监管局按职责分工负责)", {"shared": ["市发改委", "市工信局", "市市场监管局"]}),
    # a comma before the list: 市委宣传部 shares the role named at the end
    ("做好工作。(市委宣传部,市发改委、财政局按职责分工负责)", {"shared": ["市委宣传部", "市发改委", "市财政局"]}),
    ("做好工作。（市生态环境局、水利局按职责分工）", {"shared": ["市生态环境局", "市水利局"]}),
    ("做好工作。(市生态环境局牵头,市法院、检察院参与)", {"lead": ["市生态环境局"], "cooperating": ["市法院", "市检察院"]}),
    ("做好工作。（市住建局牵头，市生态环境局协同）", {"lead": ["市住建局"], "cooperating": ["市生态环境局"]}),
    ("新建工业污水管网100公里(市生态环境局牵头)", {"lead": ["市生态环境局"]}),
    # a name unknown to the gazetteer keeps the restored prefix and is never dropped
    ("做好工作。（市发改委、农机局牵头）", {"lead": ["市发改委", "市农机局"]}),
    # 负责 alone shares the task (issue 18; it read as the lead before).
    ("做好工作。（市生态环境局负责）", {"shared": ["市生态环境局"]}),
    ("做好工作。（牵头单位：市生态环境局；配合单位：市水利局、农业农村局）",
     {"lead": ["市生态环境局"], "cooperating": ["市水利局", "市农业农村局"]}),
    # a town and an industrial park named with a role are units (no 市 put before them)
    ("开展整治。(市水利局负责,生态环境局、甲口镇配合)", {"shared": ["市水利局"], "cooperating": ["市生态环境局", "甲口镇"]}),
    ("关停锅炉。(县发改局牵头;各乡镇人民政府、县工业园落实)",
     {"lead": ["县发改局"], "implementers": ["各乡镇人民政府", "县工业园"]}),
])
def test_clause_forms(gazetteer, paragraph, expected):
    assert roles(paragraph, gazetteer) == expected


@pytest.mark.parametrize("line, expected", [
    ("责任单位：市发改委、市工信局", {"lead": ["市发改委", "市工信局"]}),
    ("牵头单位：市生态环境局", {"lead": ["市生态环境局"]}),
    ("配合单位：市住建局，市水利局", {"cooperating": ["市住建局", "市水利局"]}),
])
def test_labelled_lines(gazetteer, line, expected):
    assert roles(line, gazetteer) == expected


@pytest.mark.parametrize("paragraph", [
    "严格执行《池塘养殖尾水排放标准》(DB32/4043-2021)",
    "完成生态改造(二期、三期)工程",
    "全面实施汽车排放检测与维护(I/M)制度。",
    "各地根据实际情况确定时间(具体由各地负责确定的事项)",
])
def test_parentheses_that_are_not_clauses(gazetteer, paragraph):
    assert roles(paragraph, gazetteer) is None


def test_clause_offsets_point_into_the_text(gazetteer):
    text = "加强公众参与。(市生态环境局牵头)"
    clause = find_clause(text, 100, gazetteer)
    assert (clause.start, clause.end) == (107, 100 + len(text))


def test_table_cells(gazetteer):
    assert parse_names("市发改委、工信局等", gazetteer) == ["市发改委", "市工信局"]
    assert parse_names("市生态环境局\n市水利局", gazetteer) == ["市生态环境局", "市水利局"]


@pytest.mark.parametrize("paragraph, expected", [
    ("完成20家企业改造。责任单位：市生态环境局、市工信局", {"lead": ["市生态环境局", "市工信局"]}),
    ("完成20家企业改造。【牵头单位：市生态环境局；配合单位：市水利局】", {"lead": ["市生态环境局"], "cooperating": ["市水利局"]}),
    ("（责任单位：市发改委（牵头）、工信局、财政局）", {"lead": ["市发改委"], "cooperating": ["市工信局", "市财政局"]}),
])
def test_label_forms_closing_a_paragraph(gazetteer, paragraph, expected):
    assert roles(paragraph, gazetteer) == expected


def test_a_label_word_inside_running_text_is_not_a_clause(gazetteer):
    assert roles("要明确责任单位：各地要抓紧落实。并按时报送。", gazetteer) is None


def test_lead_marks_in_table_cells(gazetteer):
    from ecoplan.plan.responsibility import split_lead_marks

    assert split_lead_marks(parse_names("市发改委（牵头）、工信局", gazetteer)) == (["市发改委"], ["市工信局"])


def test_a_plan_wide_note_makes_the_first_responsible_unit_lead(gazetteer):
    from ecoplan.plan.responsibility import first_listed_leads

    assert first_listed_leads("（注：责任单位中排在第一位的为牵头单位）")
    assert not first_listed_leads("各牵头单位要加强协调")
    clause = find_clause("做好工作。（责任单位：市发改委、工信局、财政局）", 0, gazetteer, first_leads=True)
    assert clause.roles == {"lead": ["市发改委"], "cooperating": ["市工信局", "市财政局"]}


@pytest.mark.parametrize("paragraph, expected", [
    ("做好工作。（市生态环境局牵头，各辖市、区人民政府负责落实）",
     {"lead": ["市生态环境局"], "implementers": ["各辖市区人民政府"]}),
    ("做好工作。（各市（县、区）人民政府负责）", {"shared": ["各市（县、区）人民政府"]}),
])
def test_collective_names_with_a_comma_stay_whole(gazetteer, paragraph, expected):
    assert roles(paragraph, gazetteer) == expected


def test_clauses_inside_a_paragraph(gazetteer):
    from ecoplan.plan.responsibility import find_clauses

    text = ("①推进甲（市发改委牵头）；②推进乙(责任单位：市工信局)；③严格执行标准(DB32/4043-2021)；"
            "④落实资金（含市财政局安排的资金）。（市生态环境局负责）")
    clauses = find_clauses(text, 0, gazetteer)
    assert [c.roles for c in clauses] == [{"lead": ["市发改委"]}, {"lead": ["市工信局"]}, {"shared": ["市生态环境局"]}]
    assert text[clauses[0].start:clauses[0].end] == "（市发改委牵头）"


def test_square_brackets_and_collectives_with_parentheses(gazetteer):
    paragraph = ("将生态文明建设工作纳入考核。[牵头单位:市委组织部;配合单位:市生态环境分局、市直各相关单位,各镇(办、区)]")
    assert roles(paragraph, gazetteer) == {"lead": ["市委组织部"],
                                           "cooperating": ["市生态环境分局", "市直各相关单位", "各镇(办、区)"]}
    assert roles("空气质量优良。(牵头单位:市生态环境局;配合单位:各乡镇（街道）)", gazetteer) == {
        "lead": ["市生态环境局"], "cooperating": ["各乡镇（街道）"]}


def test_names_separated_by_spaces(gazetteer):
    assert roles("做好工作。（市发改委 工信局  财政局按职责分工负责）", gazetteer) == {
        "shared": ["市发改委", "市工信局", "市财政局"]}
