"""Tasks from the outline: which items are tasks, their text, sub-items, units and districts."""

from __future__ import annotations

import re
from itertools import takewhile

from ecoplan.plan.gazetteer import Gazetteer
from ecoplan.plan import role_phrases as phrases
from ecoplan.plan.inline_items import inline_items
from ecoplan.plan.outline import Node, nodes, page_starts_inside_a_section, restarts, task_style, title_of
from ecoplan.plan.responsibility import ROLES, Clause, find_clauses, first_listed_leads
from ecoplan.plan.task_numbering import restarted

_GOAL_RE = re.compile(r"目标")
#: Headings of what a plan aims at or rests on, never of tasks, when no item assigns a unit:
#: "二、工作目标", "三、主要指标", "（二）目标指标", "一、总体要求", "（一）指导思想". A heading
#: naming tasks as well ("一、目标任务", "主要目标和重点任务") holds tasks.
_GOAL_HEADING_RE = re.compile(r"^(?!.*(?:完成|确保|实现|落实|推进|加强))[\u4e00-\u9fff]{0,8}(?:目标|指标)$")
_NOT_TASKS_RE = re.compile(_GOAL_HEADING_RE.pattern + r"|^(?:总体要求|指导思想|基本原则|工作原则|总体思路|编制依据|适用范围)")
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


def overall_leads(roots: list[Node], clauses: dict[int, list[Clause]]) -> dict[int, list[Clause]]:
    """A heading's overall lead ("一、加快调整能源结构(省发改委总牵头)" above its items), keyed by
    ``id(node)``: taken out of the heading's clauses (it does not make the heading a task) to
    lead every task under it (:func:`inherited_leads`)."""
    found = {}
    for node in nodes(roots):
        if not node.children:
            continue
        first = node.children[0].start
        heading = [c for c in clauses[id(node)] if c.start < first and phrases.OVERALL_LEAD_RE.search(c.text)]
        if heading:
            clauses[id(node)] = [c for c in clauses[id(node)] if c not in heading]
            found[id(node)] = heading
    return found


def inherited_leads(node: Node, leads: dict[int, list[Clause]]) -> list[dict[str, list[str]]]:
    """The overall leads of a task's headings and its own (:func:`overall_leads`), outermost first."""
    chain = []
    while node is not None:
        if id(node) in leads:
            chain.insert(0, {"lead": [n for c in leads[id(node)] for n in c.roles.get("lead", [])]})
        node = node.parent
    return chain


def unparsed_clauses(text: str, roots: list[Node], clauses: dict[int, list[Clause]],
                     overall: dict | None = None) -> list[str]:
    """Closing parentheses that read like a responsibility clause but gave no unit."""
    odd = []
    for node in nodes(roots):
        own = clauses[id(node)] + (overall or {}).get(id(node), [])
        for s, e in node.paragraphs:
            match = _UNDERSTOOD_HINT_RE.search(text, s, e)
            if match and not any(s <= c.start < e for c in own):
                odd.append(match.group().strip())
    return odd


def select_tasks(roots: list[Node], clauses: dict[int, list[Clause]]) -> list[Node]:
    """Items of the task style inside a top-level section that assigns responsibility.

    A standing clause alone (以下均需…不再列出, written above the tasks) assigns no task.
    """
    assigns = {key for key, found in clauses.items() if any(c.roles for c in found)}
    style = task_style(roots, lambda n: id(n) in assigns)
    if style is None:
        return []
    any_clause = bool(assigns)
    tasks = []
    for root in roots:
        if any_clause and not any(id(n) in assigns for r in _section_of(root, roots) for n in r.walk()):
            continue
        if not any_clause and _NOT_TASKS_RE.search(root.title):
            continue
        tasks += [n for n in root.walk() if n.style == style and not _inside(n, style)
                  and (any_clause or not _NOT_TASKS_RE.search(n.title))]
    return _with_own_clauses(roots, _with_childless_headings(roots, tasks, assigns, style), assigns)


