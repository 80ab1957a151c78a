"""The quarterly circular's money, read back from the downloaded .docx: the lagging tasks' table
has a 资金安排 column only when one of them has money arranged, and the note names the money as
synthetic only when the demo's (合成数据) amounts are shown (``assessment.circular``)."""

from __future__ import annotations

import io

from docx import Document

QUERY = {"year": 2023, "quarter": 2, "doc_number": "常生态办〔2023〕9号", "date": "2023-07-12"}
MONEY = "资金安排（万元，计划/已使用）"
NOTE = "资金安排为演示用合成数据"


def _lag_task_13(seeded):
    # 10 of 50 against the pace 49.6 % by 30 June: task 13 严重滞后 (test_office_numbers)
    seeded.report("13", unit="市公安局")
    seeded.report("13", kind="target", unit="市公安局", value_to_date="10")


def _circular(client):
    response = client.get("/assessment/circular.docx", params=QUERY)
    assert response.status_code == 200, response.text
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    lagging = next(t for t in doc.tables if t.rows[0].cells[0].text == "编号")
    rows = [[c.text for c in row.cells] for row in lagging.rows]
    return text, rows


def _fund(client, uid, planned, spent, note=""):
    r = client.post("/funding", data={"item": f"task:{uid}", "source": "市级财政",
                                      "planned": planned, "spent": spent, "note": note})
    assert r.status_code == 303, r.text


def _task_uid(seeded, number):
    from ecoplan.app.progress import todo
    with seeded.session() as s:
        return next(t.uid for t in todo.published(s).tasks if t.number == number)


def test_circular_without_money_has_no_money_column_nor_note(seeded):
    _lag_task_13(seeded)
    text, rows = _circular(seeded.client("admin"))
    assert rows[0] == ["编号", "任务", "牵头单位"]
    assert ["13"] == [r[0] for r in rows[1:] if r[0] == "13"]
    assert "资金安排" not in text and MONEY not in {c for r in rows for c in r}


def test_circular_shows_the_lagging_tasks_money_and_the_synthetic_note(seeded):
    _lag_task_13(seeded)
    admin = seeded.client("admin")
    uid = _task_uid(seeded, "13")
    _fund(admin, uid, "120.5", "30")
    _fund(admin, _task_uid(seeded, "6"), "999", "1")  # a task not lagging: not in the table
    text, rows = _circular(admin)
    assert rows[0] == ["编号", "任务", "牵头单位", MONEY]
    row13 = next(r for r in rows[1:] if r[0] == "13")
    assert row13[-1] == "120.50 / 30.00"
    assert all(r[-1] in ("—", "120.50 / 30.00") for r in rows[1:])
    assert NOTE not in text  # the office's own amounts: no 合成数据 note for the money
    # the same amount marked as the demo's invented one: the note says so
    _fund(admin, uid, "120.5", "30", note="合成数据：演示")
    text, rows = _circular(admin)
    assert next(r for r in rows[1:] if r[0] == "13")[-1] == "120.50 / 30.00"
    assert NOTE in text and text.index(NOTE) < text.index("点评得分与排名")
