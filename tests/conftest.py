"""Fixtures shared by every test area."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests check behaviour, not speed: no per-example deadline (a loaded CI machine would
# turn a slow example into a flaky failure), and a fixed example budget.
settings.register_profile("ecoplan", deadline=None, max_examples=100)
settings.load_profile("ecoplan")

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``shared/`` beside the repository or an ancestor folder (or ``ECOPLAN_SHARED``): real monitoring data, specs.

    Missing in CI is a failure (CI always has it); on a developer's machine, a skip.
    """
    candidates = [Path(os.environ["ECOPLAN_SHARED"])] if os.environ.get("ECOPLAN_SHARED") else [
        parent / "shared" for parent in REPO.parents
    ]
    path = next((p for p in candidates if (p / "data").is_dir()), candidates[0])
    if not (path / "data").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"shared data directory not found: {path}")
        pytest.skip(f"shared data directory not found: {path}")
    return path


@pytest.fixture(scope="session")
def seed_plan_path() -> Path:
    """Changzhou's 2023 plan (the project's seed), shipped in the package for the demo."""
    return REPO / "src" / "ecoplan" / "demo" / "data" / "changzhou_2023_plan.txt"


@pytest.fixture
def clock():
    """Set the app's one clock (:mod:`ecoplan.app.core.clock`): ``clock(datetime)`` (aware);
    the real time again after the test."""
    from contextlib import ExitStack

    from ecoplan.app.core.clock import frozen

    with ExitStack() as stack:
        yield lambda at: stack.enter_context(frozen(at))
