"""Fixtures shared by every test area."""

from __future__ import annotations

import lzma
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


COMMITTED = REPO / "tests" / "data" / "shared"
"""The real data files the tests need, committed (xz-compressed where large; see its README)."""


@pytest.fixture(scope="session")
def shared_dir(tmp_path_factory) -> Path:
    """``shared/`` beside the repository or an ancestor folder (or ``ECOPLAN_SHARED``): real
    monitoring data, specs. Without it (a fresh clone), the files committed under
    ``tests/data/shared`` in the same layout (every file the tests read), decompressed once into a
    temporary folder."""
    candidates = [Path(os.environ["ECOPLAN_SHARED"])] if os.environ.get("ECOPLAN_SHARED") else [
        parent / "shared" for parent in REPO.parents
    ]
    path = next((p for p in candidates if (p / "data").is_dir()), None)
    return path or _unpack_committed(tmp_path_factory.mktemp("shared"))


def _unpack_committed(target: Path) -> Path:
    for source in COMMITTED.rglob("*"):
        if not source.is_file():
            continue
        relative = source.relative_to(COMMITTED)
        out = target / (relative.with_suffix("") if source.suffix == ".xz" else relative)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(lzma.decompress(source.read_bytes()) if source.suffix == ".xz" else source.read_bytes())
    return target


@pytest.fixture(scope="session")
def seed_plan_path() -> Path:
    """Changzhou's 2023 plan (the project's seed), shipped in the package for the demo."""
    return REPO / "src" / "ecoplan" / "demo" / "data" / "changzhou_2023_plan.txt"


@pytest.fixture
def clock():
    """Set the one clock (:mod:`ecoplan.clock`, the app's too): ``clock(datetime)`` (aware);
    the real time again after the test."""
    from contextlib import ExitStack

    from ecoplan.clock import frozen

    with ExitStack() as stack:
        yield lambda at: stack.enter_context(frozen(at))


@pytest.fixture
def stale_font_list(tmp_path):
    """Matplotlib's font list as a cache written before the CJK fonts were installed: the fonts
    are on the system, the list lacks them (the cache file goes to ``tmp_path``)."""
    from matplotlib import font_manager

    from ecoplan.reports import charts

    manager = font_manager.fontManager
    listed, found, cache_file = manager.ttflist, dict(charts._FOUND), charts.font_cache_file
    cjk_files = {entry.fname for entry in listed if entry.name in charts.CJK_FAMILIES}
    manager.ttflist = [entry for entry in listed if entry.fname not in cjk_files]
    charts._FOUND.clear()
    charts.font_cache_file = lambda: tmp_path / "fontlist.json"
    manager._findfont_cached.cache_clear()
    try:
        yield cjk_files
    finally:
        manager.ttflist = listed
        charts._FOUND.clear()
        charts._FOUND.update(found)
        charts.font_cache_file = cache_file
        manager._findfont_cached.cache_clear()


@pytest.fixture
def no_cjk_font(stale_font_list, monkeypatch):
    """No CJK font anywhere: not in matplotlib's list, none on the system."""
    from ecoplan.reports import charts

    monkeypatch.setattr(charts, "system_fonts", lambda: [])
