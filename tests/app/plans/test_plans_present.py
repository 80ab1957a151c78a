"""How stored values read on the pages."""

from types import SimpleNamespace

from ecoplan.app.plans.present import number, show, target_text


def test_numbers_as_written():
    assert [number(31.0), number(92.2), number(0.0), number(None)] == ["31", "92.2", "0", ""]


def test_target_text_with_sign_and_soft():
    target = SimpleNamespace(scope="全市", metric="林木覆盖率", soft=True, comparator=">=",
                             value=26.8, unit="%")
    assert target_text(target) == "全市林木覆盖率 力争≥ 26.8%"


def test_show_values_in_a_difference():
    assert show(None) == show("") == show([]) == "（空）"
    assert show(30.0) == "30" and show(True) == "是"
    assert show(["金坛区", "武进区"]) == "金坛区；武进区"
    assert show([{"date": "2023-06-30", "text": "6月底前完成"}]) == "6月底前完成"
    groups = {"lead": [{"name": "市发展和改革委员会"}], "cooperating": [],
              "implementers": [{"name": "各辖市区人民政府"}]}
    assert show(groups) == "牵头：市发展和改革委员会；负责落实：各辖市区人民政府"

