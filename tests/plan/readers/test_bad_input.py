"""Files a reader must refuse: each with one clear message naming the file, never a traceback."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest

from ecoplan.errors import InputError
from ecoplan.plan.readers import read_document

from samples import docx_bytes, pdf_bytes, xlsx_bytes


def refused(path, **kwargs) -> str:
    with pytest.raises(InputError) as err:
        read_document(path, **kwargs)
    assert err.value.file == kwargs.get("name", Path(path).name)
    return err.value.message


def test_empty_file(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    assert refused(tmp_path / "a.txt") == "文件为空（0 字节）"


def test_missing_file_and_folder(tmp_path):
    assert refused(tmp_path / "none.docx") == "文件不存在"
    (tmp_path / "d.txt").mkdir()
    assert refused(tmp_path / "d.txt") == "这是一个文件夹，不是文件"


def test_binary_junk(tmp_path):
    (tmp_path / "x.txt").write_bytes(random.Random(7).randbytes(5000))
    assert refused(tmp_path / "x.txt").startswith("无法识别的二进制文件")


def test_only_page_furniture(tmp_path):
    (tmp_path / "f.txt").write_text("您当前的位置:\n首页 >> 政务公开\n浏览次数:\n扫一扫在手机打开当前页\n", encoding="utf-8")
    assert refused(tmp_path / "f.txt") == "文件中没有可读的文字"


def test_oversized_file_is_refused_from_its_size_without_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.pdf"
    with open(path, "wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a file over the limit"))
    assert refused(path) == "文件过大（200.0 MB），上限为 50 MB"
    assert refused(path, max_bytes=1024 * 1024, name="上传.pdf") == "文件过大（200.0 MB），上限为 1 MB"


@pytest.mark.parametrize("name", ["locked.docx", "locked.xlsx"])
def test_encrypted_office_files(tmp_path, seed_body, name):
    from msoffcrypto.format.ooxml import OOXMLFile

    data = docx_bytes(seed_body[0], seed_body[1:3]) if name.endswith("docx") else xlsx_bytes([["序号", "重点任务"]])
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt("secret", out)
    (tmp_path / name).write_bytes(out.getvalue())
    assert refused(tmp_path / name) == "文件已加密（有打开密码），请取消密码后另存再上传"


def test_encrypted_pdf(tmp_path):
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, encrypt="secret")
    pdf.drawString(72, 700, "plan")
    pdf.save()
    (tmp_path / "locked.pdf").write_bytes(buf.getvalue())
    assert refused(tmp_path / "locked.pdf") == "PDF 已加密（有打开密码），请取消密码后再上传"


def test_truncated_docx_and_xlsx(tmp_path, seed_body):
    data = docx_bytes(seed_body[0], seed_body[1:5])
    (tmp_path / "cut.docx").write_bytes(data[: len(data) // 2])
    assert refused(tmp_path / "cut.docx").startswith("文件已损坏")
    data = xlsx_bytes([["序号", "重点任务", "牵头单位"], ["1", "任务", "市发改委"]])
    (tmp_path / "cut.xlsx").write_bytes(data[: len(data) - 100])
    assert refused(tmp_path / "cut.xlsx").startswith("文件已损坏")


def test_docx_with_a_damaged_body(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>not xml")
    (tmp_path / "bad.docx").write_bytes(buf.getvalue())
    assert refused(tmp_path / "bad.docx").startswith("Word 文件已损坏")


def test_damaged_pdf(tmp_path):
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%garbage" + bytes(range(256)) * 4)
    assert refused(tmp_path / "bad.pdf") == "PDF 文件已损坏，无法读取"


@pytest.mark.parametrize("stream, name, message", [
    ("WordDocument", "plan.doc", "旧版 Word/WPS 文档（.doc/.wps）不能直接读取，请另存为 .docx"),
    ("WordDocument", "plan.wps", "旧版 Word/WPS 文档（.doc/.wps）不能直接读取，请另存为 .docx"),
    ("Workbook", "tasks.xls", "旧版 Excel 表格（.xls/.et）不能直接读取，请另存为 .xlsx"),
])
def test_legacy_office_files(tmp_path, stream, name, message):
    (tmp_path / name).write_bytes(_ole_file(stream))
    assert refused(tmp_path / name) == message


def _ole_file(stream: str) -> bytes:
    """A Compound File header (MS-CFB 2.2) and a directory sector naming one stream (2.6.1)."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[0x1A:0x1E] = b"\x3e\x00\x03\x00"
    header[0x1E:0x20] = b"\x09\x00"
    entry = bytearray(128)
    name = stream.encode("utf-16-le") + b"\x00\x00"
    entry[: len(name)] = name
    entry[64:66] = len(name).to_bytes(2, "little")
    entry[66] = 2
    return bytes(header) + bytes(entry) + bytes(512 - 128)


def test_other_unsupported_formats(tmp_path):
    (tmp_path / "a.rtf").write_bytes(b"{\\rtf1\\ansi plan}")
    assert refused(tmp_path / "a.rtf") == "RTF 文件不能直接读取，请另存为 .docx"
    (tmp_path / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert refused(tmp_path / "a.png").startswith("图片文件没有文字层")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("OFD.xml", "<ofd:OFD/>")
    (tmp_path / "a.ofd").write_bytes(buf.getvalue())
    assert refused(tmp_path / "a.ofd") == "OFD 版式文件不能直接读取，请另存为 PDF 或 .docx"


def test_pdf_named_docx_is_read_as_pdf_and_said_so(tmp_path):
    paragraphs = ["一、工作目标", "全市PM2.5浓度不超过31微克/立方米。"]
    (tmp_path / "plan.docx").write_bytes(pdf_bytes(paragraphs, flush={0, 1}))
    doc = read_document(tmp_path / "plan.docx")
    assert doc.text.split("\n") == paragraphs
    assert doc.warnings == [{"text": "plan.docx", "message": "扩展名 .docx 与文件内容不符：内容是 PDF，已按 PDF 读取"}]


def test_docx_named_xlsx_and_text_named_pdf(tmp_path, seed_body):
    (tmp_path / "a.xlsx").write_bytes(docx_bytes(seed_body[0], seed_body[1:3]))
    doc = read_document(tmp_path / "a.xlsx")
    assert doc.text.split("\n") == seed_body[:3]
    assert doc.warnings[0]["message"] == "扩展名 .xlsx 与文件内容不符：内容是 Word (.docx)，已按 Word (.docx) 读取"
    (tmp_path / "b.pdf").write_text("一、工作目标", encoding="utf-8")
    assert read_document(tmp_path / "b.pdf").warnings[0]["message"].startswith("扩展名 .pdf 与文件内容不符：内容是 文本")


def test_no_extension_is_fine(tmp_path):
    (tmp_path / "plan").write_text("一、工作目标", encoding="utf-8")
    assert read_document(tmp_path / "plan").warnings == []


def test_text_quoting_a_pdf_header_is_text(tmp_path):
    (tmp_path / "a.txt").write_text("说明：PDF 文件以 %PDF-1.7 开头。", encoding="utf-8")
    assert read_document(tmp_path / "a.txt").text == "说明：PDF 文件以 %PDF-1.7 开头。"
