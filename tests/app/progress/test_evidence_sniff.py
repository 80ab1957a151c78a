"""Evidence types are read from the content: magic bytes, and for ZIP the OOXML parts."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from openpyxl import Workbook

from ecoplan.app.progress.evidence import safe_name, sniff


def _zip(names: list[str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buf.getvalue()


def _saved(obj) -> bytes:
    buf = io.BytesIO()
    obj.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("data, kind", [
    (b"%PDF-1.7\n", "pdf"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "png"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpeg"),
    (b"GIF89a\x01\x00", "gif"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8, "ole"),
    (_zip(["[Content_Types].xml", "ppt/presentation.xml"]), "pptx"),
    (b"MZ\x90\x00", None),                        # a Windows executable named .pdf
    (b"<html><script>alert(1)</script>", None),
    (b"#!/bin/sh\nrm -rf /", None),
    (_zip(["evil.exe"]), None),                   # a plain ZIP archive
    (_zip(["[Content_Types].xml", "other/x.xml"]), None),
    (b"PK\x03\x04 truncated", None),
    (b"", None),
])
def test_sniff(data, kind):
    assert sniff(data) == kind


def test_real_office_files():
    assert sniff(_saved(Document())) == "docx"
    assert sniff(_saved(Workbook())) == "xlsx"


def test_safe_name_drops_directories_and_control_characters():
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\a\\证明.pdf") == "证明.pdf"
    assert safe_name("a\x00b\n.pdf") == "ab.pdf"
    assert safe_name("") == "附件" and safe_name("/") == "附件"
