"""Target-responsibility letters: content from the unit's obligations (quotas, tasks, money,
schedule) checked by hand, the GB/T 9704 .docx opened back, drafted → issued → signed with the
signed copy, returned; who may do what; bad input."""

from __future__ import annotations

from app_env import docx_text
from sqlalchemy import select

from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.letters.models import ResponsibilityLetter

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _unit_id(env, name: str) -> int:
    with env.session() as s:
        return env.unit(s, name).id


def _draft(env, name: str = "武进区") -> int:
    r = env.client("admin").post("/letters/draft", data={"unit_id": str(_unit_id(env, name))})
    assert r.status_code == 303, r.text
    return int(r.headers["location"].rsplit("/", 1)[1])



def test_the_district_letter_states_its_quotas_tasks_money_and_schedule(seeded):
    letter_id = _draft(seeded)
    with seeded.session() as s:
        c = s.get(ResponsibilityLetter, letter_id).content
    quotas = {g["metric"]: g["quota"] for g in c["targets"]}
    # the demo obligations' quotas for 武进区 (third of DISTRICT_ORDER)
    assert quotas["培育市级及以上绿色工厂"] == 10
    assert quotas["整治提升企业"] == 550
    assert quotas["新改扩建农村公厕"] == 35
    # projects P1, P3, P5 lie in 武进区 and P4 is owned by it: 1000+500+2000+1500, 400+600 done
    assert c["money"] == {"projects": 4, "planned": "5000.00", "done": "1000.00", "by_source": {},
                          "arranged": {"items": [], "by_source": {
                              "合计": {"planned": "0.00", "spent": "0.00"}}}}
    assert c["tasks"] and all(t["role"] for t in c["tasks"])
    assert c["schedule"] == sorted(c["schedule"], key=lambda r: (r["date"], r["task"]))
    admin = seeded.client("admin")
    page = admin.get(f"/letters/{letter_id}")
    assert page.status_code == 200 and "培育市级及以上绿色工厂" in page.text
    docx = admin.get(f"/letters/{letter_id}/letter.docx")
    assert docx.status_code == 200
    text = docx_text(docx.content)
    assert "2023年度生态文明建设目标责任书（武进区）" in text.replace("\n", "")
    assert "常生态责〔2023〕" in text and "武进区：" in text
    assert "乙方：武进区（盖章）" in text and "5000.00 万元" in text
    assert "550" in text and "常州市生态文明建设工作领导小组办公室" in text


def test_drafted_issued_signed_and_returned(seeded, settings):
    letter_id = _draft(seeded)
    admin, district = seeded.client("admin"), seeded.client("district")
    # a unit cannot upload before it is issued, nor issue it
    r = district.post(f"/letters/{letter_id}/signed", files={"file": ("s.pdf", PDF)})
    assert r.status_code == 422 and "下达后" in r.text
    assert district.post(f"/letters/{letter_id}/issue", data={}).status_code == 403
    bad = admin.post(f"/letters/{letter_id}/issue", data={"doc_number": "12号"})
    assert bad.status_code == 422 and "发文字号" in bad.text
    assert admin.post(f"/letters/{letter_id}/issue",
                      data={"doc_number": "常生态责〔2023〕7号"}).status_code == 303
    # an issued letter is frozen: drafting again is refused
    again = admin.post("/letters/draft", data={"unit_id": str(_unit_id(seeded, "武进区"))})
    assert again.status_code == 303
    assert "常生态责〔2023〕7号" in docx_text(admin.get(f"/letters/{letter_id}/letter.docx").content)
    r = district.post(f"/letters/{letter_id}/signed", files={"file": ("签订件.txt", b"hello")})
    assert r.status_code == 422 and "PDF" in r.text
    r = district.post(f"/letters/{letter_id}/signed", files={"file": ("签订件.pdf", PDF)})
    assert r.status_code == 303
    (row,) = district.get("/api/letters").json()
    assert (row["unit"], row["state"], row["doc_number"], row["signed_file"]) == \
        ("武进区", "signed", "常生态责〔2023〕7号", "签订件.pdf")
    got = admin.get(f"/letters/{letter_id}/signed")
    assert got.status_code == 200 and got.content == PDF
    assert admin.post(f"/letters/{letter_id}/return", data={"reason": ""}).status_code == 422
    assert admin.post(f"/letters/{letter_id}/return",
                      data={"reason": "未盖章"}).status_code == 303
    assert district.get("/api/letters").json()[0]["state"] == "issued"
    with seeded.session() as s:
        actions = [a for (a,) in s.execute(select(AuditEntry.action)
                                           .where(AuditEntry.object_type == "letter"))]
    assert actions == ["letter.drafted", "letter.issued", "letter.signed", "letter.returned"]


def test_who_sees_which_letters(seeded):
    wujin = _draft(seeded)
    bureau = _draft(seeded, "市生态环境局")
    district, reporter, viewer = (seeded.client(r) for r in ("district", "reporter", "viewer"))
    assert [x["unit"] for x in district.get("/api/letters").json()] == ["武进区"]
    assert [x["unit"] for x in reporter.get("/api/letters").json()] == ["市生态环境局"]
    assert len(viewer.get("/api/letters").json()) == 2
    assert district.get(f"/letters/{bureau}").status_code == 403
    assert district.get(f"/letters/{bureau}/letter.docx").status_code == 403
    assert reporter.post(f"/letters/{wujin}/signed", files={"file": ("s.pdf", PDF)}).status_code == 403
    assert viewer.post(f"/letters/{wujin}/signed", files={"file": ("s.pdf", PDF)}).status_code == 403
    assert seeded.client(None).get("/api/letters").status_code == 401
    assert district.post("/letters/draft", data={"unit_id": "all"}).status_code == 403


def test_drafting_for_every_unit_and_bad_input(seeded):
    admin = seeded.client("admin")
    assert admin.post("/letters/draft", data={"unit_id": "x"}).status_code == 422
    assert admin.post("/letters/draft", data={"unit_id": "all"}).status_code == 303
    rows = admin.get("/api/letters").json()
    units = {r["unit"] for r in rows}
    assert {"武进区", "市生态环境局", "溧阳市"} <= units and len(rows) > 10
    assert "尚未拟定的责任单位" not in admin.get("/letters").text
    assert admin.get("/letters/99999").status_code == 404
