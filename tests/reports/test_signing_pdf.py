"""The signing variants rendered by LibreOffice: 份号/密级/紧急程度, 签发人, joint 版头 and seals.

One render per variant per session (``sample_documents.build_variant``); PNGs of the pages go
to ``test-artifacts/documents/{upward,joint,joint_unsealed,stamped}-*.png``.
"""

import pytest

from ecoplan.reports import official_layout as L
from ecoplan.reports import official_signing_layout as G
from ecoplan.reports.official_docx import write_official_docx

from pdf_render import MM_PER_PT, check_fonts, check_inside_text_block, check_page_numbers, mm, read_pages, red_rules, render_pdf
from sample_documents import build_variant

pytestmark = pytest.mark.slow
LEFT, RIGHT = L.MARGIN_LEFT_MM, L.MARGIN_LEFT_MM + L.TEXT_WIDTH_MM
CHAR_MM = L.CHAR_PT * MM_PER_PT
BODY_CHAR_MM = L.BODY_PT * MM_PER_PT
PITCH_MM = L.LINE_PITCH_PT * MM_PER_PT


@pytest.fixture(scope="session")
def variant_pages(tmp_path_factory, repo_root):
    rendered = {}
    for kind in ("upward", "joint", "joint_unsealed", "stamped"):
        work = tmp_path_factory.mktemp(kind)
        source = work / f"{kind}.docx"
        write_official_docx(build_variant(kind), source)
        rendered[kind] = read_pages(render_pdf(source, work, repo_root / "test-artifacts" / "documents", kind))
    return rendered


def _line(page, text):
    return next(l for l in page["lines"] if l["text"].replace(" ", "") == text)


def _box(item):
    return mm(item["x0"]), mm(item["x1"]), mm(item["top"]), mm(item["bottom"])


