"""A document site's preview cut into numbered chunks, and role sentences giving the work by 由 and a
role verb followed by the work (issue 18, held-out batch 9's misses), each on a made-up snippet."""

from __future__ import annotations

from ecoplan.plan.build import parse_plan
from ecoplan.plan.readers import read_document
from ecoplan.plan.readers.unbroken import joined_chunks

PREVIEW = """某区秸秆综合利用工作方案.doc
《某区秸秆综合利用工作方案.doc》由会员分享,可在线阅读。
1、某区秸秆综合利用工作方案 各乡镇人民政府,区级各部门: 为改善大气环境质量,特制定本方案。 一、明确目标 以保障群众健康为出发点,建立秸秆综合利用体系。 二、主要工作措施
2、(一)引进企业 1.建立产业链。由区农业局牵头引进加工企业,在全区建成收储加工点3-6个.由区农业局、区国土局等部门负责落实加工点的选址,企业负责加工,各相关乡镇(街道)负责临时占地的租用。区农业局和乡镇要强化收集工作。 2.推进还田。由区农机站负责起草还田技术规范,推广秸秆机械化还田。
3、
"""


def test_a_site_preview_numbered_in_chunks_is_read_as_one_run_of_text():
    """"1、… 2、… 3、" numbering the site's chunks (one empty), the plan's own 一、 二、 inside them."""
    lines = PREVIEW.strip("\n").split("\n")
    joined = joined_chunks(lines)
    assert len(joined) == 3 and joined[2].startswith("某区秸秆综合利用工作方案 各乡镇") and "二、主要工作措施 (一)引进企业" in joined[2]
    # a plain list "1、 2、 3、" of the plan's own items, no headings inside, stays as written
    items = ["工作任务", "1、完成河道清淤5条。", "2、建成污水管网10公里。", "3、开展巡查。"]
    assert joined_chunks(items) == items


def test_role_sentences_by_and_a_verb_followed_by_the_work(gazetteer, tmp_path):
    """"由A牵头引进…" → A leads; "由A、B等部门负责落实…" → implementers; "各相关乡镇(街道)负责…" →
    shared (a collective's share); "由…负责起草" (a drafting) and "A和乡镇要强化…" (no role word) give none."""
    path = tmp_path / "preview.txt"
    path.write_text(PREVIEW, encoding="utf-8")
    plan = parse_plan(read_document(path), gazetteer, year=2022)
    tasks = {t["number"]: {r: [u["name"] for u in us] for r, us in t["responsibility"].items() if us}
             for t in plan["tasks"]}
    assert tasks["1"] == {"lead": ["区农业局"], "implementers": ["区农业局", "区国土局"], "shared": ["各相关乡镇(街道)"]}
    assert tasks["2"] == {}
    assert [(t["task"], t["value"], t["comparator"]) for t in plan["targets"]] == [("1", 3, ">=")]
