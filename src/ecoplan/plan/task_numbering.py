"""Task numbers as the plan writes them (or dotted paths where numbering restarts per section),
and warnings where the numbering skips or repeats."""

from __future__ import annotations

from ecoplan.plan.outline import ORDER, Node, top_of


def task_numbers(tasks: list[Node]) -> list[str]:
    """Numbers as written without punctuation (“36”, “十二”); where numbering restarts per
    section, the dotted path of ordinals, as many levels up as make each unique (“2.1”, or
    “2.1.1” when items restart under each （n） of each section)."""
    plain = [t.number for t in tasks]
    if len(set(plain)) == len(plain) and not restarted(tasks):
        return plain
    chains = [_above_the_page(t, tasks) + _ordinals(t) for t in tasks]
    depth = 2
    while depth < max(map(len, chains)) and len({tuple(c[-depth:]) for c in chains}) < len(chains):
        depth += 1
    return [".".join(map(str, c[-depth:])) for c in chains]


def restarted(tasks: list[Node]) -> bool:
    """Whether the numbering starts again at 1 under another parent although no number repeats:
    a fragment's last item of one section ("(五)") before the next section's (一) (二)…"""
    return any(t.ordinal == 1 and t.parent is not p.parent
               for p, t in zip(tasks, tasks[1:]))


def _above_the_page(task: Node, tasks: list[Node]) -> list[int]:
    """The section of a page's first items, whose heading is on the page before: where the next
    task of another top item sits under a top-level heading numbered N ("16、…" then "四、实施步骤
    1、…"), the items above that heading are section N − 1's ([3] for "16": id "3.16"). Items
    closed by a heading of a middle level ("6.…7.…(五)…") keep their number: their (n) is unknown,
    unless the items under that heading restart at 1 ("3.…(五)…1.…2.…": "3" is (四)'s, "4.3")."""
    top = top_of(task)
    for later in tasks[tasks.index(task) + 1:]:
        head = top_of(later)
        if head.style == top.style:
            continue
        if head.style == ORDER[0] and top.style != ORDER[0] and head.ordinal > 1:
            return [head.ordinal - 1]
        if (head.ordinal > 1 and later.style == task.style and later.ordinal == 1
                and ORDER.index(head.style) < ORDER.index(top.style)):
            return [head.ordinal - 1]  # "3.…(五)…1.…": the numbering restarts under each (n), 3. is (四)'s
        return []
    return []


def _ordinals(node: Node) -> list[int]:
    chain = []
    while node is not None:
        chain.insert(0, node.ordinal)
        node = node.parent
    return chain


def numbering_gaps(tasks: list[Node]) -> list[dict]:
    """Warnings where task numbers skip or repeat (a lost line, a mistyped number)."""
    warnings, previous = [], None
    for task in tasks:
        restart = previous is not None and (task.ordinal == 1 and task.parent is not previous.parent
                                            or task.style != previous.style)
        if previous is not None and not restart and task.ordinal != previous.ordinal + 1:
            warnings.append({"text": f"{task.label}{task.title}",
                             "message": f"任务编号不连续：{previous.label} 之后为 {task.label}"})
        previous = task
    return warnings
