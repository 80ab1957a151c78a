"""GB/T 9704-2012 《党政机关公文格式》: the numbers of the page, the styles, and the arithmetic of offsets.

Every constant cites its clause. Units: millimetres (``_MM``), points (``_PT``), and "字" — the
width of one 3号 character on the 28-characters-per-line grid (clause 3.1 defines 字 as one
Chinese character's width; 5.2.3 asks for 28 of them per line).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Twips

# 5.1 幅面尺寸: A4, 210 mm × 297 mm.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
# 5.2.1 页边与版心尺寸: 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm (so bottom 35 mm, right 26 mm).
MARGIN_TOP_MM, MARGIN_LEFT_MM = 37, 28
TEXT_WIDTH_MM, TEXT_HEIGHT_MM = 156, 225
MARGIN_RIGHT_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - TEXT_WIDTH_MM
MARGIN_BOTTOM_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - TEXT_HEIGHT_MM
# 5.2.3 行数和字数: 一般每面排22行，每行排28个字，并撑满版心.
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
_MM_PER_PT = 25.4 / 72
# Exact line spacing in whole twentieths of a point, the largest with 22 lines inside 225 mm: 28.95 pt.
LINE_PITCH_PT = int(TEXT_HEIGHT_MM / _MM_PER_PT / LINES_PER_PAGE * 20) / 20

# Font sizes (号) in points, as Word and WPS define them.
SIZE_PT = {"初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18,
           "三号": 16, "小三": 15, "四号": 14, "小四": 12, "五号": 10.5}
BODY_PT = SIZE_PT["三号"]  # 5.2.2: 如无特殊说明，公文格式各要素一般用3号仿宋体字.
# A 3号 character is 16 pt but 28 of them must fit 156 mm (442.2 pt): condense each by 0.25 pt.
BODY_CHAR_SPACING_PT = -0.25
CHAR_PT = BODY_PT + BODY_CHAR_SPACING_PT
assert CHAR_PT * CHARS_PER_LINE <= TEXT_WIDTH_MM / _MM_PER_PT

# Font names as Chinese offices install them; Word resolves a name in the East-Asian slot.
XIAOBIAOSONG = "方正小标宋简体"  # 7.2.4 发文机关标志, 7.3.1 标题: 小标宋体字
FANGSONG = "仿宋_GB2312"  # 5.2.2 the default face
HEITI = "黑体"  # 7.2.2/7.2.3 密级、紧急程度; 7.3.3 第一层
KAITI = "楷体_GB2312"  # 7.3.3 第二层
SONGTI = "宋体"  # 7.5 页码: 4号半角宋体阿拉伯数字
# Same faces under other names (Windows, macOS, web), best first: for CSS stacks and for
# fontconfig aliases when rendering on a machine without the Chinese office fonts.
FONT_FALLBACKS = {
    XIAOBIAOSONG: ["方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "小标宋", "华文中宋", "STZhongsong", "宋体", "SimSun"],
    FANGSONG: ["仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong"],
    HEITI: ["黑体", "SimHei", "STHeiti", "Microsoft YaHei"],
    KAITI: ["楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti"],
    SONGTI: ["宋体", "SimSun", "STSong"],
}
# Generic family of each face: sans for 黑体, serif for the others.
FONT_GENERIC = {XIAOBIAOSONG: "serif", FANGSONG: "serif", HEITI: "sans-serif", KAITI: "serif", SONGTI: "serif"}
RED = "FF0000"  # 7.2.4, 7.2.7: 发文机关标志 and 版头分隔线 red; 5.2.4: everything else black.

# 7.2.4: 发文机关标志上边缘至版心上边缘为35mm.
ISSUER_TOP_MM = 35
ISSUER_PT = SIZE_PT["小初"]  # the standard leaves the size open (醒目、美观、庄重); offices use 小初 or larger
ISSUER_MIN_SCALE = 50  # percent: a long name is narrowed (长宋) rather than shrunk, down to half width
# 7.2.7: 发文字号之下4mm处居中印一条与版心等宽的红色分隔线. Thickness is not given; 1.5 pt is common.
RED_RULE_BELOW_MM, RED_RULE_PT = 4, 1.5
# A bottom border is drawn ``space`` points below the line box; on an exact 28.95 pt line a 3号
# character ends about 6 pt above the box's bottom (measured in LibreOffice 7.4), so 5 pt puts
# the rule 4 mm below the 发文字号.
RED_RULE_SPACE_PT = round(RED_RULE_BELOW_MM / _MM_PER_PT - 6)
# 7.4.1: 版记分隔线与版心等宽，首条和末条用粗线（推荐高度为0.35mm），中间用细线（推荐高度为0.25mm）.
IMPRINT_THICK_PT, IMPRINT_THIN_PT = 1.0, 0.75  # 0.353 mm and 0.265 mm, the nearest Word border widths
IMPRINT_PT = SIZE_PT["四号"]  # 7.4.2, 7.4.3: 一般用4号仿宋体字
# 7.5 页码: 4号半角宋体阿拉伯数字，数字左右各放一条一字线；一字线上距版心下边缘7mm；单页码居右空一字，双页码居左空一字.
PAGE_NUMBER_PT = SIZE_PT["四号"]
PAGE_NUMBER_BELOW_MM = 7
EM_DASH = "\u2014"  # 一字线
# The footer line (exactly 4号 high) starts 1.5 mm above where the 一字线 should be: the dash is
# drawn at mid-height of the characters, which LibreOffice 7.4 places 1 mm above an exact line's
# top (measured). Word measures the footer distance from the page's bottom edge.
FOOTER_DISTANCE_MM = MARGIN_BOTTOM_MM - (PAGE_NUMBER_BELOW_MM - 1.5) - PAGE_NUMBER_PT * _MM_PER_PT
HEADER_DISTANCE_MM = 15  # no header is printed; Word only needs it inside the top margin
TABLE_PT = SIZE_PT["四号"]  # 8 leaves table text size open; 4号 keeps 7-column tables on one line


def chars(n: float, size_pt: float = CHAR_PT) -> Twips:
    """Length of ``n`` 字 (characters of ``size_pt``; default a body character on the grid)."""
    return Twips(round(n * size_pt * 20))


def issuer_font(issuer: str) -> tuple[float, int]:
    """Size [pt] and horizontal scale [%] of the 发文机关标志 so that it fits one line of the 版心.

    7.2.4 asks for 醒目、美观、庄重 and leaves the size open: a long name keeps the 小初 height and
    is narrowed (as offices' 红头 are); below half width it is made smaller instead.
    """
    room = TEXT_WIDTH_MM / _MM_PER_PT * 0.96
    natural = text_width_chars(issuer) * ISSUER_PT
    if natural <= room:
        return ISSUER_PT, 100
    scale = int(room / natural * 100)
    if scale >= ISSUER_MIN_SCALE:
        return ISSUER_PT, scale
    return round(room / (text_width_chars(issuer) * ISSUER_MIN_SCALE / 100), 1), ISSUER_MIN_SCALE


def issuer_line_pt(size_pt: float) -> float:
    """Exact line height of the 发文机关标志: a fifth above its size, so nothing is clipped."""
    return round(size_pt * 1.2 * 2) / 2


def issuer_space_before_pt(lines_above: int) -> float:
    """Space above the 发文机关标志 so its top sits 35 mm below the 版心 top (7.2.4), after the
    密级/紧急程度 lines (7.2.2, 7.2.3) that share that space."""
    return round(ISSUER_TOP_MM / _MM_PER_PT - lines_above * LINE_PITCH_PT, 1)


def signature_offsets(signature: str, date_text: str, *, sealed: bool) -> tuple[float, float]:
    """Right indents [字] of the 发文机关署名 and the 成文日期.

    Sealed (7.3.5.1): 成文日期一般右空四字编排; 单一机关行文时，以成文日期为准居中编排发文机关署名.
    Unsealed (7.3.5.2): 右空二字编排发文机关署名，成文日期首字比署名首字右移二字；如成文日期长于
    署名，应当使成文日期右空二字编排，并相应增加署名右空字数.

    A 署名 too long to be centred over a date four 字 from the right ends flush with the 版心 and
    the date moves left to stay centred under it: the seal must press both centrally (印章端正、
    居中下压发文机关署名和成文日期), which 一般右空四字 gives way to.
    """
    sig, day = text_width_chars(signature), text_width_chars(date_text)
    if sealed:
        signature_right = 4 + (day - sig) / 2
        if signature_right >= 0:
            return signature_right, 4.0
        return 0.0, (sig - day) / 2
    date_right = 2 + sig - 2 - day
    if date_right >= 2:
        return 2.0, date_right
    return 2 + (2 - date_right), 2.0


def imprint_lines(text: str) -> int:
    """Lines a 版记 paragraph takes: 4号 characters between the one-字 indents, 抄送 wrapping under its first name."""
    per_line = int((TEXT_WIDTH_MM / _MM_PER_PT - 2 * IMPRINT_PT) // IMPRINT_PT)
    rest = max(0.0, text_width_chars(text) - per_line)
    return 1 + math.ceil(rest / (per_line - 3))


def imprint_height_mm(lines: int) -> float:
    """Height of the 版记 box: its lines on the body grid, plus the rules and 1 mm to spare."""
    return lines * LINE_PITCH_PT * _MM_PER_PT + 2


def text_width_chars(text: str) -> float:
    """Width of ``text`` in 字: CJK and full-width characters count 1, ASCII (half-width) ½."""
    return sum(0.5 if ord(ch) < 0x2E80 and ch != EM_DASH else 1.0 for ch in text)


@dataclass(frozen=True)
class Style:
    """A paragraph style: face, size, alignment, indents in 字, line spacing (exact pt or single)."""

    name: str
    font: str
    size_pt: float = BODY_PT
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    first_line_chars: float = 0
    exact_line_pt: float | None = LINE_PITCH_PT
    char_spacing_pt: float = 0
    keep_with_next: bool = False
    color: str | None = None


BODY = "公文正文"
STYLES = [
    # 7.3.3: 正文用3号仿宋体字，每个自然段左空二字，回行顶格; 层次: 第一层黑体、第二层楷体、第三层和第四层仿宋.
    Style(BODY, FANGSONG, first_line_chars=2, char_spacing_pt=BODY_CHAR_SPACING_PT),
    Style("公文一级标题", HEITI, first_line_chars=2, char_spacing_pt=BODY_CHAR_SPACING_PT, keep_with_next=True),
    Style("公文二级标题", KAITI, first_line_chars=2, char_spacing_pt=BODY_CHAR_SPACING_PT, keep_with_next=True),
    Style("公文三级标题", FANGSONG, first_line_chars=2, char_spacing_pt=BODY_CHAR_SPACING_PT),
    Style("公文四级标题", FANGSONG, first_line_chars=2, char_spacing_pt=BODY_CHAR_SPACING_PT),
    # 7.2.2, 7.2.3: 密级和保密期限、紧急程度一般用3号黑体字，顶格编排在版心左上角.
    Style("公文密级", HEITI, align=WD_ALIGN_PARAGRAPH.LEFT),
    # 7.2.1: 份号一般用6位3号阿拉伯数字，顶格编排在版心左上角第一行.
    Style("公文份号", FANGSONG, align=WD_ALIGN_PARAGRAPH.LEFT),
    # 7.2.4: 发文机关标志居中排布，推荐使用小标宋体字，颜色为红色.
    Style("公文发文机关标志", XIAOBIAOSONG, ISSUER_PT, WD_ALIGN_PARAGRAPH.CENTER, exact_line_pt=None, color=RED),
    # 7.2.5: 发文字号编排在发文机关标志下空二行位置，居中排布.
    Style("公文发文字号", FANGSONG, align=WD_ALIGN_PARAGRAPH.CENTER),
    # 7.3.1: 标题一般用2号小标宋体字，编排于红色分隔线下空二行位置，分一行或多行居中排布.
    Style("公文标题", XIAOBIAOSONG, SIZE_PT["二号"], WD_ALIGN_PARAGRAPH.CENTER, keep_with_next=True),
    # 7.3.2: 主送机关编排于标题下空一行位置，居左顶格，回行时仍顶格.
    Style("公文主送机关", FANGSONG, char_spacing_pt=BODY_CHAR_SPACING_PT),
    Style("公文附件说明", FANGSONG, char_spacing_pt=BODY_CHAR_SPACING_PT),
    Style("公文署名", FANGSONG, align=WD_ALIGN_PARAGRAPH.RIGHT, char_spacing_pt=BODY_CHAR_SPACING_PT),
    Style("公文附注", FANGSONG, first_line_chars=2, char_spacing_pt=BODY_CHAR_SPACING_PT),
    Style("公文表题", HEITI, align=WD_ALIGN_PARAGRAPH.CENTER, keep_with_next=True),
    Style("公文表头", HEITI, TABLE_PT, WD_ALIGN_PARAGRAPH.CENTER, exact_line_pt=None),
    Style("公文表格", FANGSONG, TABLE_PT, WD_ALIGN_PARAGRAPH.CENTER, exact_line_pt=None),
    Style("公文表注", FANGSONG, TABLE_PT, WD_ALIGN_PARAGRAPH.LEFT, exact_line_pt=None),
    # A picture must not sit on an exact line height: Word and LibreOffice would clip it.
    Style("公文图", FANGSONG, align=WD_ALIGN_PARAGRAPH.CENTER, exact_line_pt=None, keep_with_next=True),
    Style("公文图题", FANGSONG, TABLE_PT, WD_ALIGN_PARAGRAPH.CENTER),
    Style("公文版记", FANGSONG, IMPRINT_PT, WD_ALIGN_PARAGRAPH.LEFT),
    Style("公文页码", SONGTI, PAGE_NUMBER_PT, WD_ALIGN_PARAGRAPH.RIGHT, exact_line_pt=PAGE_NUMBER_PT),
]


STYLE_FONT = {spec.name: spec.font for spec in STYLES}
