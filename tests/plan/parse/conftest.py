"""Fixtures of the plan-structure tests: the seed parsed once, plain-text documents in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecoplan.plan.build import parse_plan
from ecoplan.plan.gazetteer import load_gazetteer
from plan_docs import text_document

ANNOTATION = Path(__file__).resolve().parents[1] / "annotation"


@pytest.fixture(scope="session")
def gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="session")
def seed_text(seed_plan_path) -> str:
    return seed_plan_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_plan(seed_text, gazetteer) -> dict:
    return parse_plan(text_document(seed_text, "changzhou_2023_plan.txt"), gazetteer)


@pytest.fixture(scope="session")
def annotation_dir() -> Path:
    return ANNOTATION
