"""The official-document model: GB/T 9704-2012 rules that need no file (dates, numbering, offsets, checks)."""

from dataclasses import replace
from datetime import date

import pytest

from ecoplan.errors import InputError
from ecoplan.reports import official_layout as L
from ecoplan.reports.official import (
    Figure,
    Heading,
    Paragraph,
    Table,
    chinese_numeral,
    copy_to_text,
    format_date,
    heading_numbers,
    note_text,
)

MM_PER_PT = 25.4 / 72


def test_dates_in_arabic_numerals_without_leading_zeros():
    # 7.3.5.4: 年份应标全称，月、日不编虚位（即1不编为01）.
    assert format_date(date(2023, 7, 1)) == "2023年7月1日"
    assert format_date(date(2023, 12, 10)) == "2023年12月10日"


@pytest.mark.parametrize("n, text", [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"), (99, "九十九")])
def test_chinese_numerals(n, text):
    assert chinese_numeral(n) == text


@pytest.mark.parametrize("n", [0, 100])
def test_chinese_numerals_out_of_range(n):
    with pytest.raises(ValueError):
        chinese_numeral(n)


def test_heading_numbers_restart_below_a_higher_level():
    # 7.3.3: “一、”“（一）”“1.”“（1）”.
    body = [Heading(1, "a"), Heading(2, "b"), Paragraph("p"), Heading(2, "c"), Heading(3, "d"), Heading(4, "e"),
            Heading(4, "f"), Heading(3, "g"), Heading(1, "h"), Heading(2, "i"), Heading(3, "j")]
    assert heading_numbers(body) == ["一、", "（一）", None, "（二）", "1.", "（1）", "（2）", "2.", "二、", "（一）", "1."]


def test_heading_text_may_start_with_a_decimal(sample_circular):
    doc = replace(sample_circular, body=[Heading(3, "1.5万吨减排任务")])
    assert heading_numbers(doc.body) == ["1."]


def test_copy_to_and_note_punctuation():
    # 7.4.2: names separated by “，”, the last followed by “。”; 7.3.6: 附注 in parentheses.
    assert copy_to_text(["市委办公室", "市政府办公室"]) == "市委办公室，市政府办公室。"
    assert note_text("联系人：张三") == "（联系人：张三）"
    assert note_text("（联系人：张三）") == "（联系人：张三）"


@pytest.mark.parametrize("number", ["常生态办[2023]5号", "常生态办（2023）5号", "常生态办〔2023〕05号", "常生态办〔23〕5号",
                                    "常生态办〔2023〕第5号", "〔2023〕5号"])
def test_doc_number_must_follow_7_2_5(sample_circular, number):
    with pytest.raises(InputError) as err:
        replace(sample_circular, doc_number=number)
    assert err.value.field == "发文字号"


@pytest.mark.parametrize("change, field", [
    ({"issuer": " "}, "发文机关标志"),
    ({"title": ""}, "标题"),
    ({"recipients": []}, "主送机关"),
    ({"urgency": "急"}, "紧急程度"),
    ({"security": "内部"}, "密级"),
    ({"printer": ""}, "印发机关"),
    ({"attachments": ["名单。"]}, "附件"),
    ({"recipients": "各辖市、区人民政府"}, "主送机关"),
    ({"copy_to": "市委办公室"}, "抄送机关"),
    ({"date": "2023-07-10"}, "成文日期"),
    ({"print_date": "2023年7月10日"}, "印发日期"),
])
def test_element_errors_name_the_element(sample_circular, change, field):
    with pytest.raises(InputError) as err:
        replace(sample_circular, **change)
    assert err.value.field == field


@pytest.mark.parametrize("block, field", [
    (Heading(1, "一、总体情况"), "正文标题"),
    (Heading(5, "太深"), "正文标题"),
    (Table(["a", "b"], [["1", "2"], ["3"]]), "表格"),
    (Table(["a", "b"], [["1", "2"]], widths_mm=[100]), "表格"),
    (Figure(b"GIF89a", "图"), "图"),
])
def test_block_errors_name_the_block(sample_circular, block, field):
    body = [Paragraph("正文"), block]
    with pytest.raises(InputError) as err:
        replace(sample_circular, body=body)
    assert (err.value.field, err.value.row) == (field, 2)


def test_grid_fits_the_text_block():
    # 5.2.3: 22 lines of 28 characters inside the 156 mm × 225 mm 版心 (5.2.1).
    assert L.LINES_PER_PAGE * L.LINE_PITCH_PT * MM_PER_PT <= L.TEXT_HEIGHT_MM
    assert (L.LINES_PER_PAGE + 1) * L.LINE_PITCH_PT * MM_PER_PT > L.TEXT_HEIGHT_MM
    assert 28 <= L.LINE_PITCH_PT <= 29
    assert L.CHARS_PER_LINE * L.CHAR_PT * MM_PER_PT <= L.TEXT_WIDTH_MM
    assert (L.CHARS_PER_LINE + 1) * L.CHAR_PT * MM_PER_PT > L.TEXT_WIDTH_MM
    assert (L.MARGIN_RIGHT_MM, L.MARGIN_BOTTOM_MM) == (26, 35)


def test_signature_offsets_sealed_centre_the_signature_over_the_date():
    # 7.3.5.1: 成文日期右空四字; 署名以成文日期为准居中. “2023年7月10日” is 6.5 字 wide.
    assert L.text_width_chars("2023年7月10日") == 6.5
    assert L.signature_offsets("常州市生态环境局", "2023年7月10日", sealed=True) == (3.25, 4.0)
    # Too long to centre over a date four 字 in: flush right, the date centred under it instead.
    assert L.signature_offsets("常州市生态文明建设工作领导小组办公室", "2023年7月10日", sealed=True) == (0.0, 5.75)  # 18 and 6.5 字


def test_signature_offsets_unsealed_follow_7_3_5_2():
    # 署名右空二字; 日期首字比署名首字右移二字; a longer date is right-aligned two 字 in and pushes the signature.
    sig, date_right = L.signature_offsets("常州市生态文明建设工作领导小组办公室", "2023年7月10日", sealed=False)
    assert sig == 2.0
    assert (sig + 18) - (date_right + 6.5) == 2
    sig, date_right = L.signature_offsets("市环境局", "2023年12月10日", sealed=False)
    assert date_right == 2.0
    assert (sig + 4) - (date_right + 7) == 2


def test_issuer_is_narrowed_to_fit_one_line():
    width = L.TEXT_WIDTH_MM / MM_PER_PT
    assert L.issuer_font("常州市人民政府") == (L.ISSUER_PT, 100)
    size, scale = L.issuer_font("常州市生态文明建设工作领导小组办公室")
    assert size == L.ISSUER_PT and 50 <= scale < 100
    assert 18 * size * scale / 100 <= width
    size, scale = L.issuer_font("常州市" * 15)
    assert scale == L.ISSUER_MIN_SCALE and size < L.ISSUER_PT
    assert 45 * size * scale / 100 <= width


def test_imprint_lines_wrap_under_the_first_name():
    assert L.imprint_lines("抄送：市委办公室。") == 1
    long = "抄送：" + "，".join(["市人大常委会办公室"] * 6) + "。"
    assert L.imprint_lines(long) == 3
