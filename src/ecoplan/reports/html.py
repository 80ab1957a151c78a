"""HTML print view of an :class:`~ecoplan.reports.official.OfficialDocument`.

The same elements as the .docx (``official_docx``) in one Jinja2 template
(``templates/official.html``): A4 print CSS with the GB/T 9704-2012 margins, 28 characters of
3号 per line on a 28.95 pt grid, the office font names first and web/Noto faces after them.
Charts are embedded as data URIs, so the page is one self-contained file.
"""

from __future__ import annotations

import base64
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ecoplan.reports import official_layout as L
from ecoplan.reports.official import (
    MARK_COLOURS,
    Figure,
    Heading,
    OfficialDocument,
    Paragraph,
    Table,
    copy_to_text,
    format_date,
    heading_numbers,
    note_text,
    print_line,
)
from ecoplan.reports.official_signing import head_marks, issuer_names, signatures, signer_rows
from ecoplan.reports.official_signing_layout import joint_issuer_font
from ecoplan.reports.official_tables import cell_text, column_widths_mm

TEMPLATES = Path(__file__).parent / "templates"
# Installed-anywhere faces after the office names: Noto CJK (Linux), AR PL UKai for 楷体.
WEB_FALLBACKS = {
    "serif": ["Noto Serif CJK SC", "Source Han Serif SC", "Songti SC"],
    "sans-serif": ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC"],
}
KAI_FALLBACKS = ["AR PL UKai CN", "Kaiti SC"]

_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                   trim_blocks=True, lstrip_blocks=True)


def font_stack(face: str) -> str:
    """CSS font-family list for ``face``: its office names, web fallbacks, the generic family."""
    generic = L.FONT_GENERIC[face]
    names = [*L.FONT_FALLBACKS[face], *(KAI_FALLBACKS if face == L.KAITI else []), *WEB_FALLBACKS[generic]]
    return ", ".join(f'"{n}"' for n in names) + f", {generic}"


def _block_view(block, number: str | None) -> dict:
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "text": block.text}
    if isinstance(block, Heading):
        return {"kind": "heading", "level": block.level, "text": number + block.text, "run_in": block.run_in}
    if isinstance(block, Table):
        return {"kind": "table", "title": block.title, "note": block.note, "columns": list(block.columns),
                "rows": [list(zip(map(cell_text, row), marks)) for row, marks in zip(block.rows, _marks(block))],
                "widths": column_widths_mm(block)}
    if isinstance(block, Figure):
        return {"kind": "figure", "caption": block.caption, "width": min(block.width_mm, L.TEXT_WIDTH_MM),
                "src": "data:image/png;base64," + base64.b64encode(block.png).decode("ascii")}
    raise TypeError(f"unknown block {type(block).__name__}")


def _marks(block: Table):
    return block.marks if block.marks is not None else [[""] * len(block.columns)] * len(block.rows)


def _seal_views(doc: OfficialDocument) -> list[dict]:
    return [{"src": "data:image/png;base64," + base64.b64encode(seal.png).decode("ascii"),
             "width": seal.size_mm, "height": seal.height_mm} for seal in doc.seals]


def render_official_html(doc: OfficialDocument) -> str:
    """The print view of ``doc`` as a complete HTML page (UTF-8 text)."""
    names = issuer_names(doc)
    if doc.co_issuers:
        issuer_pt, issuer_scale = joint_issuer_font(names, doc.issuer_suffix)
    else:
        issuer_pt, issuer_scale = L.issuer_font(doc.issuer + doc.issuer_suffix)
    date_text = format_date(doc.date)
    signed = signatures(doc)
    signature_right, date_right = L.signature_offsets(max(signed, key=L.text_width_chars), date_text, sealed=doc.sealed)
    return _env.get_template("official.html").render(
        doc=doc,
        L=L,
        mark_colours=MARK_COLOURS,
        fonts={face: Markup(font_stack(face)) for face in L.FONT_FALLBACKS},  # our constants, quoted for CSS
        marks=head_marks(doc),
        issuer_names=names,
        issuer_pt=issuer_pt,
        issuer_scale=issuer_scale / 100,
        issuer_natural_pt=max(L.text_width_chars(n) for n in names) * issuer_pt,
        signer_rows=signer_rows(doc.signers),
        title_lines=doc.title.split("\n"),
        recipients="，".join(doc.recipients) + "：",
        blocks=[_block_view(b, n) for b, n in zip(doc.body, heading_numbers(doc.body))],
        numbered_attachments=len(doc.attachments) > 1,
        signatures=signed,
        seals=_seal_views(doc),
        signature_right=signature_right,
        date_text=date_text,
        date_right=date_right,
        closing_blank_lines=2 if doc.sealed else 1,
        note=note_text(doc.note) if doc.note else "",
        copy_to=copy_to_text(doc.copy_to) if doc.copy_to else "",
        print_line=print_line(doc),
    )
