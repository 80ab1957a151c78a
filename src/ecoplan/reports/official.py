"""An official document (党政机关公文) as data: what the writers in ``official_docx`` and ``html`` lay out.

The elements and their order follow GB/T 9704-2012 《党政机关公文格式》 clause 7: 版头 (7.2:
密级, 紧急程度, 发文机关标志, 发文字号), 主体 (7.3: 标题, 主送机关, 正文, 附件说明, 发文机关署名,
成文日期, 附注) and 版记 (7.4: 抄送机关, 印发机关和印发日期). Beyond the single-office 下行文/平行文:
份号 (7.2.1), 保密期限 (7.2.2), 签发人 of a 上行文 (7.2.6), joint issuing (联合行文, 7.2.4 and
7.3.5) and seal images (7.3.5.1), validated in :mod:`ecoplan.reports.official_signing`; see
``docs/documents.md``.

The library takes data in and writes a file out: callers (quarterly review, annual assessment,
air-quality circular) build an :class:`OfficialDocument` and pass it to
``ecoplan.reports.official_docx.write_official_docx`` or ``ecoplan.reports.html.render_official_html``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Sequence, Union

from ecoplan.errors import InputError
from ecoplan.reports.official_signing import PNG_SIGNATURE, SealImage, validate_signing

URGENCIES = ("特急", "加急")
SECURITY_LEVELS = ("绝密", "机密", "秘密")
HEADING_LEVELS = (1, 2, 3, 4)
_DOC_NUMBER = re.compile(r"^\S+〔\d{4}〕[1-9]\d*号$")
_LEADING_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．](?!\d)|（\d+）)")
_TRAILING_PUNCTUATION = "。，、；：！？,.;:!?"
_CN_DIGITS = "零一二三四五六七八九"
MARK_COLOURS = {"yellow": "FFFF00", "red": "FF7C80"}
"""Cell marks of a table (RGB hex): the air circular marks a value worse than the city average
yellow and a year-on-year deterioration red; the same colours in .docx, .xlsx and HTML."""


@dataclass(frozen=True)
class Paragraph:
    """A natural paragraph of the 正文 (7.3.3: 每个自然段左空二字，回行顶格)."""

    text: str


@dataclass(frozen=True)
class Heading:
    """A structural heading; its number (一、 （一） 1. （1）) is computed, never part of ``text``.

    ``run_in`` is body text continuing on the same line after the heading, as offices write
    "（一）空气质量。1—6月，……".
    """

    level: int
    text: str
    run_in: str = ""


@dataclass(frozen=True)
class Table:
    """A table in the body: header row, data rows (text or numbers, already formatted), widths in mm.

    ``marks``, when given, has the shape of ``rows``: per cell a key of :data:`MARK_COLOURS` or
    ``""`` (the cell is shaded in that colour).
    """

    columns: Sequence[str]
    rows: Sequence[Sequence[object]]
    title: str = ""
    widths_mm: Sequence[float] | None = None
    note: str = ""
    marks: Sequence[Sequence[str]] | None = None


@dataclass(frozen=True)
class Figure:
    """A picture in the body (PNG bytes, e.g. from ``ecoplan.reports.charts``) with its caption."""

    png: bytes
    caption: str
    width_mm: float = 150.0


Block = Union[Paragraph, Heading, Table, Figure]


@dataclass(frozen=True)
class OfficialDocument:
    """One 公文: every element GB/T 9704-2012 places on the page, as plain values.

    ``sealed`` selects where 署名 and 成文日期 go: True for a document that will carry the
    issuer's seal (7.3.5.1), False for one that will not (7.3.5.2). ``seals``, when given, are the
    seal images printed over the 落款, one per issuer in issuing order.

    ``copy_number`` is the 份号 (7.2.1), ``secrecy_term`` the 保密期限 after ``security`` (7.2.2).
    ``signers`` (签发人) make it a 上行文 (7.2.5, 7.2.6). ``co_issuers`` and ``co_signatures`` are
    the other offices of a joint document (联合行文) in the 版头 and at the end, after the
    主办机关 ``issuer``/``signature``; ``issuer_suffix`` is “文件” or empty (7.2.4).
    """

    issuer: str
    doc_number: str
    title: str
    recipients: Sequence[str]
    body: Sequence[Block]
    signature: str
    date: date
    attachments: Sequence[str] = ()
    note: str = ""
    copy_to: Sequence[str] = ()
    printer: str = ""
    print_date: date | None = None
    security: str = ""
    urgency: str = ""
    sealed: bool = True
    copy_number: str = ""
    secrecy_term: str = ""
    signers: Sequence[str] = ()
    co_issuers: Sequence[str] = ()
    co_signatures: Sequence[str] = ()
    issuer_suffix: str = ""
    seals: Sequence[SealImage] = ()

    def __post_init__(self) -> None:
        validate(self)


def validate(doc: OfficialDocument) -> None:
    """Raise :class:`InputError` naming the element (``field``) that breaks GB/T 9704-2012."""
    for name in ("issuer", "doc_number", "title", "signature"):
        if not str(getattr(doc, name)).strip():
            raise InputError("不能为空", field=_FIELD_NAMES[name])
    for name in ("recipients", "attachments", "copy_to"):
        if isinstance(getattr(doc, name), str):
            raise InputError("应为名称列表，而不是一段文字", field=_FIELD_NAMES[name])
    for name in ("date", "print_date"):
        value = getattr(doc, name)
        if not (isinstance(value, date) or (value is None and name == "print_date")):
            raise InputError(f"应为日期，得到“{value}”", field=_FIELD_NAMES[name])
    if not _DOC_NUMBER.match(doc.doc_number):
        # 7.2.5: 年份标全称，用六角括号“〔〕”括入；发文顺序号不加“第”字，不编虚位.
        raise InputError(f"“{doc.doc_number}”不是“机关代字〔年份〕序号号”的形式（如“常生态办〔2023〕5号”）",
                         field="发文字号")
    if not doc.recipients or any(not r.strip() for r in doc.recipients):
        raise InputError("至少一个主送机关，且名称不能为空", field="主送机关")
    if doc.urgency and doc.urgency not in URGENCIES:
        raise InputError(f"紧急程度只能是{'、'.join(URGENCIES)}", field="紧急程度")
    if doc.security and doc.security not in SECURITY_LEVELS:
        raise InputError(f"密级只能是{'、'.join(SECURITY_LEVELS)}（保密期限另填）", field="密级")
    validate_signing(doc)
    if doc.print_date is not None and not doc.printer.strip():
        raise InputError("有印发日期时须写印发机关", field="印发机关")
    for name in doc.attachments:
        if not name.strip() or name.endswith(tuple(_TRAILING_PUNCTUATION)):
            # 7.3.4: 附件名称后不加标点符号.
            raise InputError(f"附件名称不能为空，名称后不加标点符号：“{name}”", field="附件")
    for i, block in enumerate(doc.body, start=1):
        _validate_block(block, i)


_FIELD_NAMES = {"issuer": "发文机关标志", "doc_number": "发文字号", "title": "标题", "signature": "发文机关署名",
                "recipients": "主送机关", "attachments": "附件", "copy_to": "抄送机关", "date": "成文日期",
                "print_date": "印发日期"}


def _validate_block(block: Block, index: int) -> None:
    if isinstance(block, Heading):
        if block.level not in HEADING_LEVELS:
            raise InputError(f"层次只能是1至4级，得到{block.level}", row=index, field="正文标题")
        if _LEADING_NUMBER.match(block.text):
            raise InputError(f"标题序号自动编排，文字中不要再写序号：“{block.text}”", row=index, field="正文标题")
    elif isinstance(block, Table):
        if not block.columns:
            raise InputError("表格没有表头", row=index, field="表格")
        for r, row in enumerate(block.rows, start=1):
            if len(row) != len(block.columns):
                raise InputError(f"第{r}行有{len(row)}列，表头有{len(block.columns)}列", row=index, field="表格")
        if block.widths_mm is not None and len(block.widths_mm) != len(block.columns):
            raise InputError("列宽个数与表头列数不一致", row=index, field="表格")
        _validate_marks(block, index)
    elif isinstance(block, Figure):
        if not block.png.startswith(PNG_SIGNATURE):
            raise InputError("图片须为PNG格式", row=index, field="图")
    elif not isinstance(block, Paragraph):
        raise InputError(f"不认识的正文块：{type(block).__name__}", row=index, field="正文")


def _validate_marks(block: Table, index: int) -> None:
    if block.marks is None:
        return
    if [len(m) for m in block.marks] != [len(r) for r in block.rows]:
        raise InputError("标记（marks）的行列数须与表格数据一致", row=index, field="表格")
    unknown = {m for row in block.marks for m in row} - {"", *MARK_COLOURS}
    if unknown:
        raise InputError(f"不认识的单元格标记：{'、'.join(sorted(unknown))}", row=index, field="表格")


def format_date(day: date) -> str:
    """成文日期 / 印发日期 in Arabic numerals, e.g. ``2023年7月10日``.

    GB/T 9704-2012 7.3.5.4: 用阿拉伯数字将年、月、日标全，年份应标全称，月、日不编虚位（即1不编为01）.
    """
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (heading numbers 一、 and （一）)."""
    if not 1 <= n <= 99:
        raise ValueError(f"heading number out of range 1..99: {n}")
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens] + "十")
    return head + (_CN_DIGITS[units] if units else "")


