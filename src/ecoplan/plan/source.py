"""What a reader hands the plan parser: the document's body text, its metadata and task tables.

Readers (txt, HTML, docx, PDF, xlsx) live in :mod:`ecoplan.plan.readers`; the parser never
looks at a file format. Text is the document's body in reading order, one paragraph per line
(tables inside prose documents are also kept as :class:`TaskTable` when their header is a task
table's). Positions the parser reports are offsets into ``text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Canonical roles of task-table columns, recognised by their header words.
COLUMN_ROLES = (
    "number",       # 序号
    "section",      # 类别 / 领域 / 重点领域
    "title",        # 工作任务 / 重点任务 / 任务名称 / 项目名称
    "text",         # 工作措施 / 具体措施 / 主要内容 / 工作内容 / 目标任务
    "lead",         # 牵头单位 / 主责单位
    "responsible",  # 责任单位 (lead unless a separate 牵头 column exists)
    "cooperating",  # 配合单位 / 协办单位 / 参与单位
    "deadline",     # 完成时限 / 时间节点 / 完成时间
    "district",     # 责任辖市区 / 实施地区
    "results",      # 完成情况 / 进展情况 (a progress table's results, not read)
)


@dataclass
class TableRow:
    """One data row of a task table: its 1-based row number in the source and cells by role."""

    row: int
    cells: dict[str, str]


@dataclass
class TaskTable:
    """A table whose header marks it as a task list (序号 / 工作任务 / 牵头单位 / 完成时限 …)."""

    where: str
    """Where it was found, for messages: ``"sheet 任务清单"`` or ``"table 2"``."""
    header: list[str]
    roles: dict[str, int]
    """Column index of each recognised role (a subset of COLUMN_ROLES)."""
    rows: list[TableRow] = field(default_factory=list)
    title: str | None = None
    """The title row(s) above the header (``2023年生态文明建设重点任务清单``), if any."""


@dataclass
class SourceDocument:
    """A plan document as read from one file."""

    file: str
    """File name as given (for messages and ``source.file``)."""
    sha256: str
    text: str
    """Body text, one paragraph per line, page furniture (menus, 浏览次数, 扫一扫) removed."""
    meta: dict[str, str | None] = field(default_factory=dict)
    """Document fields the file itself states: title, doc_number, issuer, signed, published
    (ISO dates), from HTML metadata tables, docx core properties or a text header."""
    tables: list[TaskTable] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)
    """``{"text": ..., "message": ...}`` for anything the reader saw but could not use."""