def _with_own_clauses(roots: list[Node], tasks: list[Node], assigns: set[int]) -> list[Node]:
    """Tasks plus the items of another level that hold their own responsibility clause and
    neither hold a task nor sit inside one: a page cut across levels ("6.…(考核责任单位:…)
    7.…(五)…(考核责任单位:…) 二、…(一)…由A会同B负责…") assigns units at each of them. Only on
    such a page (its first item numbered other than 1): in a whole plan a closing heading with its
    own clause (五、推进措施…) is not a task."""
    if not roots or roots[0].ordinal == 1:
        return tasks
    inside = {id(n) for t in tasks for n in t.walk()}
    holding = {id(up) for t in tasks for up in _ancestors(t)}
    extra = [n for n in nodes(roots) if id(n) in assigns and id(n) not in inside and id(n) not in holding]
    return sorted(tasks + extra, key=lambda n: n.start) if extra else tasks


def _ancestors(node: Node):
    while node.parent is not None:
        node = node.parent
        yield node


def _section_of(root: Node, roots: list[Node]) -> list[Node]:
    """The top-level items of ``root``'s section: itself, or on a page starting inside a section
    (3. 4. then 六、…) the page's first items together (their heading is on the page before)."""
    if page_starts_inside_a_section(roots):
        first = list(takewhile(lambda r: r.style == roots[0].style, roots))
        if root in first:
            return first
    return [root]


def _with_childless_headings(roots: list[Node], tasks: list[Node], assigns: set[int], style: str) -> list[Node]:
    """Tasks plus the headings that are tasks themselves: where items restart under each
    heading (（八）… 1、… 2、…; （九）… 1、…), a sibling heading with no items but its own
    responsibility clause (（七）… 责任单位：…，完成时间：…) is a task one level up. Where
    the tasks are numbered on through the sections, a heading without items is not one (a
    closing 五、推进措施 with its own clause). On a page starting mid-document, its last heading
    with no items ("…(六)积极推进餐饮油烟专项整治。…" where the page ends) is a task: its clause
    is on the next page."""
    if not restarts(tasks) and not restarted(tasks):
        return tasks
    parents = {id(t.parent): t.parent for t in tasks if t.parent is not None}
    last = list(nodes(roots))[-1]
    cut = roots[0].ordinal != 1 and not last.children  # a page's last heading: its clause is on the next page
    extra = []
    for parent in parents.values():
        siblings = parent.parent.children if parent.parent is not None else roots
        extra += [s for s in siblings if s.style == parent.style and (id(s) in assigns or cut and s is last)
                  and id(s) not in parents and not any(n.style == style for n in s.walk())]
    known = {id(n) for n in tasks}
    extra = list({id(n): n for n in extra if id(n) not in known}.values())
    return sorted(tasks + extra, key=lambda n: n.start) if extra else tasks


def _inside(node: Node, style: str) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.style == style:
            return True
        parent = parent.parent
    return False


def goal_node(roots: list[Node], tasks: list[Node]) -> Node | None:
    """The goals section (工作目标 / 主要目标): a short 目标 heading before the first task,
    holding no task itself (二、目标任务 over the tasks is not it)."""
    first_task = tasks[0].start if tasks else float("inf")
    for node in nodes(roots):
        if node.start >= first_task:
            break
        if _GOAL_RE.search(node.title) and len(node.title) <= 20 and node.end <= first_task:
            return node
    return None


#: Goals written as a labelled paragraph above the numbered sections: "工作目标：到2020年，…",
#: "主要指标：到2020年，全县受污染耕地安全利用率达到94%…".
_GOAL_LABEL_RE = re.compile(r"(?:工作目标|主要目标|总体目标|主要指标|目标指标)\s*[:：]")
_LINE_RE = re.compile(r"[^\n]+")


#: A news lead reporting what the plan sets: "方案指出,控制煤炭消费总量,2020年控制在42亿吨左右",
#: "方案还提出,到2020年,…", "《计划》提出…": from these words to the paragraph's end.
_NEWS_LEAD_RE = re.compile(r"(?:方案|计划|意见|《[^》\n]{1,40}》)(?:还|中|同时)?(?:指出|提出|明确)\s*[,，:：]"
                           r"|(?<=[。，,\s])《[^》\n]{1,40}》(?:还|中|同时)?(?:指出|提出|明确)(?![的了要])")


