"""Document metadata (文件要素) read from a plan's text when the reader's ``meta`` lacks it.

Where each element sits follows GB/T 9704-2012 (党政机关公文格式): the document number
(发文字号, §7.2.4, e.g. 常政发〔2023〕23号), the issuing authority's signature (发文机关署名)
and the signing date (成文日期, §7.3.5) at the foot of the notice. Government sites add a
metadata block (文件编号 / 发布机构 / 生成日期 / 公开日期) that the text may still carry.
"""

from __future__ import annotations

import re

from ecoplan.plan.year import plan_year

_DOC_NUMBER_RE = re.compile(r"[\u4e00-\u9fa5]{1,10}[〔\[［【(（]\s*(\d{4})\s*[〕\]］】)）]\s*第?\s*\d{1,4}\s*号")
_TITLE_QUOTED_RE = re.compile(r"印发\s*《([^《》]{4,80})》")
_TITLE_LINE_RE = re.compile(
    r"^[^，。；：:,（(]{4,70}(?:工作方案|实施方案|行动方案|方案|工作计划|行动计划|计划|工作要点|要点|安排|任务清单|清单|任务书|分工"
    r"|若干措施|若干意见|实施意见|指导意见|意见|措施)"
    r"(?:\s*[（(]\s*\d{4}\s*(?:年)?\s*[-—–－~至]+\s*\d{4}\s*年?\s*[）)])?$")
_FIELD_RE = {
    "doc_number": re.compile(r"(?:文件编号|发文字号|文\s*号)\s*[:：]\s*(\S+?号)"),
    "issuer": re.compile(r"(?:发布机构|发文机关|发文单位)\s*[:：]\s*(\S+)"),
    "signed": re.compile(r"(?:成文日期|生成日期|发文日期)\s*[:：]\s*(\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?)"),
    "published": re.compile(r"(?:公开日期|发布日期|发布时间)\s*[:：]\s*(\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?)"),
}
_DATE_LINE_RE = re.compile(
    r"^([0-9〇○零一二三四五六七八九]{4})\s*年\s*([0-9一二三四五六七八九十]{1,3})\s*月\s*([0-9一二三四五六七八九十]{1,3})\s*日$")
_ISSUER_RE = r"[\u4e00-\u9fa5（）()]{3,40}(?:人民政府|政府|办公室|办公厅|委员会|管委会|局|委)|国务院|中共中央"
_ISSUER_LINE_RE = re.compile(rf"^(?:{_ISSUER_RE})$")
#: Issuer and date on one line: "山东省人民政府办公厅2021年5月8日印发".
_ISSUER_DATE_RE = re.compile(rf"^({_ISSUER_RE})\s*(\d{{4}}年\d{{1,2}}月\d{{1,2}}日)\s*(?:印发|发布)?$")
# Tried in order: 常州市 must not stop at its 州.
_REGION_RES = [re.compile(rf"^(?:中共)?([\u4e00-\u9fa5]{{1,8}}?{suffix})") for suffix in ("市", "县", "区", "自治州", "州", "盟", "旗", "省")]
_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}


def _cn_int(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return int(_DIGITS.get(tens, "1") if tens else 1) * 10 + (int(_DIGITS[ones]) if ones else 0)
    return int("".join(_DIGITS.get(c, c) for c in text))


def iso_date(text: str) -> str | None:
    """``2023-04-17`` from 2023-04-17, 2023年4月17日, 2023.4.17 or 二〇二三年四月十七日."""
    parts = re.split(r"[-年./月日]", text.strip())
    parts = [p for p in parts if p]
    if len(parts) != 3:
        return None
    try:
        year, month, day = (_cn_int(p) for p in parts)
    except (ValueError, KeyError):
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _signature(lines: list[str]) -> tuple[str | None, str | None]:
    """The first 落款: an authority line directly above a date line."""
    for i, line in enumerate(lines):
        match = _DATE_LINE_RE.match(line)
        if match and i and _ISSUER_LINE_RE.match(lines[i - 1]):
            return lines[i - 1], iso_date(re.sub(r"\s", "", line))
        joined = _ISSUER_DATE_RE.match(line)
        if joined:
            return joined.group(1), iso_date(joined.group(2))
    return None, None


def _first_name(candidates: list[str | None]) -> str | None:
    """The first candidate that reads as a name (catalogue cells may leave “|” or blanks)."""
    for candidate in candidates:
        cleaned = (candidate or "").strip(" |｜\t")
        if len(re.findall(r"[\u4e00-\u9fa5]", cleaned)) >= 2:
            return cleaned
    return None


def _own_line_number(lines: list[str]) -> str | None:
    """A 发文字号 standing on its own line (GB/T 9704 §7.2.4); numbers cited in the body
    (“依据…（苏政办发〔2022〕81号）”) are not the document's."""
    for line in lines[:80]:
        found = _DOC_NUMBER_RE.fullmatch(line.strip("（()） "))
        if found:
            return found.group()
    return None


def _title(meta_title: str | None, lines: list[str]) -> str | None:
    for candidate in [meta_title or "", *lines[:200]]:
        quoted = _TITLE_QUOTED_RE.search(candidate)
        if quoted:
            return quoted.group(1).strip()
    head = lines[:200]
    for i, line in enumerate(head):
        if _TITLE_LINE_RE.match(line):
            return line
        # A title set over two lines ("国务院关于做好…时期" / "促进就业工作的若干意见").
        if i + 1 < len(head) and len(line) <= 40 and not re.search(r"[，。；：:,]", line) \
                and not re.search(r"\d\s*[年月日号〕]", line) and _TITLE_LINE_RE.match(line + head[i + 1]):
            return line + head[i + 1]
    return meta_title or None


def read_metadata(meta: dict, text: str, region: str | None) -> dict:
    """``document`` fields: the reader's ``meta`` first, then what the text itself says."""
    head = text[:20000]
    lines = [line.strip() for line in head.splitlines() if line.strip()]
    fields = {key: pattern.search(head) for key, pattern in _FIELD_RE.items()}
    # The 落款 closes the notice (near the top) or, for a plan issued on its own, the document.
    tail = [line.strip() for line in text[-3000:].splitlines() if line.strip()]
    issuer, signed = _signature(lines + tail[1:] if len(text) > 20000 else lines)
    numbers = [meta.get("doc_number"), fields["doc_number"] and fields["doc_number"].group(1), _own_line_number(lines)]
    doc = {
        "title": _title(meta.get("title"), lines),
        "doc_number": next((m.group() for n in numbers if n and (m := _DOC_NUMBER_RE.search(n))), None),
        # The 落款 is the document's own word; a site's 发布机构 may be its web office.
        "issuer": _first_name([issuer, meta.get("issuer"), fields["issuer"] and fields["issuer"].group(1)]),
        "signed": signed or meta.get("signed") or (fields["signed"] and iso_date(fields["signed"].group(1))),
        "published": meta.get("published") or (fields["published"] and iso_date(fields["published"].group(1))),
    }
    doc["year"], doc["year_source"] = plan_year(doc, text)
    doc["region"] = _region(doc, region)
    return doc


def _region(doc: dict, gazetteer_region: str | None) -> str | None:
    for source in (doc["issuer"], re.sub(r"^\d{4}年(?:度)?", "", doc["title"] or "")):
        for pattern in _REGION_RES:
            found = pattern.match(source or "")
            if found and found.group(1) not in {"市", "区", "县"}:
                return found.group(1)
    if doc["issuer"] and doc["issuer"].startswith(("市", "区", "县")):
        return gazetteer_region
    return None
