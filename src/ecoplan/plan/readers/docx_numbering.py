"""Word's automatic numbering, written out: the "一、" or "（1）" Word draws but never stores.

A numbered paragraph holds only ``w:numPr`` (numId, ilvl); the number's look lives in the
numbering part (ECMA-376 Part 1, 17.9: ``w:num`` → ``w:abstractNum`` → ``w:lvl`` with
``w:start``, ``w:numFmt`` and ``w:lvlText`` such as ``"（%1）"``). The outline parser needs the
numbers in the text, so the reader counts paragraphs the way Word does and writes them in.
"""

from __future__ import annotations

from docx.oxml.ns import qn

CN_DIGITS = "零一二三四五六七八九"
STEMS = "甲乙丙丁戊己庚辛壬癸"
CIRCLED = [chr(c) for c in range(0x2460, 0x2474)]  # ①…⑳
ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
         (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (ECMA-376 17.18.59 chineseCounting)."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ROMAN:
        count, n = divmod(n, value)
        out += letters * count
    return out


FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: "".join(chr(ord(d) + 0xFEE0) for d in str(n)),
    "chineseCounting": chinese_number,
    "chineseCountingThousand": chinese_number,
    "chineseLegalSimplified": chinese_number,
    "japaneseCounting": chinese_number,
    "ideographDigital": lambda n: "".join(CN_DIGITS[int(d)] for d in str(n)),
    "ideographTraditional": lambda n: STEMS[(n - 1) % 10],
    "decimalEnclosedCircle": lambda n: CIRCLED[n - 1] if 0 < n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: CIRCLED[n - 1] if 0 < n <= 20 else str(n),
    "decimalEnclosedParen": lambda n: f"({n})",
    "upperLetter": lambda n: chr(64 + (n - 1) % 26 + 1),
    "lowerLetter": lambda n: chr(96 + (n - 1) % 26 + 1),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
}


def _val(parent, tag: str, default=None):
    child = parent.find(qn(tag)) if parent is not None else None
    return child.get(qn("w:val")) if child is not None else default


class Numbering:
    """Counts a document's numbered paragraphs in order and renders each one's number."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.unknown = 0
        self.style_numbering, self.default_style = _style_numbering(document)
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            definition = abstract.get(_val(num, "w:abstractNumId"))
            if definition is not None:
                self.levels[num.get(qn("w:numId"))] = {
                    int(lvl.get(qn("w:ilvl"))): (int(_val(lvl, "w:start", "1")), _val(lvl, "w:numFmt", "decimal"),
                                                 _val(lvl, "w:lvlText", ""))
                    for lvl in definition.findall(qn("w:lvl"))
                }

    def prefix(self, paragraph) -> str:
        """The number Word shows before ``paragraph`` ("" when it has none or shows a bullet)."""
        num_pr = self._num_pr(paragraph)
        if num_pr is None:
            return ""
        num_id, ilvl = _val(num_pr, "w:numId"), int(_val(num_pr, "w:ilvl", "0"))
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        return self._render(levels, counters, ilvl)

    def _num_pr(self, paragraph):
        """``w:numPr`` of the paragraph, or else of its style."""
        ppr = paragraph._p.pPr
        if ppr is not None and ppr.numPr is not None:
            return ppr.numPr
        return self.style_numbering.get(paragraph._p.style or self.default_style)

    def _render(self, levels, counters, ilvl: int) -> str:
        start, fmt, text = levels[ilvl]
        if fmt in ("bullet", "none"):
            return ""
        if fmt not in FORMATS:
            self.unknown += 1
            return ""
        for k in range(ilvl, -1, -1):
            k_start, k_fmt, _ = levels.get(k, (1, "decimal", ""))
            value = counters.get(k, k_start)
            text = text.replace(f"%{k + 1}", FORMATS.get(k_fmt, str)(value))
        return text


def _style_numbering(document) -> tuple[dict[str, object], str | None]:
    """``w:numPr`` of each paragraph style that numbers its paragraphs (headings numbered
    through their style), and the default paragraph style's id; read once, since python-docx
    resolves ``paragraph.style`` by scanning every style."""
    numbered, default = {}, None
    for style in document.styles.element.findall(qn("w:style")):
        if style.get(qn("w:type")) != "paragraph":
            continue
        if style.get(qn("w:default")) in ("1", "true"):
            default = style.get(qn("w:styleId"))
        ppr = style.find(qn("w:pPr"))
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is not None:
            numbered[style.get(qn("w:styleId"))] = num_pr
    return numbered, default
