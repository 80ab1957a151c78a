"""份号, 密级和保密期限, 签发人, joint issuing and seal images: validation, and the .docx opened back."""

import io
from dataclasses import replace

import docx
import pytest
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from ecoplan.errors import InputError
from ecoplan.reports import official_layout as L
from ecoplan.reports import official_signing_layout as G
from ecoplan.reports.official_docx import write_official_docx
from ecoplan.reports.official_signing import SealImage, head_marks, signer_rows

from sample_documents import build_variant, seal_png

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def _opaque_png() -> bytes:
    """The sample seal flattened onto white, as a scan would be (no alpha channel, no tRNS)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.open(io.BytesIO(seal_png())).convert("RGB").save(buffer, format="PNG")
    return buffer.getvalue()


def _bad_crc_png() -> bytes:
    png = bytearray(seal_png())
    png[-5] ^= 0xFF  # the IEND chunk's CRC
    return bytes(png)


@pytest.fixture(scope="module")
def variants():
    return {kind: build_variant(kind) for kind in ("upward", "joint", "joint_unsealed")}


@pytest.fixture(scope="module")
def opened(variants):
    return {kind: docx.Document(io.BytesIO(write_official_docx(doc))) for kind, doc in variants.items()}


@pytest.mark.parametrize("change, field, words", [
    ({"copy_number": "12345"}, "份号", "6位"),
    ({"copy_number": "0001234"}, "份号", "6位"),
    ({"copy_number": "00012a"}, "份号", "6位"),
    ({"security": "", "secrecy_term": "1年"}, "保密期限", "须标注密级"),
    ({"secrecy_term": "一年"}, "保密期限", "阿拉伯数字"),
    ({"security": "机密★1年", "secrecy_term": ""}, "密级", "保密期限另填"),
    ({"signers": "张三"}, "签发人", "名称列表"),
    ({"signers": ["张三", " "]}, "签发人", "不能为空"),
    ({"signers": ["欧阳明明明明明明明明明明明"]}, "签发人", "排不下"),
    ({"seals": [SealImage(b"GIF89a" + b"\0" * 40)]}, "印章", "PNG"),
    ({"seals": [SealImage(seal_png(60))]}, "印章", "像素"),
    ({"seals": [SealImage(_opaque_png())]}, "印章", "透明背景"),
    ({"seals": [SealImage(seal_png()[:-12])]}, "印章", "已损坏"),
    ({"seals": [SealImage(_bad_crc_png())]}, "印章", "已损坏"),
    ({"seals": [SealImage(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)]}, "印章", "已损坏"),
    ({"seals": [SealImage(seal_png(), 80.0)]}, "印章", "毫米"),
    ({"seals": [SealImage(seal_png())] * 2}, "印章", "一一对应"),
    ({"sealed": False}, "印章", "不加盖印章"),
    ({"co_issuers": ["常州市发展和改革委员会"]}, "联署机关署名", "署名须同样2个"),
    ({"issuer_suffix": "通知"}, "发文机关标志", "文件"),
    ({"signature": "常州市" * 9 + "办公室"}, "发文机关署名", "一行排不下"),
])
def test_bad_signing_elements_name_the_element(variants, change, field, words):
    with pytest.raises(InputError) as err:
        replace(variants["upward"], **change)
    assert err.value.field == field and words in str(err.value)


def test_suffix_not_twice(variants):
    with pytest.raises(InputError, match="不要再加"):
        replace(variants["joint"], issuer="常州市生态环境局文件")


def test_marks_order_and_signer_rows(variants):
    # 7.2.3: 份号、密级和保密期限、紧急程度 top to bottom; 7.2.6: two 签发人 a line.
    assert head_marks(variants["upward"]) == ["000123", "秘密★1年", "加急"]
    assert signer_rows(["张三", "李四", "欧阳明"]) == [["张三", "李四"], ["欧阳明"]]


def test_signers_share_the_last_line_with_the_doc_number(opened, variants):
    document = opened["upward"]
    lines = [p for p in document.paragraphs if p.style.name == "公文发文字号"]
    assert [p.text for p in lines] == ["\t签发人：张三\t李四", "常生态办〔2023〕12号\t\t欧阳明"]
    tabs = G.signer_tabs(["张三", "李四", "欧阳明"], "常生态办〔2023〕12号")
    for para in lines:
        assert para.alignment == WD_ALIGN_PARAGRAPH.LEFT
        # 7.2.5: 上行文的发文字号居左空一字.
        assert para.paragraph_format.left_indent == L.chars(1, L.BODY_PT)
        assert [round(t.position.pt, 1) for t in para.paragraph_format.tab_stops] == \
            [round(v, 1) for v in (tabs.label, tabs.first, tabs.second)]
    # 居右空一字: the second name column (as wide as the longest name, 欧阳明) ends one 字 short of the 版心.
    assert tabs.second + 3 * L.BODY_PT == pytest.approx(G.TEXT_WIDTH_PT - L.BODY_PT)
    # “签发人” in 仿宋 (the style), the names in 楷体.
    names = [r for p in lines for r in p.runs if r.text.strip("\t") in ("张三", "李四", "欧阳明")]
    assert len(names) == 3 and all(r._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == L.KAITI for r in names)
    # 7.2.7: the red rule under the last line.
    assert lines[-1]._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:color")) == L.RED


def test_joint_issuers_stacked_with_wenjian_beside(opened, variants):
    document = opened["joint"]
    head = document.tables[0]
    names, suffix = head.rows[0].cells
    assert [p.text for p in names.paragraphs] == ["常州市生态环境局", "常州市发展和改革委员会", "常州市住房和城乡建设局"]
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.DISTRIBUTE for p in names.paragraphs)
    assert suffix.text == "文件" and suffix.vertical_alignment == WD_CELL_VERTICAL_ALIGNMENT.CENTER
    size, scale = G.joint_issuer_font(["常州市发展和改革委员会"], "文件")
    assert all(r.font.size.pt == size for p in names.paragraphs for r in p.runs)
    # The table is the 版头's, borderless; the body's tables come after it.
    assert head._tbl.tblPr.find(qn("w:tblBorders")).find(qn("w:top")).get(qn("w:val")) == "nil"
    unsealed = opened["joint_unsealed"].tables[0]
    assert len(unsealed.columns) == 1


def _anchors(document):
    return list(document.element.body.iter(WP + "anchor"))


def test_one_seal_over_the_signature(opened, variants):
    anchors = [a for a in _anchors(opened["upward"]) if a.find(WP + "docPr").get("name") == "印章"]
    assert len(anchors) == 1
    seal = anchors[0]
    assert seal.get("behindDoc") == "0" and seal.find(WP + "wrapNone") is not None
    extent = seal.find(WP + "extent")
    assert int(extent.get("cx")) == pytest.approx(42 * 36000, rel=1e-3)  # 42 mm in EMU
    # Centred on the 署名 (which is centred over the date): x offset = centre − half the seal.
    doc = variants["upward"]
    right, _ = L.signature_offsets(doc.signature, "2023年7月10日", sealed=True)
    centre = G.TEXT_WIDTH_PT - (right + L.text_width_chars(doc.signature) / 2) * L.CHAR_PT
    x = int(seal.find(WP + "positionH").find(WP + "posOffset").text) / 12700
    assert x + 42 * G.MM / 2 == pytest.approx(centre, abs=0.1)
    # Seal centre SEAL_LIFT above the line between 署名 and 成文日期.
    y = int(seal.find(WP + "positionV").find(WP + "posOffset").text) / 12700
    assert y + 42 * G.MM / 2 == pytest.approx(L.LINE_PITCH_PT - G.SEAL_LIFT, abs=0.1)


def test_joint_seals_one_per_issuer(opened):
    seals = [a for a in _anchors(opened["joint"]) if a.find(WP + "docPr").get("name") == "印章"]
    assert len(seals) == 3
    xs = sorted(int(a.find(WP + "positionH").find(WP + "posOffset").text) / 12700 for a in seals)
    width = 40 * G.MM
    assert all(0 <= x and x + width <= G.TEXT_WIDTH_PT for x in xs)


def test_seal_blank_lines_keep_the_seal_within_a_line_of_the_body():
    # 7.3.5.1: 印章顶端应当上距正文一行之内, and never over the body.
    for size_mm in (30, 38, 42, 45, 50):
        height = size_mm * G.MM
        centre = G.seal_centre_on_last_line()
        n = G.seal_blank_lines(height, centre)
        gap = n * L.LINE_PITCH_PT + centre - height / 2
        assert 0 <= gap < L.LINE_PITCH_PT


def test_joint_signature_rows():
    names = ["常州市生态环境局", "常州市发展和改革委员会", "常州市住房和城乡建设局"]
    plan = G.joint_signatures(names, "2023年7月10日", 42 * G.MM, 42 * G.MM)
    assert plan.rows == [[0, 1], [2]]
    # The last name is in the rightmost slot, over the date; rows keep the same columns.
    assert plan.centres[1] == plan.centres[0][-1:]
    assert plan.centres[0][1] - plan.centres[0][0] >= 42 * G.MM + G.SEAL_GAP_PT
    # Rows far enough apart that seals do not touch.
    assert (plan.lines_between + 1) * L.LINE_PITCH_PT >= 42 * G.MM + G.SEAL_GAP_PT
    long = G.joint_signatures(["常州市生态文明建设工作领导小组办公室"] * 2, "2023年7月10日", 42 * G.MM, 42 * G.MM)
    assert long.rows == [[0], [1]]


def test_unsealed_joint_signatures_stack(opened):
    paragraphs = [p for p in opened["joint_unsealed"].paragraphs if p.style.name == "公文署名"]
    assert [p.text for p in paragraphs] == ["常州市生态环境局", "常州市发展和改革委员会", "2023年7月10日"]
    assert paragraphs[0].paragraph_format.left_indent == paragraphs[1].paragraph_format.left_indent
    # 7.3.5.2: the longest 署名 two 字 from the right; the date's first character two 字 further right.
    right, _ = L.signature_offsets("常州市发展和改革委员会", "2023年7月10日", sealed=False)
    start = L.CHARS_PER_LINE - right - 11
    assert right == 2 and paragraphs[0].paragraph_format.left_indent == L.chars(start)
    assert paragraphs[2].alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert paragraphs[2].paragraph_format.left_indent == L.chars(start + 2)


def test_closing_keeps_with_the_last_body_line(opened):
    # 7.3.5.5: the 落款 is never left on a page without 正文 (no “此页无正文”).
    paragraphs = opened["upward"].paragraphs
    signature = next(i for i, p in enumerate(paragraphs) if p.style.name == "公文署名")
    last_text = max(i for i, p in enumerate(paragraphs[:signature]) if p.text.strip())
    assert all(p.paragraph_format.keep_with_next for p in paragraphs[last_text:signature + 1])
    assert not paragraphs[signature + 1].paragraph_format.keep_with_next  # the date ends the chain
