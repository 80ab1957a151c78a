"""Whatever bytes arrive, a reader returns a document or raises InputError: never a traceback."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecoplan.errors import InputError
from ecoplan.plan.readers import read_bytes

from samples import TASK_TABLE, docx_bytes, html_page, pdf_bytes, xlsx_bytes

PARAGRAPHS = ["一、工作目标", "全市PM2.5浓度不超过31微克/立方米。", "1. 推进固定源深度治理。（市生态环境局牵头）"]
SAMPLES = {
    "docx": docx_bytes(PARAGRAPHS[0], PARAGRAPHS[1:], TASK_TABLE, table_after=1),
    "xlsx": xlsx_bytes(TASK_TABLE, title="任务清单"),
    "pdf": pdf_bytes(PARAGRAPHS, flush={0, 1, 2}),
    "html": html_page(PARAGRAPHS[0], PARAGRAPHS[1:], TASK_TABLE).encode("utf-8"),
}
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


def read_or_refuse(data: bytes, name: str) -> None:
    try:
        doc = read_bytes(data, name=name)
    except InputError as err:
        assert err.file == name and err.message
    else:
        assert isinstance(doc.text, str) and doc.text.strip() or doc.tables


@FUZZ
@given(st.binary(min_size=1, max_size=4000))
def test_random_bytes(data):
    read_or_refuse(data, "x.docx")


@pytest.mark.parametrize("fmt", sorted(SAMPLES))
@FUZZ
@given(data=st.data())
def test_damaged_samples(fmt, data):
    sample = bytearray(SAMPLES[fmt])
    cut = data.draw(st.integers(1, len(sample)), label="cut")
    flips = data.draw(st.lists(st.tuples(st.integers(0, len(sample) - 1), st.integers(0, 255)), max_size=8), label="flips")
    for at, value in flips:
        sample[at] = value
    read_or_refuse(bytes(sample[:cut]), f"plan.{fmt}")
