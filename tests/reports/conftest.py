"""Fixtures for document tests: the sample circular of ``sample_documents`` as data and as .docx."""

from __future__ import annotations

import pytest

from ecoplan.reports.official import OfficialDocument
from ecoplan.reports.official_docx import write_official_docx
from sample_documents import build_sample_circular


@pytest.fixture(scope="session")
def sample_circular() -> OfficialDocument:
    return build_sample_circular()


@pytest.fixture(scope="session")
def sample_docx(sample_circular, tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "circular.docx"
    write_official_docx(sample_circular, path)
    return path
