"""Demo step: read the shipped Changzhou 2023 plan and publish it as version 1 (idempotent)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.plans import service
from ecoplan.app.plans.importing import import_plan
from ecoplan.app.plans.ingest import read_and_parse, source_record
from ecoplan.app.plans.models import Plan
from ecoplan.config import MAX_UPLOAD_BYTES
from ecoplan.demo import SEED_PLAN

SEED = Path(str(SEED_PLAN))


def publish_seed_plan(session: Session, report) -> None:
    """Import and publish the seed plan unless a plan for its region and year exists."""
    text, parsed = read_and_parse(SEED, name=SEED.name, max_bytes=MAX_UPLOAD_BYTES)
    document = parsed["document"]
    exists = session.scalar(select(Plan.id).where(Plan.region == document["region"],
                                                  Plan.year == document["year"]))
    if exists:
        report.lines.append(f"工作方案：《{document['title']}》已存在，未重复导入")
        return
    data = SEED.read_bytes()
    # The shipped seed is referenced where it lies (an absolute path), not copied.
    source = source_record(path=SEED, data_dir=SEED.parent, name=SEED.name,
                           sha256=hashlib.sha256(data).hexdigest(), size=len(data), text=text,
                           actor_id=None)
    source.stored_path = str(SEED)
    session.add(source)
    version = import_plan(session, parsed=parsed, actor=None, source=source)
    service.publish(session, actor=None, version_id=version.id, row_version=version.row_version)
    report.lines.append(f"工作方案：《{version.plan.title}》第{version.number}版已发布"
                        f"（任务 {len(version.tasks)} 项，目标 {len(version.targets)} 项）")
