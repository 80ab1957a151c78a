"""The role 负责落实 has one code, ``implementers`` (the plan contract's), in the stored rows of
plans and progress reports; ``0024_core`` rewrites what older databases stored."""

from __future__ import annotations

from sqlalchemy import select, text

from ecoplan.app.db import make_engine
from ecoplan.app.migrate import downgrade, upgrade
from ecoplan.app.plans.models import Responsibility
from ecoplan.app.progress import service, todo
from ecoplan.app.progress.models import ProgressReport

ROLE_COUNTS = ("SELECT role, count(*) FROM {} GROUP BY role")


def _roles(connection, table: str) -> dict[str, int]:
    return dict(connection.execute(text(ROLE_COUNTS.format(table))).all())


def _a_district_report(seeded) -> None:
    with seeded.session() as s:
        unit = seeded.unit(s, "武进区")
        item = next(i for i in seeded.items(s, unit.name) if i.role == "implementers")
        plan_id = todo.published(s).plan_id
        report = service.save_report(s, actor=seeded.user(s, "district"), plan_id=plan_id,
                                     unit_id=unit.id, item=item, period="2023-05",
                                     values={"narrative": "已部署落实"})
        assert report.role == "implementers"


def test_the_migration_rewrites_the_stored_role(seeded, db_url):
    _a_district_report(seeded)
    seeded.app.state.engine.dispose()
    engine = make_engine(db_url)
    try:
        downgrade(engine, "0023_cascade2")
        with engine.connect() as connection:
            old = {t: _roles(connection, t) for t in ("plan_responsibilities", "progress_reports")}
        upgrade(engine)
        with engine.connect() as connection:
            new = {t: _roles(connection, t) for t in ("plan_responsibilities", "progress_reports")}
            stored = connection.execute(select(Responsibility.role).distinct()).scalars().all()
            reports = connection.execute(select(ProgressReport.role)).scalars().all()
    finally:
        engine.dispose()
    assert old["plan_responsibilities"].get("implementer") and old["progress_reports"]["implementer"] == 1
    assert "implementers" not in old["plan_responsibilities"]
    for table, counts in old.items():  # the same rows, renamed
        assert new[table] == {("implementers" if r == "implementer" else r): n for r, n in counts.items()}
    assert "implementers" in stored and reports == ["implementers"]