def labelled_goals(text: str, roots: list[Node]) -> list[tuple[int, int]]:
    """Paragraphs before the first numbered item that open with a goals label, and a news lead's
    report of what the plan sets (:data:`_NEWS_LEAD_RE`)."""
    end = text.rfind("\n", 0, roots[0].start) + 1 if roots else len(text)
    spans = []
    for m in _LINE_RE.finditer(text, 0, end):
        if _GOAL_LABEL_RE.match(m.group().strip()):
            spans.append((m.start(), m.end()))
        elif lead := _NEWS_LEAD_RE.search(m.group()):
            spans.append((m.start() + lead.start(), m.end()))
    return spans


def goal_items(roots: list[Node], tasks: list[Node], goal: Node | None) -> list[tuple[int, int]]:
    """Items headed as goals that are not tasks and hold none, outside the goals section
    ("（二）空气质量目标。PM2.5平均浓度降至40微克/立方米" among tasks): their text is goals."""
    inside = {id(n) for t in tasks for n in t.walk()} | {id(t.parent) for t in tasks if t.parent is not None}
    spans = []
    for node in nodes(roots):
        if id(node) in inside or (goal is not None and goal.start <= node.start < goal.end) or any(
                start <= node.start < end for start, end in spans):
            continue
        if _GOAL_HEADING_RE.search(node.title) and not any(t.start >= node.start and t.end <= node.end for t in tasks):
            spans.append((node.start, node.end))
    return spans


def preamble_goals(roots: list[Node], tasks: list[Node]) -> list[tuple[int, int]]:
    """With no goals section: the top-level sections before the first task's holding no task
    ("一、总体要求…主要目标是：到2027年，…", "二、总体目的…"): what they set is the plan's goals."""
    if not tasks:
        return []
    first = tasks[0]
    while first.parent is not None:
        first = first.parent
    return [(node.start, node.end) for node in roots if node.end <= first.start]


def section_spans(tasks: list[Node], goal: Node | None) -> list[tuple[int, int]]:
    """Own paragraphs of the sections holding tasks (a section's headline targets are goals),
    outside the goals section."""
    seen, spans = set(), []
    for task in tasks:
        up = task.parent
        while up is not None and id(up) not in seen:
            seen.add(id(up))
            if goal is None or not goal.start <= up.start < goal.end:
                spans += up.paragraphs
            up = up.parent
    return sorted(spans)


def subitems(text: str, task: Node) -> list[dict]:
    """Numbered sub-items of a task, or its inline 一是…二是… items when it has none."""
    below = [n for n in task.walk() if n is not task]
    if below:
        return [{"number": n.label, "title": n.title, "plain": n.number, "start": n.start, "end": n.end}
                for n in below]
    body = text[task.start:task.end]
    items = inline_items(body)
    found = []
    for (start, number), following in zip(items, items[1:] + [(len(body), "")]):
        title = title_of(body[start + len(number):following[0]])
        found.append({"number": number, "title": title, "plain": number,
                      "start": task.start + start, "end": task.start + following[0], "inline": True})
    return found


def task_clauses(task: Node, clauses: dict[int, list[Clause]]) -> list[Clause]:
    """All clauses of a task: its own paragraphs and its sub-items', in order."""
    return sorted((c for n in task.walk() for c in clauses[id(n)]), key=lambda c: c.start)


def responsibility(role_sets: list[dict[str, list[str]]], gazetteer: Gazetteer,
                   units: dict[str, dict]) -> dict[str, list[dict]]:
    """The task's ``responsibility`` object from written names per role (clauses, standing
    clauses, table cells); ``units`` collects every unit seen (known or not)."""
    result = {role: [] for role in ROLES}
    seen = set()
    for roles in role_sets:
        for role, written_names in roles.items():
            for written in written_names:
                name = gazetteer.canonical(written) or written
                if (role, name) not in seen:
                    seen.add((role, name))
                    result[role].append({"name": name, "written": written})
                if name not in units:
                    units[name] = {"name": name, "written": written}
    return result



