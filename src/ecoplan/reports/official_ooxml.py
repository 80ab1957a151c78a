"""WordprocessingML pieces python-docx has no API for: East-Asian fonts, character spacing and
scale, paragraph rules, a PAGE field, a text box at the foot of the page, a borderless layout
table, a picture floating over the text.

Elements are inserted in the child order ECMA-376 prescribes (Word refuses files that break it).
"""

from __future__ import annotations

import io

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from docx.shared import Emu

from ecoplan.reports.official_layout import TEXT_WIDTH_MM


def set_fonts(rpr, font: str) -> None:
    """Name ``font`` in every slot of a ``w:rPr`` (ASCII, high ANSI, East-Asian, complex script).

    Word picks the East-Asian slot for Chinese characters; naming only ``w:ascii`` (what
    python-docx's ``font.name`` does) leaves Chinese text in the theme's East-Asian font.
    """
    fonts = _child(rpr, "w:rFonts")
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), font)
    fonts.set(qn("w:hint"), "eastAsia")


def set_char_spacing(rpr, points: float) -> None:
    """Character spacing (``w:spacing``, twentieths of a point; negative condenses)."""
    _child(rpr, "w:spacing").set(qn("w:val"), str(round(points * 20)))


def set_width_scale(rpr, percent: int) -> None:
    """Horizontal scale of characters (``w:w``), e.g. 70 for a narrowed 发文机关标志."""
    _child(rpr, "w:w").set(qn("w:val"), str(percent))


def set_east_asian_language(rpr, lang: str = "zh-CN") -> None:
    """Mark text as Chinese so line breaking follows Chinese rules (no 。 at a line start)."""
    _child(rpr, "w:lang").set(qn("w:eastAsia"), lang)


def set_no_asian_latin_spacing(ppr) -> None:
    """Turn off the extra space Word and LibreOffice put between Chinese and Latin text or digits.

    That space would push “2023年7月10日” and lines with numbers off the 28-character grid.
    """
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        _child(ppr, tag).set(qn("w:val"), "0")


def set_border(ppr, side: str, width_pt: float, color: str = "000000", space_pt: int = 0) -> None:
    """A paragraph border line on ``side`` (top/bottom), as wide as the paragraph (the 版心)."""
    borders = _child(ppr, "w:pBdr")
    line = _child(borders, f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(round(width_pt * 8)))
    line.set(qn("w:space"), str(space_pt))
    line.set(qn("w:color"), color)


_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_EMU_PER_MM = 36000
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Wrapped in mc:AlternateContent as Word itself writes 2010 shapes (no VML fallback for Word 2007).
_BOX = """<w:r %s xmlns:wps="%s" xmlns:mc="%s"><w:rPr><w:noProof/></w:rPr>
<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0"
 layoutInCell="1" allowOverlap="0"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>
<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>
<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>
<wp:docPr id="{id}" name="{name}"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="%s"><wps:wsp><wps:cNvSpPr txBox="1"/>
<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>
<a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr><wps:txbx><w:txbxContent/></wps:txbx>
<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b" anchorCtr="0"/></wps:wsp>
</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>""" % (
    nsdecls("w", "wp", "a"), _WPS, _MC, _WPS)
_BOX = _BOX.replace("\n", "")  # no whitespace text between elements


def page_foot_box(paragraphs, *, height_mm: float, shape_id: int, name: str):
    """A run holding a text box at the bottom of the 版心 (centred, full width) with ``paragraphs`` in it.

    7.4.1 wants the last 版记 rule on the 版心's lower edge of the last page. Word has no
    "bottom of the page" paragraph, so the 版记 paragraphs go in a text box aligned to the
    bottom margin, text wrapping above it; the box travels with its anchoring paragraph. Its
    height is fixed (LibreOffice misplaces a growing box by 2 mm) and its text sits at its bottom.
    ``paragraphs`` are ``w:p`` elements, moved into the box.
    """
    cx, cy = round(TEXT_WIDTH_MM * _EMU_PER_MM), round(height_mm * _EMU_PER_MM)
    run = parse_xml(_BOX.format(cx=cx, cy=cy, id=shape_id, name=name))
    content = run.find(".//" + qn("w:txbxContent"))
    for p in paragraphs:
        content.append(p)
    return run


