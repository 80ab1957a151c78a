"""Whatever text comes in, the parser answers with a plan or an InputError, never a crash."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecoplan.errors import InputError
from ecoplan.plan.build import parse_plan

from plan_docs import text_document

PIECES = ["一、", "二、", "（一）", "(二)", "1.", "2、", "（1）", "(2)", "①", "一是", "二是", "附件：",
          "工作目标", "推进治理。", "(市发改委牵头,工信局配合)", "（责任单位：市生态环境局）", "牵头单位：",
          "以下均需各辖市区人民政府负责落实，不再列出", "6月底前", "不低于80%", "2023年", "（", "）", "\n", "\n", "\n"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=60))
def test_any_text_gives_a_plan_or_an_input_error(gazetteer, pieces):
    text = "".join(pieces)
    try:
        plan = parse_plan(text_document(text), gazetteer)
    except InputError:
        return
    assert plan["tasks"]
    for task in plan["tasks"]:
        assert task["text"] == text[task["start"]:task["end"]]
    for target in plan["targets"]:
        assert target["text"] in text
