"""HTML pages of government sites: the article's text, the catalogue table as metadata.

The article is found by where the text is (text density), not by one site's CSS class:
starting from ``<body>``, descend into the child holding most of the page's Chinese characters
outside links, until no single child holds :data:`ARTICLE_SHARE` of them. Menus, breadcrumbs
and link lists are links; footers and info bars are short; so they fall away.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from ecoplan.plan.readers.body import EDGE, body_lines
from ecoplan.plan.readers.meta import catalogue_cells, merge_meta, scan_header
from ecoplan.plan.readers.tables import Grid, grid_lines, task_table
from ecoplan.plan.source import SourceDocument

ARTICLE_SHARE = 0.75
DROP = ("script", "style", "noscript", "iframe", "nav", "form", "select", "button", "input",
        "textarea", "svg", "template", "object", "embed", "head")
BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
         "main", "blockquote", "pre", "dd", "dt", "dl", "center", "tr", "td", "th", "table", "header",
         "footer", "aside", "figure", "figcaption", "hr", "address"}
HEADINGS = ("h1", "h2", "h3", "h4")
CATALOGUE_BLOCKS = ("ul", "ol", "dl", "div", "section")
MAX_CATALOGUE_CHARS = 1500
NOT_HAN = re.compile(r"[^\u3400-\u9fff]+")
HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
INLINE_SPACE = re.compile(r"[ \t\r\n\f]+")


def read_html(text: str, doc: SourceDocument) -> SourceDocument:
    """Fill ``doc`` from an HTML page: article lines, catalogue metadata, task tables."""
    soup = BeautifulSoup(text, "lxml")
    for tag in soup.find_all(DROP):
        tag.decompose()
    for tag in soup.find_all(style=HIDDEN):
        tag.decompose()
    _catalogue_tables(soup, doc)
    root = soup.body or soup
    _catalogue_blocks(root, doc)
    page = [line.strip(EDGE) for line in _lines(root)]
    scan_header([line for line in page if line], doc.meta, limit=len(page))
    container, headings = _article(root)
    doc.text = "\n".join(body_lines(headings + _lines(container, doc), doc.meta))
    heading = container.find(HEADINGS)
    if doc.meta.get("title") is None and (headings or heading):
        doc.meta["title"] = headings[-1] if headings else heading.get_text(" ", strip=True)
    return doc


def _catalogue_tables(soup: BeautifulSoup, doc: SourceDocument) -> None:
    """Read and remove tables of catalogue fields (two or more label cells: 索引号, 发布机构 …)."""
    for table in soup.find_all("table"):
        if table.find("table"):
            continue
        found = catalogue_cells([c.get_text(" ", strip=True) for c in table.find_all(["td", "th"])])
        if found is not None:
            merge_meta(doc.meta, found)
            table.decompose()


def _catalogue_blocks(root: Tag, doc: SourceDocument) -> None:
    """Read and remove catalogue blocks laid out without a table (lists, label/value boxes):
    small blocks whose every line is a catalogue line or the value after a bare label."""
    for block in root.find_all(CATALOGUE_BLOCKS):
        if block.decomposed or len(block.get_text()) > MAX_CATALOGUE_CHARS:
            continue
        lines = [line.strip(EDGE) for line in _lines(block)]
        lines = [line for line in lines if line]
        meta: dict[str, str | None] = {}
        if len(lines) >= 2 and not scan_header(lines, meta, limit=len(lines)):
            merge_meta(doc.meta, meta)
            block.decompose()


def _mass(node: Tag) -> int:
    """Chinese characters of ``node``'s text outside links."""
    linked = sum(_han(a.get_text()) for a in node.find_all("a"))
    return _han(node.get_text()) - linked


def _han(text: str) -> int:
    return len(NOT_HAN.sub("", text))


def _article(root: Tag) -> tuple[Tag, list[str]]:
    """The element holding the article, and the headings just before it on the way down."""
    node, headings = root, []
    while True:
        total = _mass(node)
        children = [(_mass(c), c) for c in node.children if isinstance(c, Tag)]
        if not total or not children:
            return node, headings
        mass, best = max(children, key=lambda pair: pair[0])
        if mass < ARTICLE_SHARE * total or best.name == "p" or _is_data_table(best):
            return node, headings
        heading = _heading_before(best)
        if heading:
            headings.append(heading)
        node = best


def _is_data_table(node: Tag) -> bool:
    """A table of data (read as a grid) rather than one laying out a page (holding tables)."""
    return node.name == "table" and node.find("table") is None


def _heading_before(node: Tag) -> str | None:
    """Text of the nearest h1–h4 preceding ``node`` in its parent, bare or alone in a wrapper
    (a sidebar's heading comes with its link list, and is not the article's)."""
    for sibling in node.find_previous_siblings():
        heading = sibling if sibling.name in HEADINGS else sibling.find(HEADINGS)
        if heading is None:
            continue
        text = heading.get_text(" ", strip=True)
        if sibling.get_text(" ", strip=True) == text:
            return text
    return None


def _lines(container: Tag, doc: SourceDocument | None = None) -> list[str]:
    """Text lines of ``container``: a line per block element, inline elements joined; its task
    tables go to ``doc`` when one is given."""
    parts: list[str] = []
    _walk(container, parts, doc)
    return "".join(parts).split("\n")


def _walk(node: Tag, parts: list[str], doc: SourceDocument | None) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:
                parts.append(INLINE_SPACE.sub(" ", str(child)).replace("\u00a0", " "))
        elif child.name == "table" and not child.find("table"):
            parts.append("\n" + "\n".join(_table_lines(child, doc)) + "\n")
        elif child.name in BLOCK:
            parts.append("\n")
            _walk(child, parts, doc)
            parts.append("\n")
        else:
            _walk(child, parts, doc)


def _table_lines(table: Tag, doc: SourceDocument | None) -> list[str]:
    grid = table_grid(table)
    found = task_table(grid, f"table {len(doc.tables) + 1}") if doc is not None else None
    if found is not None:
        doc.tables.append(found)
    return grid_lines(grid)


def table_grid(table: Tag) -> Grid:
    """Rows of cell texts with ``rowspan``/``colspan`` cells copied into every cell they cover."""
    grid: dict[tuple[int, int], str] = {}
    rows = table.find_all("tr")
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr.find_all(["td", "th"], recursive=False):
            while (r, c) in grid:
                c += 1
            text = cell.get_text("\n", strip=True)
            for dr in range(_span(cell, "rowspan")):
                for dc in range(_span(cell, "colspan")):
                    grid[(r + dr, c + dc)] = text
            c += _span(cell, "colspan")
    width = max((c for _, c in grid), default=-1) + 1
    return [(r + 1, [grid.get((r, c), "") for c in range(width)]) for r in range(len(rows))]


def _span(cell: Tag, attr: str) -> int:
    try:
        return max(1, min(int(cell.get(attr, 1)), 1000))
    except (TypeError, ValueError):
        return 1
