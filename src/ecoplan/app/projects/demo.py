"""Demo step: a synthetic ledger of task 31's key projects (合成数据).

SYNTHETIC: the seed plan says only how many projects each of task 31's ten categories has (93
in all) and their planned total (175亿元 = 1,750,000 万元). Names, owners, places, money and
dates here are invented (seeded, so every demo build is the same); every project is marked
``synthetic`` and its number starts with ``HC`` (合成). Actual dates are never after the demo's
evaluation day, so statuses look as the office would see them on that day.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.ledger.fields import unit_names
from ecoplan.app.plans.queries import DISTRICTS
from ecoplan.app.projects.importing import save
from ecoplan.app.projects.models import CATEGORIES, Project
from ecoplan.app.status.demo import AS_OF

TOTAL = 1_750_000
"""万元: the seed's 175亿元."""
# category → (count in the seed, owner unit, what a project builds)
PLAN = {
    CATEGORIES[0]: (17, "市住房和城乡建设局", "污水处理厂提标扩建工程"),
    CATEGORIES[1]: (7, "市农业农村局", "农村生活污水治理提升工程"),
    CATEGORIES[2]: (13, "市生态环境局", "工业园区污水处理厂新建工程"),
    CATEGORIES[3]: (6, "市农业农村局", "有机废弃物收运处置中心"),
    CATEGORIES[4]: (4, "市生态环境局", "危险废物综合利用处置项目"),
    CATEGORIES[5]: (8, "市工业和信息化局", "工业绿岛（集中喷涂中心）"),
    CATEGORIES[6]: (24, "市自然资源和规划局", "生态修复与湿地保护工程"),
    CATEGORIES[7]: (5, "市发展和改革委员会", "清洁能源供应工程"),
    CATEGORIES[8]: (7, "市生态环境局", "生态环境监测监控能力提升项目"),
    CATEGORIES[9]: (2, "市生态环境局", "环境应急物资储备库建设项目"),
}
TOWNS = {"溧阳市": ("天目湖", "戴埠", "上兴"), "金坛区": ("指前", "薛埠", "儒林"),
         "武进区": ("湖塘", "礼嘉", "雪堰"), "新北区": ("孟河", "罗溪", "西夏墅"),
         "天宁区": ("郑陆", "青龙"), "钟楼区": ("邹区", "西林"),
         "常州经开区": ("横林", "遥观", "横山桥")}
SOURCES = ("市级财政", "区级财政", "专项债", "社会资本")


def _split(rng: random.Random, count: int, total: int) -> list[int]:
    """``count`` whole amounts (万元) summing to exactly ``total``."""
    weights = [rng.lognormvariate(0, 0.8) for _ in range(count)]
    amounts = [max(100, round(total * w / sum(weights))) for w in weights]
    amounts[amounts.index(max(amounts))] += total - sum(amounts)
    return amounts


def _funding(rng: random.Random, planned: int) -> dict:
    """The planned amount split over four sources (whole 万元, summing to ``planned``)."""
    amounts = _split(rng, len(SOURCES), planned) if planned >= 4 * 100 else [planned, 0, 0, 0]
    return {s: float(a) for s, a in zip(SOURCES, amounts) if a}


def _schedule(rng: random.Random, planned: int) -> dict:
    """Planned milestones in 2022–2024 and, up to the demo's evaluation day, actual ones."""
    start = dt.date(2022, 9, 1) + dt.timedelta(days=rng.randrange(0, 330))
    main = start + dt.timedelta(days=rng.randrange(200, 520))
    ops = main + dt.timedelta(days=rng.randrange(30, 120))
    values = {"start_planned": start, "main_planned": main, "ops_planned": ops}
    spent = 0.0
    for key, day in (("start", start), ("main", main), ("ops", ops)):
        actual = day + dt.timedelta(days=rng.randrange(-20, 75))
        if actual > AS_OF or (key != "start" and values.get("start_actual") is None):
            break
        values[f"{key}_actual"] = actual
    if values.get("start_actual"):
        elapsed = (AS_OF - values["start_actual"]).days / max(1, (main - start).days)
        spent = planned * min(1.0, elapsed * rng.uniform(0.6, 1.05))
    values["invest_done"] = round(spent)
    return values


def projects(rng: random.Random) -> list[dict]:
    counts = [PLAN[c][0] for c in CATEGORIES]
    amounts = iter(_split(rng, sum(counts), TOTAL))
    rows, number = [], 0
    for category in CATEGORIES:
        count, owner, what = PLAN[category]
        for _ in range(count):
            number += 1
            district = rng.choice(DISTRICTS)
            town = rng.choice(TOWNS[district])
            planned = next(amounts)
            rows.append({"code": f"HC-2023-{number:03d}", "name": f"{district}{town}{what}",
                         "category": category, "task": "31", "owner": owner,
                         "district": district, "location": f"{district}{town}",
                         "content": f"合成数据：{what}（演示用，非真实项目）",
                         "invest_planned": float(planned), "funding": _funding(rng, planned),
                         "synthetic": True, **_schedule(rng, planned)})
    return rows


def load_demo_projects(session: Session, report) -> None:
    """Create the synthetic projects that do not exist yet (owners the demo does not have
    fall back to 市生态环境局)."""
    known = unit_names(session)
    existing = set(session.scalars(select(Project.code)))
    created = 0
    for values in projects(random.Random(31)):
        if values["code"] in existing:
            continue
        values["owner"] = known.get(values["owner"], "市生态环境局")
        values["invest_done"] = float(values["invest_done"])
        save(session, values, actor=None)
        created += 1
    report.lines.append(f"重点工程项目（合成数据）：新增 {created} 个，共 93 个，计划总投资 175 亿元")


def bind_demo_targets(session: Session, report) -> None:
    """Task 31's targets measured from the ledger (演示数据): 推进实施93个 → projects started,
    each category's count → that category's projects started, 计划总投资175亿元 → investment
    done; targets the office already set are left as they are."""
    from ecoplan.app.obligations import service as obligations, store
    from ecoplan.app.plans import queries, versions

    latest = versions.latest_published(session)
    version = queries.load_version(session, latest.id) if latest else None
    if version is None:
        return
    office = store.office_rows(session, version)
    bound = 0
    for target in version.targets:
        if target.task is None or target.task.number != "31" or target.uid in office:
            continue
        binding = _binding(target)
        if binding is None:
            continue
        obligations.set_obligation(session, actor=None, version=version, target_uid=target.uid,
                                   values={"source": "projects", "frequency": "monthly",
                                           "note": "演示数据：由重点工程项目台账统计", **binding})
        bound += 1
    report.lines.append(f"报送责任（演示数据）：任务31的 {bound} 项目标由重点工程项目台账统计")


def _binding(target) -> dict | None:
    """The aggregate a task 31 target counts, from its unit and metric (None: not one)."""
    if target.unit in ("亿元", "万元"):
        return {"project_measure": "invest_done"}
    if target.unit not in ("个", "项"):
        return None
    category = next((c for c in CATEGORIES if (target.metric or "").startswith(c)), "")
    return {"project_measure": "started", "project_category": category}
