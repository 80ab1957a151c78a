"""How fast a plan parses in-process (issue 2, item 5: seed < 50 ms, a 1 MB plan < 2 s).

Run: ``PYTHONPATH=src python bench/plan_parse.py``. The 1 MB plan is the seed's 36 tasks
repeated under renumbered sections and tasks, so it exercises the same code paths at 70× size.
Prints the median CPU time of several runs (wall time on an idle machine; on a loaded one it
would also count the neighbours) and the share spent by each stage.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from ecoplan.plan import build
from ecoplan.plan.build import parse_plan
from ecoplan.plan.gazetteer import load_gazetteer
from ecoplan.plan.outline import parse_outline
from ecoplan.plan.source import SourceDocument

SEED = Path(__file__).resolve().parents[1] / "src" / "ecoplan" / "demo" / "data" / "changzhou_2023_plan.txt"
_CN = "一二三四五六七八九"


def cn(n: int) -> str:
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _CN[tens - 1]) + "十" if tens else "") + (_CN[ones - 1] if ones else "")


def big_plan(seed: str, size: int = 1_000_000) -> str:
    """The seed's task lines repeated, 36 per section, renumbered, until ``size`` characters."""
    lines = seed.splitlines()
    head = lines[: next(i for i, l in enumerate(lines) if l.strip() == "二、重点任务") + 1]
    tasks, current = [], []
    for line in lines[len(head):]:
        stripped = line.strip()
        if stripped.startswith("三、"):
            break
        if stripped[:1].isdigit():
            current = [stripped.split(".", 1)[1].strip()]
            tasks.append(current)
        elif current and not stripped.startswith("("):
            current.append(stripped)
    out, number, section, chars = list(head), 0, 0, sum(map(len, head))
    while chars < size:
        section += 1
        out.append(f"({cn(section % 99 or 99)})第{section}组任务")
        for paragraphs in tasks:
            number += 1
            block = [f"{number}. {paragraphs[0]}", *paragraphs[1:]]
            out += block
            chars += sum(map(len, block))
    return "\n".join(out) + "\n三、保障举措\n1. 加强组织领导。\n"


def timed(fn, repeat: int) -> float:
    """Median CPU time of ``fn``: on a shared machine wall time measures the neighbours too."""
    runs = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        runs.append(time.process_time() - start)
    return statistics.median(runs)


def structure_only(doc, gazetteer):
    """parse_plan without the target and deadline finders (the plan-read share of the time)."""
    finders = build.find_targets, build.find_deadlines
    build.find_targets = build.find_deadlines = lambda text, year: []
    try:
        return parse_plan(doc, gazetteer)
    finally:
        build.find_targets, build.find_deadlines = finders


def report(name: str, text: str, gazetteer, repeat: int, budget: float) -> None:
    doc = SourceDocument(file=name, sha256="", text=text)
    wall = time.perf_counter()
    parse_plan(doc, gazetteer)
    wall = time.perf_counter() - wall
    total = timed(lambda: parse_plan(doc, gazetteer), repeat)
    structure = timed(lambda: structure_only(doc, gazetteer), repeat)
    outline = timed(lambda: parse_outline(text), repeat)
    plan = parse_plan(doc, gazetteer)
    print(f"{name}: {len(text) / 1e6:.2f} M chars, {len(plan['tasks'])} tasks, {len(plan['targets'])} targets")
    print(f"  parse_plan        {total * 1000:8.1f} ms  (budget {budget * 1000:.0f} ms, {budget / total:.1f}x headroom;"
          f" one wall-clock run {wall * 1000:.0f} ms)")
    print(f"  without finders   {structure * 1000:8.1f} ms  ({structure / total:.0%}: outline, units, metadata)")
    print(f"  outline alone     {outline * 1000:8.1f} ms")
    print(f"  targets+deadlines {(total - structure) * 1000:8.1f} ms  ({(total - structure) / total:.0%})")


def main() -> None:
    gazetteer = load_gazetteer()
    seed = SEED.read_text(encoding="utf-8")
    report("seed", seed, gazetteer, repeat=20, budget=0.050)
    report("1 MB plan", big_plan(seed), gazetteer, repeat=3, budget=2.0)


if __name__ == "__main__":
    main()
