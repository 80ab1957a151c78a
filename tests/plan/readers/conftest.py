"""Sample plan files built from the seed, in every format a city publishes."""

from __future__ import annotations

from pathlib import Path

import pytest

SEED_BODY_FIRST = "市政府关于印发《2023年常州市生态文明建设工作方案》的通知"
SEED_BODY_LAST = "附件:常州市国家生态文明建设示范区规划指标体系责任分工"


@pytest.fixture(scope="session")
def seed_text(seed_plan_path: Path) -> str:
    return seed_plan_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_body(seed_text: str) -> list[str]:
    """The plan's body paragraphs as a person reads them off the page: from the notice's title
    to the 附件 line, without the site's breadcrumb, catalogue lines and 扫一扫."""
    lines = [line.strip() for line in seed_text.split("\n") if line.strip()]
    body = lines[lines.index(SEED_BODY_FIRST): lines.index(SEED_BODY_LAST) + 1]
    assert len(body) == 70
    return body


@pytest.fixture(scope="session")
def seed_meta() -> dict:
    return {
        "title": SEED_BODY_FIRST,
        "doc_number": "常政发〔2023〕23号",
        "issuer": "常州市人民政府",
        "signed": "2023-04-17",
        "published": "2023-04-27",
    }


@pytest.fixture(scope="session")
def seed_files(tmp_path_factory, seed_text, seed_body) -> dict[str, Path]:
    """The seed as a GBK .txt, a government HTML page, a .docx and a text-layer PDF."""
    from samples import docx_bytes, html_page, pdf_bytes

    folder = tmp_path_factory.mktemp("seed")
    title = seed_body.index("2023年常州市生态文明建设工作方案")
    contents = {
        "plan.txt": seed_text.replace("\u2002", "\u3000").encode("gbk"),
        "plan.html": html_page(seed_body[0], seed_body[1:]).encode("utf-8"),
        "plan.docx": docx_bytes(seed_body[0], seed_body[1:]),
        "plan.pdf": pdf_bytes(seed_body, centred={0, title}, flush={1}),
    }
    for name, data in contents.items():
        (folder / name).write_bytes(data)
    return {Path(name).suffix[1:]: folder / name for name in contents}


@pytest.fixture(scope="session")
def seed_pdf(seed_files) -> Path:
    return seed_files["pdf"]


@pytest.fixture(scope="session")
def seed_docs(seed_files) -> dict:
    """Each of ``seed_files`` read once (the PDF takes a second)."""
    from ecoplan.plan.readers import read_document

    return {fmt: read_document(path) for fmt, path in seed_files.items()}
