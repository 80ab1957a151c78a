"""Plans in traditional characters (繁体字) are read as simplified ones, offsets kept
(issue 18, held-out batch 6: "(公安部、生態環境部按職責負責)", "100個行政村", "280萬千瓦")."""

from __future__ import annotations

from ecoplan.plan.build import parse_file
from ecoplan.plan.readers import read_document
from ecoplan.plan.readers.script import NOTE, is_traditional, simplified

from samples import docx_bytes

TRADITIONAL_ITEMS = (
    "17.嚴格機動車監管。科學劃定禁止機動車行駛和使用喇叭等聲響裝置的路段和時間,依法設置相關標志、標線。"
    "(公安部、生態環境部按職責負責)\n"
    "18.推動船舶噪聲污染治理。推進船舶靠港使用岸電,完成100個碼頭岸電設施改造。(交通運輸部負責)\n"
)


def test_conversion_is_character_for_character_and_keeps_offsets():
    text = "生態環境部按職責負責,新增裝機280萬千瓦,成效顯著。"
    done = simplified(text)
    assert done == "生态环境部按职责负责,新增装机280万千瓦,成效显著。"  # 顯著 is a phrase: 显著, not 显着
    assert len(done) == len(text) and done.index("280") == text.index("280")


def test_only_a_traditional_document_is_converted():
    """A simplified plan holding a few characters that also have a simplified form ("显著",
    "著作", "乾坤") is not traditional and keeps them."""
    assert is_traditional(TRADITIONAL_ITEMS)
    simplified_plan = "全市空气质量改善成效显著，扭转乾坤之势，完成著作权保护专项检查，推进燃煤锅炉整治。" * 5
    assert not is_traditional(simplified_plan)
    assert not is_traditional("关于印發通知")  # a word or two is no document


def test_traditional_text_plan_gives_simplified_units_and_targets(tmp_path):
    path = tmp_path / "items.txt"
    path.write_text(TRADITIONAL_ITEMS, encoding="utf-8")
    plan = parse_file(path, year=2023)
    assert [t["number"] for t in plan["tasks"]] == ["17", "18"]
    assert [[u["name"] for u in t["responsibility"]["shared"]] for t in plan["tasks"]] == [
        ["公安部", "生态环境部"], ["交通运输部"]]
    assert [(t["task"], t["value"], t["unit"]) for t in plan["targets"]] == [("18", 100, "个")]
    assert NOTE in [w["message"] for w in plan["warnings"]]
    original = TRADITIONAL_ITEMS
    task = plan["tasks"][1]
    assert original[task["start"]:task["end"]].startswith("推動船舶噪聲污染治理")  # offsets into the original


def test_simplified_plan_is_untouched(tmp_path):
    path = tmp_path / "plan.txt"
    text = "1.推进治理。成效显著，完成10台锅炉改造。（市生态环境局负责）\n2.加强监管。（市住建局负责）\n"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    assert doc.text == text.strip() and NOTE not in [w["message"] for w in doc.warnings]


def test_word_document_in_traditional_characters(tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(docx_bytes("某市噪聲污染防治工作方案", TRADITIONAL_ITEMS.strip().split("\n")))
    doc = read_document(path)
    assert "(公安部、生态环境部按职责负责)" in doc.text and "交通运输部负责" in doc.text
    assert NOTE in [w["message"] for w in doc.warnings]