def append_page_field(paragraph) -> None:
    """Append a ``PAGE`` field (the current page number) to ``paragraph``."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


# Child order of w:rPr, w:pPr, w:pBdr and w:tcPr in ECMA-376 (Word rejects files with children out of order).
CHILD_ORDER = {
    "w:rPr": ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
              "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
              "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
              "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
              "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"),
    "w:pPr": ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
              "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
              "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
              "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
              "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
              "w:sectPr", "w:pPrChange"),
    "w:pBdr": ("w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar"),
    "w:tblPr": ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
                "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"),
    "w:tblBorders": ("w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end", "w:insideH", "w:insideV"),
    "w:tblCellMar": ("w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end"),
    "w:tcPr": ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap",
               "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers", "w:cellIns",
               "w:cellDel", "w:cellMerge", "w:tcPrChange"),
}
_ORDER_BY_QNAME = {qn(k): tuple(qn(t) for t in v) for k, v in CHILD_ORDER.items()}


def _child(parent, tag: str):
    """The child ``tag`` of ``parent``, created in schema order if missing."""
    name = qn(tag)
    found = parent.find(name)
    if found is not None:
        return found
    el = OxmlElement(tag)
    order = _ORDER_BY_QNAME[parent.tag]
    later = set(order[order.index(name) + 1:])
    successor = next((c for c in parent if c.tag in later), None)
    if successor is None:
        parent.append(el)
    else:
        successor.addprevious(el)
    return el


def set_table_no_margins(tbl) -> None:
    """No cell margins and no borders: a layout table (the joint 发文机关标志)."""
    tblpr = tbl.tblPr
    borders, margins = _child(tblpr, "w:tblBorders"), _child(tblpr, "w:tblCellMar")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _child(borders, f"w:{side}").set(qn("w:val"), "nil")
    for side in ("top", "left", "bottom", "right"):
        el = _child(margins, f"w:{side}")
        el.set(qn("w:w"), "0")
        el.set(qn("w:type"), "dxa")


_EMU_PER_PT = 12700
_ANCHOR = ('<wp:anchor %s distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="2" behindDoc="0"'
           ' locked="1" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
           '<wp:positionH relativeFrom="margin"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
           '<wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
           '</wp:anchor>') % nsdecls("wp")


def add_floating_picture(document, paragraph, png: bytes, *, x_pt: float, y_pt: float,
                         width_pt: float, height_pt: float, name: str) -> None:
    """A picture in front of the text, its top-left ``x_pt`` from the 版心's left edge and ``y_pt``
    below the top of ``paragraph`` (a seal pressing the 署名: 印章…下压发文机关署名, 7.3.5.1).

    python-docx only writes inline pictures; the inline's extent, docPr and graphic are moved
    into a ``wp:anchor`` with no wrapping, so the text does not move around the seal.
    """
    inline = document.part.new_pic_inline(io.BytesIO(png), Emu(round(width_pt * _EMU_PER_PT)),
                                          Emu(round(height_pt * _EMU_PER_PT)))
    anchor = parse_xml(_ANCHOR.format(x=round(x_pt * _EMU_PER_PT), y=round(y_pt * _EMU_PER_PT)))
    extent, _effect, doc_pr, frame, graphic = (inline.find(qn(t)) for t in (
        "wp:extent", "wp:effectExtent", "wp:docPr", "wp:cNvGraphicFramePr", "a:graphic"))
    doc_pr.set("name", name)
    anchor.append(extent)
    anchor.append(parse_xml(f'<wp:effectExtent {nsdecls("wp")} l="0" t="0" r="0" b="0"/>'))
    anchor.append(parse_xml(f'<wp:wrapNone {nsdecls("wp")}/>'))
    for el in (doc_pr, frame, graphic):
        anchor.append(el)
    drawing = OxmlElement("w:drawing")
    drawing.append(anchor)
    paragraph.add_run()._r.append(drawing)
