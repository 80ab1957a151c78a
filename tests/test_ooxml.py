"""``ecoplan.ooxml.inspect``: uploads checked before openpyxl or python-docx parse them (issue #11,
item 5): sizes from the directory and while inflating, DTDs and entities, non-UTF-8 parts,
rows and cells counted in the XML; and the plan reader and ledger import use it."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from openpyxl import Workbook

from ecoplan import ooxml
from ecoplan.errors import InputError
from ecoplan.plan.readers import read_bytes

ENTITY = b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'


def _xlsx(rows: int = 3) -> bytes:
    wb = Workbook()
    for n in range(rows):
        wb.active.append([f"r{n}", n, n * 2])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("常州市2023年生态文明建设工作方案")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _rewrite(data: bytes, part: str, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w",
                                                                   zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info.filename, change(body) if info.filename == part else body)
    return out.getvalue()


def _with_dtd(xml: bytes) -> bytes:
    head, _, rest = xml.partition(b"?>")
    return head + b"?>" + ENTITY + rest


def test_counts_rows_and_cells_of_a_plain_workbook():
    counts = ooxml.inspect(_xlsx(5), file="a.xlsx", limits=ooxml.Limits())
    assert counts.rows == 5 and counts.cells == 15 and counts.uncompressed > 0


def test_rows_and_cells_over_the_limits_are_refused():
    data = _xlsx(50)
    with pytest.raises(InputError, match="超过 40 行") as err:
        ooxml.inspect(data, file="a.xlsx", limits=ooxml.Limits(max_rows=40))
    assert err.value.file == "a.xlsx"
    with pytest.raises(InputError, match="超过 100 个单元格"):
        ooxml.inspect(data, file="a.xlsx", limits=ooxml.Limits(max_cells=100))


def test_tags_split_across_chunks_are_counted_once(monkeypatch):
    data = _xlsx(300)
    whole = ooxml.inspect(data, file="a.xlsx", limits=ooxml.Limits())
    for size in (7, 64, 1000):
        monkeypatch.setattr(ooxml, "CHUNK", size)
        found = ooxml.inspect(data, file="a.xlsx", limits=ooxml.Limits())
        assert (found.rows, found.cells) == (whole.rows, whole.cells) == (300, 900)


def test_a_dtd_or_entity_is_refused_in_any_part():
    for part in ("xl/worksheets/sheet1.xml", "xl/workbook.xml", "[Content_Types].xml"):
        data = _rewrite(_xlsx(), part, _with_dtd)
        with pytest.raises(InputError, match="DTD"):
            ooxml.inspect(data, file="a.xlsx", limits=ooxml.Limits())


def test_parts_not_in_utf8_are_refused():
    def utf16(xml: bytes) -> bytes:
        return ('<?xml version="1.0" encoding="UTF-16"?>' + xml.decode("utf-8")).encode("utf-16")

    data = _rewrite(_xlsx(), "xl/workbook.xml", utf16)
    with pytest.raises(InputError, match="UTF-8"):
        ooxml.inspect(data, file="a.xlsx", limits=ooxml.Limits())
    declared = _rewrite(_xlsx(), "xl/workbook.xml",
                        lambda xml: b'<?xml version="1.0" encoding="ISO-8859-1"?>' + xml)
    with pytest.raises(InputError, match="UTF-8"):
        ooxml.inspect(declared, file="a.xlsx", limits=ooxml.Limits())


def test_the_uncompressed_size_is_capped_even_when_the_directory_lies():
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (3 * 1024 * 1024) + b"</a>")
    data = bomb.getvalue()
    limits = ooxml.Limits(max_uncompressed=1024 * 1024)
    with pytest.raises(InputError, match="解压后超过 1 MB"):
        ooxml.inspect(data, file="a.xlsx", limits=limits)
    # the same member with its directory entry claiming 10 bytes
    central = data.rfind(b"PK\x01\x02")
    size_at = central + 24
    lying = data[:size_at] + (10).to_bytes(4, "little") + data[size_at + 4:]
    with pytest.raises(InputError):
        ooxml.inspect(lying, file="a.xlsx", limits=limits)


def test_not_a_zip_is_an_input_error():
    with pytest.raises(InputError, match="不是有效的"):
        ooxml.inspect(b"PK\x03\x04junk", file="a.xlsx", limits=ooxml.Limits())


def test_plan_reader_refuses_entities_in_docx_and_xlsx():
    data = _rewrite(_docx(), "word/document.xml", _with_dtd)
    with pytest.raises(InputError, match="DTD") as err:
        read_bytes(data, name="方案.docx")
    assert err.value.file == "方案.docx"
    sheet = _rewrite(_xlsx(), "xl/worksheets/sheet1.xml", _with_dtd)
    with pytest.raises(InputError, match="DTD"):
        read_bytes(sheet, name="任务表.xlsx")
    assert "常州市" in read_bytes(_docx(), name="方案.docx").text  # a clean file still reads
