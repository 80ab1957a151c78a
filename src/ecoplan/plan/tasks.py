"""Tasks from the outline: which items are tasks, their text, sub-items, units and districts."""

from __future__ import annotations

import re

from ecoplan.plan.gazetteer import Gazetteer
from ecoplan.plan.outline import Node, cn_number, inline_items, nodes, task_style, title_of
from ecoplan.plan.responsibility import ROLES, Clause, find_clauses, first_listed_leads

_GOAL_RE = re.compile(r"目标")
_UNDERSTOOD_HINT_RE = re.compile(r"[（(][^（）()]*(?:牵头|配合|负责|参与|协同)[^（）()]*[）)]\s*[。；;]?\s*$")


def unassigned(tasks: list[dict]) -> list[dict]:
    """Warnings for tasks naming no unit in a plan whose other tasks do."""
    bare = [t for t in tasks if not any(t["responsibility"].values())]
    if len(bare) == len(tasks):
        return [{"text": "", "message": "全文未找到责任单位（牵头/配合/负责）"}]
    return [{"text": t["title"], "message": f"任务 {t['number']} 未写明责任单位"} for t in bare]


def clauses_of(text: str, roots: list[Node], gazetteer: Gazetteer) -> dict[int, list[Clause]]:
    """Responsibility clauses of each item's own paragraphs, keyed by ``id(node)``."""
    found, first = {}, first_listed_leads(text)
    for node in nodes(roots):
        found[id(node)] = [c for s, e in node.paragraphs for c in find_clauses(text[s:e], s, gazetteer, first)]
    return found


def unparsed_clauses(text: str, roots: list[Node], clauses: dict[int, list[Clause]]) -> list[str]:
    """Closing parentheses that read like a responsibility clause but gave no unit."""
    odd = []
    for node in nodes(roots):
        own = clauses[id(node)]
        for s, e in node.paragraphs:
            match = _UNDERSTOOD_HINT_RE.search(text, s, e)
            if match and not any(s <= c.start < e for c in own):
                odd.append(match.group().strip())
    return odd


def select_tasks(roots: list[Node], clauses: dict[int, list[Clause]]) -> list[Node]:
    """Items of the task style inside a top-level section that assigns responsibility."""
    style = task_style(roots, lambda n: bool(clauses[id(n)]))
    if style is None:
        return []
    any_clause = any(clauses.values())
    tasks = []
    for root in roots:
        if any_clause and not any(clauses[id(n)] for n in root.walk()):
            continue
        if not any_clause and _GOAL_RE.search(root.title):
            continue
        tasks += [n for n in root.walk() if n.style == style and not _inside(n, style)]
    return tasks


def _inside(node: Node, style: str) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.style == style:
            return True
        parent = parent.parent
    return False


def goal_node(roots: list[Node], tasks: list[Node]) -> Node | None:
    """The goals section (工作目标 / 主要目标): a short 目标 heading before the first task."""
    first_task = tasks[0].start if tasks else float("inf")
    for node in nodes(roots):
        if node.start >= first_task:
            break
        if _GOAL_RE.search(node.title) and len(node.title) <= 20:
            return node
    return None


def task_numbers(tasks: list[Node]) -> list[str]:
    """Numbers as written; dotted with the parent's ordinal where numbering restarts per section."""
    plain = [t.number if t.number.isascii() and t.number.isdigit() else str(t.ordinal) for t in tasks]
    if len(set(plain)) == len(plain):
        return plain
    return [f"{t.parent.ordinal}.{n}" if t.parent else n for t, n in zip(tasks, plain)]


def subitems(text: str, task: Node) -> list[dict]:
    """Numbered sub-items of a task, or its inline 一是…二是… items when it has none."""
    below = [n for n in task.walk() if n is not task]
    if below:
        return [{"number": n.label, "title": n.title, "ordinal": n.ordinal, "start": n.start, "end": n.end}
                for n in below]
    body = text[task.start:task.end]
    items = inline_items(body)
    found = []
    for (start, number), following in zip(items, items[1:] + [(len(body), "")]):
        title = title_of(body[start + len(number):following[0]])
        found.append({"number": number, "title": title, "ordinal": cn_number(number.rstrip("是")),
                      "start": task.start + start, "end": task.start + following[0]})
    return found


def task_clauses(task: Node, clauses: dict[int, list[Clause]]) -> list[Clause]:
    """All clauses of a task: its own paragraphs and its sub-items', in order."""
    return sorted((c for n in task.walk() for c in clauses[id(n)]), key=lambda c: c.start)


def responsibility(role_sets: list[dict[str, list[str]]], gazetteer: Gazetteer,
                   units: dict[str, dict]) -> dict[str, list[dict]]:
    """The task's ``responsibility`` object from written names per role (clauses, standing
    clauses, table cells); ``units`` collects every unit seen (known or not)."""
    result = {role: [] for role in ROLES}
    for roles in role_sets:
        for role, written_names in roles.items():
            for written in written_names:
                name = gazetteer.canonical(written) or written
                if all(entry["name"] != name for entry in result[role]):
                    result[role].append({"name": name, "written": written})
                units.setdefault(name, {"name": name, "written": written, "known": name != written
                                        or gazetteer.canonical(written) is not None})
    return result


def task_title(text: str, task: Node, own: list[Clause]) -> str:
    """The task's title, without a clause written on its heading line (“推进治理（市发改委牵头）”)."""
    title_end = task.start + len(task.title)
    for clause in own:
        if task.start < clause.start < title_end + 2:
            return title_of(text[task.start:clause.start])
    return task.title


def districts(text: str, task: Node, own: list[Clause], gazetteer: Gazetteer) -> list[str]:
    """Districts named in the task's text, its responsibility clauses left out."""
    pieces, at = [], task.start
    for clause in own:
        pieces.append(text[at:clause.start])
        at = clause.end
    pieces.append(text[at:task.end])
    return gazetteer.find_districts("\n".join(pieces))