_LONG_TITLE = 40


_LEAD_LABEL_RE = re.compile(r"^(?:牵头单位|牵头部门|主责单位|主办单位)\s*[:：]")
_RESPONSIBLE_LABEL_RE = re.compile(r"^(?:主体责任单位|责任单位|责任部门|实施单位)\s*[:：]")
_COOPERATING_LABEL_RE = re.compile(r"^(?:%s)\s*[:：]" % "|".join(
    label for label, role, *_ in phrases.LABELS if role == "cooperating"))


def role_sets(own: list[Clause]) -> list[dict[str, list[str]]]:
    """The roles of a task's clauses; a 责任单位 line under a 牵头单位 line of the same task
    (“牵头单位：市城管局” / “责任单位：各区人民政府”, each on its own line) cooperates, and
    implements when a 配合单位 line is there too (as a 责任单位 column beside a 牵头 and a 配合
    column does: “牵头部门：…” / “配合部门：…” / “主体责任单位：各村(居)”)."""
    lead_line = any(_LEAD_LABEL_RE.match(c.text) for c in own)
    cooperating_line = any(_COOPERATING_LABEL_RE.match(c.text) for c in own)
    sets = []
    for clause in own:
        roles = clause.roles
        if lead_line and _RESPONSIBLE_LABEL_RE.match(clause.text) and set(roles) == {"lead"}:
            roles = {"implementers" if cooperating_line else "cooperating": roles["lead"]}
        sets.append(roles)
    return sets


def task_title(text: str, task: Node, own: list[Clause]) -> str:
    """The task's title, without a clause written on its heading line (“推进治理（市发改委牵头）”);
    a task opening without a short heading (a first sentence of several clauses) is titled by
    its first clause."""
    title_end = task.start + len(task.title)
    title = task.title
    for clause in own:
        if task.start < clause.start < title_end + 2:
            title = title_of(text[task.start:clause.start]).rstrip("，, ")
            break
    if len(title) > _LONG_TITLE:
        title = re.split(r"[，,]", title, maxsplit=1)[0]
    return title


def paragraph_responsibility(task: Node, own: list[Clause], gazetteer: Gazetteer,
                             units: dict[str, dict]) -> list[dict]:
    """Responsibility per paragraph, when more than one paragraph of the task assigns its own
    (seed task 13: 市公安局 leads the fireworks paragraph, not the straw-burning one); a paragraph
    holding role sentences in its middle (“…建立监测网络。市环保局牵头。在农用地方面，…。市国土资源局
    牵头。”) is cut after each: a sentence governs the text before it."""
    groups = []
    for node in task.walk():
        for start, end in node.paragraphs:
            clauses = [c for c in own if start <= c.start < end]
            for cut, piece_end in _governed(start, end, clauses):
                piece = [c for c in clauses if cut <= c.start < piece_end and c.roles]
                if piece:
                    groups.append((cut, piece_end, piece))
    if len(groups) < 2:
        return []
    return [{"start": start, "end": end, "responsibility": responsibility([c.roles for c in clauses], gazetteer, units)}
            for start, end, clauses in groups]


def _governed(start: int, end: int, clauses: list[Clause]) -> list[tuple[int, int]]:
    """A paragraph's spans: cut after each role sentence inside it (its last span runs to its end)."""
    cuts = [c.end for c in clauses if c.sentence and c.roles and c.end < end]
    bounds = [start, *cuts, end]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if a < b]


def districts(text: str, task: Node, own: list[Clause], gazetteer: Gazetteer) -> list[str]:
    """Districts named in the task's text, its responsibility clauses left out."""
    pieces, at = [], task.start
    for clause in own:
        pieces.append(text[at:clause.start])
        at = clause.end
    pieces.append(text[at:task.end])
    return gazetteer.find_districts("\n".join(pieces))
