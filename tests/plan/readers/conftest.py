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
