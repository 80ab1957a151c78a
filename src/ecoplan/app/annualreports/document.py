"""A district's annual report as an :class:`~ecoplan.reports.official.OfficialDocument`: a 上行文
(GB/T 9704-2012 7.2.6: 签发人 beside the 发文字号) from the district to 市委、市政府.

The 正文 is the text the district edits: a line ``一、…`` is a first-level heading, ``（一）…`` a
second-level one (the library numbers them, 7.3.3), any other line a paragraph. The figure
tables follow the headings they belong to (``TABLES``), or close the text when the district
removed that heading.
"""

from __future__ import annotations

import datetime as dt
import re

from ecoplan.errors import InputError
from ecoplan.reports.official import Heading, OfficialDocument, Paragraph, Table

RECIPIENTS = ("市委、市政府",)
"""One 主送 line as such reports are addressed (the library joins several names with "，")."""
MAX_TEXT = 20000
_LEVEL_1 = re.compile(r"^[一二三四五六七八九十]+、\s*(\S.*)$")
_LEVEL_2 = re.compile(r"^（[一二三四五六七八九十]+）\s*(\S.*)$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TARGETS_HEADING, PROJECTS_HEADING = "目标任务完成情况", "重点工程项目推进情况"
SUPERVISION_HEADING, ASSESSMENT_HEADING = "督查督办事项办理情况", "年度综合考评情况"


def title_of(content: dict) -> str:
    return f"{content['unit']}关于{content['year']}年度生态文明建设工作情况的报告"


def _value(number) -> str:
    return "—" if number is None else f"{float(number):g}"


def _rate(done, quota) -> str:
    if done is None or not quota:
        return "—"
    return f"{float(done) / float(quota) * 100:.1f}%"


def targets_table(content: dict) -> Table | None:
    rows = [(g["task"], g["metric"], _value(g["quota"]) + g["unit"] if g["quota"] is not None
             else "全市目标", _value(g["reported"]) + (g["unit"] if g["reported"] is not None else ""),
             _rate(g["reported"], g["quota"]), g["period"] or "未报送")
            for g in content["targets"]]
    return Table(("任务", "指标", "分解额度", "报送完成值", "完成比例", "报送期"), rows,
                 widths_mm=(14, 44, 26, 26, 22, 24)) if rows else None


def projects_table(content: dict) -> Table | None:
    p = content["projects"]
    rows = [(x["code"], x["name"], x["planned"], x["done"]) for x in p["list"]]
    if not rows:
        return None
    rows.append(("合计", f"{p['count']} 个", p["planned"], p["done"]))
    return Table(("编号", "项目名称", "计划投资（万元）", "累计完成（万元）"), rows,
                 widths_mm=(26, 74, 28, 28))


def funding_table(content: dict) -> Table | None:
    """Money by source: arranged for the district (planned, spent) and its projects' planned
    investment; None when there is neither (reports drafted before ``funding`` have none)."""
    arranged = (content.get("funding") or {}).get("by_source") or {}
    projects = content["projects"].get("by_source") or {}
    sources = [s for s in (*arranged, *projects) if s != "合计"]
    if not sources:
        return None
    zero = {"planned": "0.00", "spent": "0.00"}
    rows = [(s, arranged.get(s, zero)["planned"], arranged.get(s, zero)["spent"],
             projects.get(s, "0.00")) for s in dict.fromkeys(sources)]
    total = arranged.get("合计", zero)
    rows.append(("合计", total["planned"], total["spent"], content["projects"]["planned"]))
    return Table(("资金来源", "任务资金计划（万元）", "任务资金已支出（万元）", "项目计划投资（万元）"),
                 rows, widths_mm=(34, 40, 42, 40))


def _funding_sentence(content: dict) -> str:
    total = ((content.get("funding") or {}).get("by_source") or {}).get("合计")
    if not total or total["planned"] in ("0", "0.00"):
        return ""
    return (f"我区承担的目标任务资金安排 {total['planned']} 万元，已支出 {total['spent']} 万元"
            "（按来源见下表）。")


def default_text(content: dict) -> str:
    """The first draft of the 正文, every figure from ``content``; the district rewrites it."""
    t, p, s, a = (content[k] for k in ("targets", "projects", "supervision", "assessment"))
    done = sum(g["reported"] is not None for g in t)
    money = (f"我区重点工程项目 {p['count']} 个，计划总投资 {p['planned']} 万元，累计完成投资 "
             f"{p['done']} 万元" + (f"，投资完成率 {p['rate']}%。" if p["rate"] else "。")
             if p["count"] else "我区无列入全市台账的重点工程项目。")
    states = "、".join(f"{label} {n} 件" for label, n in s["by_state"].items())
    watch = (f"{content['year']}年交办我区的督查督办事项 {s['total']} 件，其中{states}。"
             if s["total"] else f"{content['year']}年无交办我区的督查督办事项。")
    grade = (f"我区{content['year']}年度综合考评得分 {a['total']} 分，等次为{a['grade']}，"
             f"在 {a['of']} 个辖市区中列第 {a['rank']} 位" + ("（暂定）。" if a["provisional"] else "。")
             if a else "年度综合考评结果尚未产生。")
    return "\n".join([
        f"{content['year']}年，我区认真贯彻落实《{content['plan']}》，现将全年生态文明建设工作情况报告如下。",
        f"一、{TARGETS_HEADING}",
        f"全市工作方案分解到我区的量化目标 {len(t)} 项，已报送完成值 {done} 项。",
        f"二、{PROJECTS_HEADING}", money + _funding_sentence(content),
        f"三、{SUPERVISION_HEADING}", watch,
        f"四、{ASSESSMENT_HEADING}", grade,
        "五、存在问题和下步打算",
        "（请填写存在的主要问题和下一年度工作打算。）",
        "特此报告。"])


def check_text(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise InputError("正文不能为空", field="正文")
    if len(text) > MAX_TEXT:
        raise InputError(f"正文过长：最多 {MAX_TEXT} 字，现有 {len(text)} 字", field="正文")
    if _CONTROL.search(text):
        raise InputError("正文含有不可见的控制字符，请删除后再保存", field="正文")
    return text


def body(content: dict, text: str) -> list:
    tables = {TARGETS_HEADING: [targets_table(content)],
              PROJECTS_HEADING: [projects_table(content), funding_table(content)]}
    blocks: list = []
    for line in (x.strip() for x in text.splitlines()):
        if not line:
            continue
        if m := _LEVEL_1.match(line):
            blocks.append(Heading(1, m.group(1)))
            blocks.extend(t for t in tables.pop(m.group(1), []) if t is not None)
        elif m := _LEVEL_2.match(line):
            blocks.append(Heading(2, m.group(1)))
        else:
            blocks.append(Paragraph(line))
    return blocks + [t for group in tables.values() for t in group if t is not None]


def build_report(content: dict, *, text: str, doc_number: str, signer: str,
                 date: dt.date) -> OfficialDocument:
    """The report; the library refuses a malformed 发文字号 or a missing 签发人."""
    return OfficialDocument(issuer=content["unit"], doc_number=doc_number, title=title_of(content),
                            recipients=list(RECIPIENTS), body=body(content, text),
                            signature=content["unit"], date=date, sealed=False,
                            signers=[signer] if signer else [])
