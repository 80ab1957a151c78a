"""A responsibility letter as an :class:`~ecoplan.reports.official.OfficialDocument`, laid out
by ``ecoplan.reports`` in the GB/T 9704-2012 layout (.docx): 主送 the unit, 正文 its targets
and quotas, tasks, money and schedule, then the two parties' signature lines."""

from __future__ import annotations

import datetime as dt

from ecoplan.app.seals.head import ISSUER
from ecoplan.reports.official import Heading, OfficialDocument, Paragraph, Table

PARTY_A = ISSUER
COMMITMENT = ("为全面完成《{plan}》确定的目标任务，落实“层层分解、签订目标责任书，落实责任单位、明确资金"
              "安排、序时进度”的要求，{party_a}（甲方）与{unit}（乙方）签订本责任书。乙方对下列目标"
              "任务负责，按报送要求通过生态文明建设工作平台报送进展，接受甲方督查和年度综合考评。")
ASSESSMENT = ("本责任书执行情况纳入{year}年度生态文明建设综合考评。目标任务未按期完成的，依照督查督办"
              "程序予以交办、通报或约谈；情节严重的，依法依纪追究责任。")


def _value(number) -> str:
    return "—" if number is None else f"{float(number):g}"


def title_of(content: dict) -> str:
    return f"{content['year']}年度生态文明建设目标责任书（{content['unit']}）"


def _targets(content: dict) -> list:
    if not content["targets"]:
        return [Paragraph("本年度无分解到乙方的量化目标。")]
    rows = [(g["task"], g["metric"], g["text"], _value(g["quota"]) + (g["unit"] or "")
             if g["quota"] is not None else "全市目标", g["deadline"] or "年底前")
            for g in content["targets"]]
    return [Table(("任务", "指标", "全市目标", "乙方额度", "完成时限"), rows,
                  widths_mm=(14, 40, 50, 26, 26))]


def _tasks(content: dict) -> list:
    if not content["tasks"]:
        return [Paragraph("本年度工作方案未点名乙方承担的重点任务。")]
    rows = [(t["number"], t["title"], t["role"]) for t in content["tasks"]]
    return [Table(("序号", "重点任务", "乙方职责"), rows, widths_mm=(16, 110, 30))]


def _arranged(content: dict) -> list:
    """The amounts arranged for the unit per task/target, and their totals by source."""
    arranged = content["money"].get("arranged") or {}
    if not arranged.get("items"):
        return []
    total = arranged["by_source"]["合计"]
    rows = [(x["name"], x["source"], x["planned"], x["spent"]) for x in arranged["items"]]
    rows += [(f"小计：{s}", "", a["planned"], a["spent"])
             for s, a in arranged["by_source"].items() if s != "合计"]
    rows.append(("合计", "", total["planned"], total["spent"]))
    return [Paragraph(f"乙方承担的目标任务资金安排 {total['planned']} 万元，截至签订时已支出 "
                      f"{total['spent']} 万元，按任务和资金来源如下。"),
            Table(("任务、目标", "资金来源", "计划（万元）", "已支出（万元）"), rows,
                  widths_mm=(80, 24, 26, 26))]


def _money(content: dict) -> list:
    m = content["money"]
    arranged = _arranged(content)
    if not m["projects"]:
        return arranged or [Paragraph("乙方本年度无列入重点工程项目台账的项目；所需资金按部门预算安排。")]
    text = (f"乙方负责（或位于乙方辖区）的重点工程项目 {m['projects']} 个，计划总投资 {m['planned']} 万元，"
            f"截至签订时累计完成 {m['done']} 万元。")
    rows = [(source, amount) for source, amount in m["by_source"].items()]
    return arranged + [Paragraph(text)] + (
        [Table(("资金来源", "项目计划投资（万元）"), rows, widths_mm=(60, 60))] if rows else [])


def _schedule(content: dict) -> list:
    if not content["schedule"]:
        return [Paragraph("各项目标任务于年底前完成。")]
    rows = [(s["date"], f"任务{s['task']}" if s["task"] != "目标" else "目标", s["text"])
            for s in content["schedule"]]
    return [Table(("时间节点", "所属", "内容"), rows, widths_mm=(28, 20, 108))]


def build_letter(content: dict, *, doc_number: str, date: dt.date) -> OfficialDocument:
    """The letter; the library refuses a malformed 发文字号."""
    note = ([Paragraph("（合成数据：演示用责任书，并非正式文件。）")]
            if content.get("synthetic") else [])
    body = [*note, Paragraph(COMMITMENT.format(plan=content["plan"], party_a=PARTY_A,
                                        unit=content["unit"])),
            Heading(1, "目标与分解额度"), *_targets(content),
            Heading(1, "重点任务"), *_tasks(content),
            Heading(1, "资金安排"), *_money(content),
            Heading(1, "序时进度"), *_schedule(content),
            Heading(1, "考核与责任追究"), Paragraph(ASSESSMENT.format(year=content["year"])),
            Heading(1, "签署"),
            Paragraph(f"甲方：{PARTY_A}（盖章）　　负责人（签字）："),
            Paragraph(f"乙方：{content['unit']}（盖章）　　主要负责人（签字）："),
            Paragraph("签订日期：　　　　年　　月　　日"),
            Paragraph("本责任书一式两份，甲乙双方各执一份，自签订之日起生效。")]
    return OfficialDocument(issuer=PARTY_A, doc_number=doc_number, title=title_of(content),
                            recipients=[content["unit"]], body=body, signature=PARTY_A,
                            date=date, sealed=False)