def heading_number(level: int, n: int) -> str:
    """The number of the ``n``-th heading of ``level``.

    GB/T 9704-2012 7.3.3: 文中结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注.
    """
    if level == 1:
        return f"{chinese_numeral(n)}、"
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def heading_numbers(body: Sequence[Block]) -> list[str | None]:
    """Number every heading of ``body`` (None for other blocks); a heading restarts the levels below it."""
    counters = [0] * len(HEADING_LEVELS)
    numbers: list[str | None] = []
    for block in body:
        if not isinstance(block, Heading):
            numbers.append(None)
            continue
        counters[block.level - 1] += 1
        counters[block.level:] = [0] * (len(counters) - block.level)
        numbers.append(heading_number(block.level, counters[block.level - 1]))
    return numbers


def note_text(note: str) -> str:
    """附注 in parentheses (7.3.6: 居左空二字加圆括号编排在成文日期下一行)."""
    return note if note.startswith("（") else f"（{note}）"


def copy_to_text(names: Sequence[str]) -> str:
    """抄送机关 text after the label: names separated by “，”, the last followed by “。” (7.4.2)."""
    return "，".join(names) + "。"


def print_line(doc: OfficialDocument) -> str:
    """印发日期 with its suffix, e.g. ``2023年7月10日印发`` (7.4.3)."""
    return f"{format_date(doc.print_date)}印发" if doc.print_date else ""
