"""A plan document → the ``ecoplan.plan/1`` contract's typed models (:func:`read_plan`), and its
JSON object (:func:`parse_plan`: :func:`ecoplan.plan.contract.dump` of them; see docs/plan.md)."""

from __future__ import annotations

import re

from pathlib import Path

from ecoplan.errors import InputError
from ecoplan.plan import contract, link, tables, task_numbering
from ecoplan.plan import tasks as tk
from ecoplan.plan.deadlines import deadline_scope, find_deadlines
from ecoplan.plan.gazetteer import Gazetteer, load_gazetteer
from ecoplan.plan.meta import read_metadata
from ecoplan.plan.inline_items import inline_list
from ecoplan.plan.outline import Node, parse_outline
from ecoplan.plan.outside import outside_kind
from ecoplan.plan.schedules import with_schedule_phases
from ecoplan.plan.source import SourceDocument
from ecoplan.plan.targets import find_targets

FORMAT = contract.FORMAT


def _section_id(node: Node) -> str:
    chain = []
    while node is not None:
        chain.append(str(node.ordinal))
        node = node.parent
    return "s" + "-".join(reversed(chain))


def _sections(roots: list[Node], task_nodes: list[Node]) -> list[contract.Section]:
    keep = {id(root) for root in roots}
    for task in task_nodes:
        parent = task.parent
        while parent is not None:
            keep.add(id(parent))
            parent = parent.parent
    found = []
    for root in roots:
        for node in root.walk():
            if id(node) in keep:
                path, up = [], node
                while up is not None:
                    path.insert(0, f"{up.label}{up.title}")
                    up = up.parent
                found.append(contract.Section(id=_section_id(node), path=path, title=node.title))
    return found


def _outline_tasks(doc: SourceDocument, roots, gazetteer: Gazetteer, warnings: list, units: dict,
                   select=tk.select_tasks):
    clauses = tk.clauses_of(doc.text, roots, gazetteer)
    overall = tk.overall_leads(roots, clauses)
    task_nodes = select(roots, clauses)
    if select is tk.select_tasks:
        task_nodes = with_schedule_phases(doc.text, roots, task_nodes)
    # Standing clauses (以下均需…不再列出) hold for every task from where they are written on.
    standing_clauses = sorted(((c.start, c.standing) for cs in clauses.values() for c in cs if c.standing),
                              key=lambda item: item[0])
    result = []
    for node, number in zip(task_nodes, task_numbering.task_numbers(task_nodes)):
        own = tk.task_clauses(node, clauses)
        standing: dict[str, list[str]] = {}
        for _, roles in (item for item in standing_clauses if item[0] < node.end):
            for role, names in roles.items():
                standing.setdefault(role, []).extend(n for n in names if n not in standing.get(role, []))
        result.append({
            "id": f"t{len(result) + 1}", "number": number,
            "section": _section_id(node.parent) if node.parent else None,
            "title": tk.task_title(doc.text, node, own), "text": doc.text[node.start:node.end],
            "responsibility": tk.responsibility(tk.inherited_leads(node, overall) + tk.role_sets(own) + [standing],
                                                gazetteer, units),
            "paragraphs": tk.paragraph_responsibility(node, own, gazetteer, units),
            "subitems": tk.subitems(doc.text, node),
            "districts": tk.districts(doc.text, node, own, gazetteer),
            "deadlines": [], "start": node.start, "end": node.end,
        })
    warnings += [{"text": t, "message": "无法识别的责任分工"} for t in tk.unparsed_clauses(doc.text, roots, clauses, overall)]
    warnings += [{"text": c.text, "message": "责任分工的括号未闭合，已读到段末，请核对"}
                 for cs in clauses.values() for c in cs if c.unclosed]
    warnings += task_numbering.numbering_gaps(task_nodes)
    warnings += [{"text": node.title, "message": f"页首文字按第 {node.number} 项的后半读取（其编号在上一页），请核对"}
                 for node in task_nodes if node.implied]
    return task_nodes, result


