"""Lines of extracted text to the body text of ``SourceDocument``: one paragraph per line,
page furniture of government sites (breadcrumbs, 浏览次数, 扫一扫, print/close links) removed.
"""

from __future__ import annotations

import re

from ecoplan.plan.readers.columns import two_columns
from ecoplan.plan.readers.meta import scan_header
from ecoplan.plan.readers.runon import runon_lines
from ecoplan.plan.readers.unbroken import unbroken_lines

EDGE = " \t\u00a0\u3000\ufeff" + "".join(map(chr, range(0x2000, 0x200C)))
"""Indentation and trailing blanks: ASCII, no-break, typographic and full-width (U+3000) spaces.
Inside a line full-width spaces are text and stay."""

# Whole lines that are site furniture, never document text.
FURNITURE = re.compile(
    "|".join((
        r"(您|你)?(当前|现在)的?(位置|所在位置)\s*[:：]?.*",
        r"(首页|网站首页|主页)\s*(>>|>|»|›|/|→|＞).*",
        r"(浏览|访问|阅读|点击)(次数|量|数)\s*[:：]?\s*\d*\s*次?",
        r"扫一扫在手机(上)?打开(当前|本)页",
        r"(\s*[【\[]?\s*(打印本页|打印|关闭窗口|关闭|返回顶部|收藏|分享到?)\s*[】\]]?\s*)+",
        r"[【\[]?\s*字(号|体)\s*[:：]?\s*[【\[]?大\s*[】\]]?\s*[【\[]?中\s*[】\]]?\s*[【\[]?小\s*[】\]]?.*",
        r"分享到\s*[:：].*",
        r"(上一篇|下一篇)\s*[:：].*",
        r"(版权所有|Copyright|©).*",
        r".*(ICP备|ICP证|网站标识码|公网安备).*",
        r"(主办|承办|协办|主管)(单位)?\s*[:：].*",
        r"((网站地图|联系我们|返回首页|设为首页|加入收藏|无障碍浏览|关怀版|English)\s*[|｜]?\s*)+",
    ))
)


def is_furniture(line: str) -> bool:
    """True for a line of page furniture such as ``首页 >> 政务公开 >> 正文`` or ``浏览次数:``."""
    return bool(FURNITURE.fullmatch(line))


def body_lines(raw: list[str], meta: dict[str, str | None]) -> list[str]:
    """Strip edges, drop blank and furniture lines, move catalogue lines into ``meta``."""
    lines = runon_lines([line.strip(EDGE) for line in unbroken_lines(two_columns(raw))])
    lines = [line for line in lines if line and not is_furniture(line)]
    return scan_header(lines, meta)


def body_text(raw: list[str], meta: dict[str, str | None]) -> str:
    """``body_lines`` joined with newlines."""
    return "\n".join(body_lines(raw, meta))