def _body_line_box_bottom(line) -> float:
    """Bottom [mm] of the grid line holding ``line`` (lines are 28.95 pt apart from the 版心 top)."""
    index = int((mm(line["top"]) - L.MARGIN_TOP_MM) // PITCH_MM)
    return L.MARGIN_TOP_MM + (index + 1) * PITCH_MM


def test_every_variant_keeps_the_page_rules(variant_pages):
    for pages in variant_pages.values():
        check_page_numbers(pages)
        check_inside_text_block(pages)
        check_fonts(pages)


def test_upward_marks_and_signers(variant_pages):
    first = variant_pages["upward"][0]
    # 7.2.1–7.2.3: 份号 on the first line, 密级★保密期限 and 紧急程度 below it, flush left.
    marks = [l for l in first["lines"][:3]]
    assert [l["text"].replace(" ", "") for l in marks] == ["000123", "秘密★1年", "加急"]
    assert all(mm(l["x0"]) == pytest.approx(LEFT, abs=0.3) for l in marks)
    assert marks[1]["top"] - marks[0]["top"] == pytest.approx(L.LINE_PITCH_PT, abs=0.3)
    issuer = first["lines"][3]
    assert mm(issuer["top"]) == pytest.approx(L.MARGIN_TOP_MM + 35, abs=1.5)
    signers = _line(first, "签发人：张三李四")
    number = _line(first, "常生态办〔2023〕12号欧阳明")
    # 7.2.6: 居右空一字 (the column of the longest name, 欧阳明, ends one 字 in); wrapped name under the first.
    names_x = mm(signers["x0"]) + 4 * BODY_CHAR_MM
    assert names_x + 3 * BODY_CHAR_MM + BODY_CHAR_MM + 3 * BODY_CHAR_MM == pytest.approx(RIGHT - BODY_CHAR_MM, abs=0.5)
    ouyang = [c for c in first["chars"] if c["text"] == "欧"][0]
    # 签发人姓名用3号楷体字 (AR PL UKai stands in for 楷体_GB2312); “签发人” in the 仿宋 stand-in.
    assert "UKai" in ouyang["fontname"] and "Serif" in next(c for c in first["chars"] if c["text"] == "签")["fontname"]
    assert mm(ouyang["x0"]) == pytest.approx(names_x, abs=0.5)
    # 7.2.5: 发文字号居左空一字, on the last 签发人 line; 7.2.7: the red rule 4 mm below it.
    assert mm(number["x0"]) == pytest.approx(LEFT + BODY_CHAR_MM, abs=0.3)
    assert number["top"] - signers["top"] == pytest.approx(L.LINE_PITCH_PT, abs=0.3)
    rule = red_rules(first)[0]
    assert mm(rule["top"]) - mm(number["bottom"]) == pytest.approx(4, abs=1)


def test_upward_seal_over_signature_and_date(variant_pages):
    last = variant_pages["upward"][-1]
    (seal,) = last["images"]
    x0, x1, top, bottom = _box(seal)
    assert (x1 - x0, bottom - top) == (pytest.approx(42, abs=0.2), pytest.approx(42, abs=0.2))
    signature = _line(last, "常州市生态文明建设工作领导小组办公室")
    day = _line(last, "2023年7月10日")
    # 端正、居中下压: centred on the 署名; 署名 and 成文日期 inside the seal, below its centre.
    assert (x0 + x1) / 2 == pytest.approx((mm(signature["x0"]) + mm(signature["x1"])) / 2, abs=1)
    assert top < mm(signature["top"]) and mm(day["bottom"]) < bottom
    assert (top + bottom) / 2 < (mm(signature["top"]) + mm(day["bottom"])) / 2
    # 不压正文; 上距正文一行之内.
    body = [l for l in last["lines"] if l["top"] < signature["top"]][-1]
    gap = top - _body_line_box_bottom(body)
    assert 0 <= gap < PITCH_MM


def test_joint_head_stack_with_wenjian_centred(variant_pages):
    first = variant_pages["joint"][0]
    names = first["lines"][:3]
    assert [l["text"].replace(" ", "") for l in names] == ["常州市生态环境局", "常州市发展和改革委员会文件", "常州市住房和城乡建设局"]
    # 7.2.4: 35 mm from the 版心 top; the names spread to one width; “文件” right of them, centred
    # on the stack; the whole 版心-centred.
    assert mm(names[0]["top"]) == pytest.approx(L.MARGIN_TOP_MM + 35, abs=1.5)
    assert mm(names[0]["x1"]) == pytest.approx(mm(names[2]["x1"]), abs=1)
    wenjian = [c for c in first["chars"] if c["text"] in "文件" and c["top"] < names[2]["bottom"]][-2:]
    middle = (wenjian[0]["top"] + wenjian[0]["bottom"]) / 2
    assert middle == pytest.approx((names[0]["top"] + names[2]["bottom"]) / 2, abs=2)
    assert (mm(names[0]["x0"]) - LEFT) == pytest.approx(RIGHT - mm(wenjian[-1]["x1"]), abs=1.5)
    unsealed = variant_pages["joint_unsealed"][0]["lines"][:2]
    assert (mm(unsealed[0]["x0"]), mm(unsealed[0]["x1"])) == (pytest.approx(mm(unsealed[1]["x0"]), abs=0.5),
                                                              pytest.approx(mm(unsealed[1]["x1"]), abs=0.5))


def test_joint_seals_one_to_one_in_rows(variant_pages):
    last = variant_pages["joint"][-1]
    seals = sorted((_box(i) for i in last["images"]), key=lambda b: (b[2], b[0]))
    assert len(seals) == 3
    # 每排印章两端不得超出版心; 互不相交或相切.
    assert all(LEFT <= s[0] and s[1] <= RIGHT for s in seals)
    for a in seals:
        for b in seals:
            if a is not b:
                assert a[1] < b[0] or b[1] < a[0] or a[3] < b[2] or b[3] < a[2]
    # 一一对应、居中下压: each seal centred on its 署名; the last also presses the 成文日期.
    row = next(l for l in last["lines"] if l["text"].replace(" ", "") == "常州市生态环境局常州市发展和改革委员会")
    chars = [c for c in last["chars"] if abs(c["top"] - row["top"]) < 1]
    first_name, second_name = chars[:8], chars[8:]
    for seal, name in zip(seals[:2], (first_name, second_name)):
        assert (seal[0] + seal[1]) / 2 == pytest.approx((mm(name[0]["x0"]) + mm(name[-1]["x1"])) / 2, abs=1)
        assert seal[2] < mm(row["top"]) < mm(row["bottom"]) < seal[3]
    lastname, day = _line(last, "常州市住房和城乡建设局"), _line(last, "2023年7月10日")
    assert (seals[2][0] + seals[2][1]) / 2 == pytest.approx((mm(lastname["x0"]) + mm(lastname["x1"])) / 2, abs=1)
    assert seals[2][2] < mm(lastname["top"]) and mm(day["bottom"]) < seals[2][3]
    body = [l for l in last["lines"] if l["top"] < row["top"]][-1]
    assert 0 <= seals[0][2] - _body_line_box_bottom(body) < PITCH_MM


def test_unsealed_joint_signatures(variant_pages):
    last = variant_pages["joint_unsealed"][-1]
    first, second = _line(last, "常州市生态环境局"), _line(last, "常州市发展和改革委员会")
    day = _line(last, "2023年7月10日")
    # 7.3.5.2: 主办机关 first, the other below it; the longer 右空二字; the date's first character
    # two 字 right of the 署名's.
    assert mm(first["x0"]) == pytest.approx(mm(second["x0"]), abs=0.3)
    assert mm(second["x1"]) == pytest.approx(RIGHT - 2 * CHAR_MM, abs=0.5)
    assert mm(day["x0"]) == pytest.approx(mm(first["x0"]) + 2 * CHAR_MM, abs=0.5)
    assert second["top"] - first["top"] == pytest.approx(L.LINE_PITCH_PT, abs=0.3)
    assert not last["images"]


def _grid_index(line) -> int:
    return int((mm(line["top"]) - L.MARGIN_TOP_MM) // PITCH_MM)


def test_stamped_by_hand_leaves_the_seals_place(variant_pages):
    """加盖印章 without an image (7.3.5.1): 署名 centred over a date 右空四字, and the empty lines a
    42 mm seal stamped over them needs: not pressing the 正文, its top within a line of it."""
    last = variant_pages["stamped"][-1]
    signature, day = _line(last, "常州市生态环境局"), _line(last, "2023年7月10日")
    assert not last["images"]
    assert mm(day["x1"]) == pytest.approx(RIGHT - 4 * CHAR_MM, abs=0.5)
    # Centred up to the space LibreOffice adds around digits (docs/documents.md).
    assert mm((signature["x0"] + signature["x1"]) / 2) == pytest.approx(mm((day["x0"] + day["x1"]) / 2), abs=4.5)
    body = [l for l in last["lines"] if l["top"] < signature["top"]][-1]
    assert _grid_index(signature) - _grid_index(body) - 1 == 2  # two empty lines
    seal_centre = (L.MARGIN_TOP_MM + _grid_index(signature) * PITCH_MM
                   + G.seal_centre_on_last_line() * MM_PER_PT)
    gap = seal_centre - 21 - _body_line_box_bottom(body)
    assert 0 <= gap < PITCH_MM
    assert seal_centre < (mm(signature["top"]) + mm(day["bottom"])) / 2  # both 偏下 of its centre
