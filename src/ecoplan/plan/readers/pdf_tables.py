"""Ruled tables on PDF pages: cell grids with merged cells filled, and the page without them.

pdfplumber finds a table from its ruling lines and reports a cell covered by a merged cell as
None; the covering cell is the one whose box holds the covered cell's centre.
"""

from __future__ import annotations

from ecoplan.plan.readers.tables import Grid

Box = tuple[float, float, float, float]


def page_tables(page) -> list[tuple[Box, list[list[str]]]]:
    """``(bbox, rows of cell texts)`` of each ruled table with at least two rows and columns."""
    found = []
    for table in page.find_tables():
        rows = table.extract()
        if len(rows) >= 2 and max(map(len, rows)) >= 2:
            found.append((table.bbox, _filled(table, rows)))
    return found


def _filled(table, rows: list[list[str | None]]) -> list[list[str]]:
    texts = {cell: _clean(rows[r][c]) for r, row in enumerate(table.rows)
             for c, cell in enumerate(row.cells) if cell is not None}
    columns = [col.bbox for col in table.columns]
    out = []
    for r, row in enumerate(table.rows):
        y = _row_middle(row.cells, row.bbox)
        line = []
        for c, cell in enumerate(row.cells):
            if cell is not None:
                line.append(texts[cell])
                continue
            x = (columns[c][0] + columns[c][2]) / 2 if c < len(columns) else None
            cover = next((b for b in texts if x is not None and b[0] <= x <= b[2] and b[1] <= y <= b[3]), None)
            line.append(texts[cover] if cover else "")
        out.append(line)
    return out


def _row_middle(cells: list[Box | None], bbox: Box) -> float:
    """Vertical centre of a row: its lowest cell's (merged cells are taller than the row)."""
    boxes = [c for c in cells if c is not None] or [bbox]
    tightest = min(boxes, key=lambda b: b[3] - b[1])
    return (tightest[1] + tightest[3]) / 2


def _clean(text: str | None) -> str:
    """Cell text with its wrapped lines joined (CJK text wraps inside a cell mid-word)."""
    return "".join((text or "").split("\n")).strip()


def outside(boxes: list[Box]):
    """A pdfplumber filter keeping every object that is not a character inside ``boxes``."""
    def keep(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)
    return keep


def as_grid(rows: list[list[str]], first_row: int = 1) -> Grid:
    return [(first_row + i, row) for i, row in enumerate(rows)]