def _restated_once(found: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """A target named in a task's title and restated in its text ("7.固定源排污许可证覆盖率100%。
    …确保固定源排污许可证覆盖率达到100%") is one target: the first."""
    seen, kept = set(), []
    for owner, item in found:
        key = (owner, item.get("metric"), item.get("comparator"), item.get("value"), item.get("unit"))
        if item.get("metric") and key in seen:
            continue
        seen.add(key)
        kept.append((owner, item))
    return kept


_TIME_LABEL_RE = re.compile(r"(?:完成时限|完成时间|时间节点|时限要求|时限)\s*[:：]\s*$")


def _labelled_once(text: str, deadlines: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """A 完成时限： label restating a date its task's text already gives is one deadline:
    “9月底前，完成提标改造。（县住建局牵头，完成时限：2023年9月底前）”."""
    def labelled(d: dict) -> bool:
        at = d.get("phrase_start", d["start"])
        return _TIME_LABEL_RE.search(text, max(0, at - 8), at) is not None

    def key(owner: str, d: dict) -> tuple:
        return owner, d.get("date"), d.get("kind", "due")

    told = {key(o, d) for o, d in deadlines if not labelled(d)}
    return [(o, d) for o, d in deadlines if not (labelled(d) and key(o, d) in told)]


def _targets_and_deadlines(doc: SourceDocument, goals: list[tuple[int, int]], tasks: list[dict], year) -> list[dict]:
    spans = [("goal", s, e) for s, e in goals] + [(t["number"], t["start"], t["end"]) for t in tasks]
    by_number = {t["number"]: t for t in tasks}
    found = _restated_once(link.find_in_spans(doc.text, spans, find_targets, year))
    targets = []
    for i, (owner, item) in enumerate(sorted(found, key=lambda f: f[1]["start"]), 1):
        task = by_number.get(owner)
        targets.append(link.target_entry(i, link.sub_owner(task, item["start"]) if task else owner, item, year))
    deadlines = _labelled_once(doc.text, [(o, d) for o, d in link.find_in_spans(doc.text, spans, find_deadlines, year)
                                          if o != "goal"])
    link.link(doc.text, deadlines, targets)
    tables.link_row_deadlines(tasks, targets)
    for owner, item in deadlines:
        task = by_number[owner]
        task["deadlines"].append(
            {"date": item.get("date"), "text": item.get("text"), "target": item["target"],
             "phrase": item.get("phrase"), "start": item["start"], "end": item["end"],
             "kind": item.get("kind", "due"), "scope": deadline_scope(task["text"], item.get("text") or "")})
    return targets


def _outside_rows(goals: list[tuple[int, int]], rows: list[dict]) -> list[tuple[int, int]]:
    """Goal spans less the text of table rows: a row under a heading such as 一、考核目标表 is a
    task (its unit is named), not a goal."""
    for row in rows:
        goals = [piece for start, end in goals
                 for piece in ((start, min(end, row["start"])), (max(start, row["end"]), end))
                 if piece[0] < piece[1]]
    return goals


def _units(units: dict, gazetteer: Gazetteer, warnings: list) -> list[contract.Unit]:
    """Units named by the plan. Another level's or place's units (工业和信息化部, 省大数据局,
    济南市政府, …管委会) carry their kind and raise no warning; the city's own units missing
    from the gazetteer are each warned about, after every other warning (see :func:`_ranked`)."""
    listed, unknown = [], []
    for name, seen in units.items():
        unit = gazetteer.unit(name)
        if unit is not None:
            listed.append(contract.Unit(name, list(unit.aliases), unit.kind, known=True))
            continue
        kind = outside_kind(name, gazetteer.region)
        if kind is None:
            unknown.append(seen["written"])
        listed.append(contract.Unit(name, [], "other", known=False, outside=kind))
    if len(unknown) == 1:
        warnings.append({"text": unknown[0], "message": f"单位“{unknown[0]}”不在单位名录中"})
    elif unknown:  # one warning for all: a gazetteer's gap, not a reading error
        warnings.append({"text": unknown[0], "message": f"{len(unknown)} 个单位不在单位名录中：{'、'.join(unknown)}"})
    return listed


#: Warnings by how likely they point at a reading error (first) or only at a gap of the
#: gazetteer (last): a dropped clause or a lost task before an unknown unit name.
_RANK = ("无法识别的责任分工", "括号未闭合", "任务编号不连续", "序号", "未写明责任单位", "全文未找到责任单位", "未能确定方案年份",
         "方案年份按文中日期推定", "任务表")


def _ranked(warnings: list[dict]) -> list[dict]:
    def rank(warning: dict) -> int:
        message = warning.get("message", "")
        if "不在单位名录中" in message:
            return len(_RANK) + 1
        return next((i for i, key in enumerate(_RANK) if key in message), len(_RANK))

    return sorted(warnings, key=rank)


def _year_warnings(document: dict, file: str) -> list[dict]:
    if document["year"] is None:
        return [{"text": document["title"] or file,
                 "message": "未能确定方案年份：未写年份的时限和指标未定日期，请指定方案年份"}]
    if document.get("year_source") == "text":
        return [{"text": document["title"] or file, "message": f"方案年份按文中日期推定为{document['year']}年，请核对"}]
    return []


def read_plan(doc: SourceDocument, gazetteer: Gazetteer | None = None,
              year: int | None = None) -> contract.PlanData:
    """The plan in a document read by :func:`ecoplan.plan.readers.read_document`, typed.

    ``year``: the plan's year as the user gives it (``--year``, the upload form); it overrides
    what the text says.

    Raises
    ------
    InputError
        The document holds no recognisable task (neither numbered tasks nor a task table).
    """
    gazetteer = gazetteer or load_gazetteer()
    document = read_metadata(doc.meta, doc.text, gazetteer.region)
    if year is not None:
        document["year"], document["year_source"] = int(year), "given"
    warnings: list[dict] = list(doc.warnings)
    units: dict[str, dict] = {}
    roots = parse_outline(doc.text)
    task_nodes, tasks = _outline_tasks(doc, roots, gazetteer, warnings, units)
    goal = tk.goal_node(roots, task_nodes)
    if doc.tables and not any(any(t["responsibility"].values()) for t in tasks):
        task_nodes, tasks = [], tables.table_tasks(doc, gazetteer, units, document["year"], warnings)
    elif doc.tables:
        warnings += [{"text": " | ".join(t.header), "message": f"任务表（{t.where}）未读取：正文已有带责任分工的任务"}
                     for t in doc.tables]
    if not tasks and (listed := inline_list(doc.text)):
        # No numbered task nor task table: a paragraph's circled items (①…；②…；③…) are the tasks.
        roots = listed
        task_nodes, tasks = _outline_tasks(doc, roots, gazetteer, warnings, units, select=lambda r, _: r)
    if not tasks:
        raise InputError("未找到可识别的工作任务（既无编号任务，也无任务表）", file=doc.file)
    warnings += tk.unassigned([t for t, n in zip(tasks, task_nodes) if not n.phase] if task_nodes else tasks)
    warnings += _year_warnings(document, doc.file)
    labelled = tk.labelled_goals(doc.text, roots)
    goals = (([(goal.start, goal.end)] if goal else [] if labelled else tk.preamble_goals(roots, task_nodes)) + labelled
             + tk.goal_items(roots, task_nodes, goal) + tk.section_spans(task_nodes, goal))
    goals = _outside_rows(goals, [t for t in tasks if "row" in t and "start" in t])
    targets = _targets_and_deadlines(doc, goals, [t for t in tasks if "start" in t], document["year"])
    sections = _sections(roots, task_nodes) if task_nodes else [contract.section(s) for s in tables.table_sections(tasks)]
    units_named = _units(units, gazetteer, warnings)  # last: it adds the unknown units' warning
    return contract.PlanData(
        source=contract.Source(doc.file, doc.sha256, len(doc.text)),
        document=contract.document({"document": document}), sections=sections,
        goal=contract.Goal(_section_id(goal), doc.text[goal.start:goal.end], goal.start, goal.end) if goal else None,
        tasks=[contract.task(t, i, doc.file) for i, t in enumerate(tasks, start=1)],
        targets=[contract.target(g, i, doc.file) for i, g in enumerate(targets, start=1)],
        units=units_named, warnings=[contract.warning(w) for w in _ranked(warnings)])


def parse_plan(doc: SourceDocument, gazetteer: Gazetteer | None = None, year: int | None = None) -> dict:
    """The ``ecoplan.plan/1`` JSON object of a document: :func:`~ecoplan.plan.contract.dump` of
    :func:`read_plan` (same arguments, same errors)."""
    return contract.dump(read_plan(doc, gazetteer, year))


def read_file(path: str | Path, gazetteer_path: str | Path | None = None,
              year: int | None = None) -> contract.PlanData:
    """Read ``path`` with the matching reader, typed (``read_document`` + :func:`read_plan`)."""
    from ecoplan.plan.readers import read_document

    return read_plan(read_document(path), load_gazetteer(gazetteer_path), year=year)


def parse_file(path: str | Path, gazetteer_path: str | Path | None = None, year: int | None = None) -> dict:
    """The ``ecoplan.plan/1`` JSON object of the plan in ``path``: ``dump(read_file(...))``."""
    return contract.dump(read_file(path, gazetteer_path, year))
