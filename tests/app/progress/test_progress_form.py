"""The report form gives the reporter what they need beside it (issue 16 item 3): the target
(goal, comparator, unit), the unit's previous value, the city figure; and evidence attached in
the same step as the first save (the draft is created with it, or nothing is kept)."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from ecoplan.app.progress.models import EvidenceFile, ProgressReport

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def _target_item(seeded):
    """A quantitative item the reporter (市生态环境局) owes, and its target."""
    with seeded.session() as s:
        item = next(i for i in seeded.items(s, "市生态环境局") if i.kind == "target")
        return item.uid, item.target.metric, item.target.comparator, item.target.value, item.target.unit


def _post(client, uid, period, value, files=None, intent="save"):
    data = {"period": period, "value_to_date": value, "narrative": "按月推进", "intent": intent}
    return client.post(f"/progress/items/target/{uid}", data=data, files=files)


def test_form_shows_target_previous_value_and_city_figure(seeded):
    reporter = seeded.client("reporter")
    uid, metric, comparator, value, unit = _target_item(seeded)
    first = reporter.get(f"/progress/items/target/{uid}?period=2023-04")
    assert first.status_code == 200
    goal = re.search(r'id="report-goal">([^<]*)<', first.text).group(1)
    sign = {"<=": "≤", ">=": "≥", "<": "<", ">": ">", "==": "="}[comparator]
    assert metric in first.text and goal.startswith(f"{sign} {value:g}{unit}")
    assert "无（本年首次报送）" in first.text
    assert 'id="report-city-figure"' in first.text and "全市当前情况" in first.text
    assert _post(reporter, uid, "2023-04", "12.5").status_code == 303
    may = reporter.get(f"/progress/items/target/{uid}?period=2023-05").text
    previous = re.search(r'id="report-previous">(.*?)</dd>', may, re.S).group(1)
    assert previous.startswith("2023年4月：12.5") and "草稿" in previous
    # the later period is not "previous" to an earlier one
    march = reporter.get(f"/progress/items/target/{uid}?period=2023-03").text
    assert "无（本年首次报送）" in march


def test_task_form_has_no_city_figure(seeded):
    reporter = seeded.client("reporter")
    page = reporter.get(f"/progress/items/task/{seeded.app.state.task3}?period=2023-05")
    assert page.status_code == 200 and "report-city-figure" not in page.text
    assert 'enctype="multipart/form-data"' in page.text and 'name="files"' in page.text


def test_evidence_with_the_first_save(seeded):
    reporter = seeded.client("reporter")
    uid = _target_item(seeded)[0]
    files = [("files", ("备案表.pdf", PDF, "application/pdf")), ("files", ("现场.png", PNG, "image/png"))]
    response = _post(reporter, uid, "2023-05", "3", files=files, intent="submit")
    assert response.status_code == 303, response.text[:300]
    with seeded.session() as s:
        report = s.scalars(select(ProgressReport)).one()
        assert report.state == "submitted"
        assert sorted(e.file_name for e in report.evidence) == ["备案表.pdf", "现场.png"]
        assert [e.action for e in report.history] == ["save", "evidence", "evidence", "submit"]
        stored = [seeded.settings.data_dir / "evidence" / e.stored_name for e in report.evidence]
    assert all(p.is_file() for p in stored)


def test_evidence_all_or_nothing(seeded):
    """One bad file refuses the whole step: no draft, no row, no file left on disk."""
    reporter = seeded.client("reporter")
    uid = _target_item(seeded)[0]
    files = [("files", ("备案表.pdf", PDF, "application/pdf")), ("files", ("run.exe", b"MZ\x90\0", "application/octet-stream"))]
    response = _post(reporter, uid, "2023-05", "3", files=files)
    assert response.status_code == 422 and "run.exe" in response.text and "不支持的文件类型" in response.text
    # a valid file, but the step fails afterwards (submit without 工作进展): nothing is kept
    data = {"period": "2023-05", "value_to_date": "3", "narrative": "", "intent": "submit"}
    refused = reporter.post(f"/progress/items/target/{uid}", data=data,
                            files=[("files", ("备案表.pdf", PDF, "application/pdf"))])
    assert refused.status_code == 422 and "工作进展" in refused.text
    with seeded.session() as s:
        assert s.scalar(select(func.count()).select_from(ProgressReport)) == 0
        assert s.scalar(select(func.count()).select_from(EvidenceFile)) == 0
    folder = seeded.settings.data_dir / "evidence"
    assert not folder.exists() or not any(folder.iterdir())


def test_empty_file_input_is_no_file(seeded):
    """A form sent with nothing chosen in the file input saves the draft without evidence."""
    reporter = seeded.client("reporter")
    uid = _target_item(seeded)[0]
    response = _post(reporter, uid, "2023-05", "3", files=[("files", ("", b"", "application/octet-stream"))])
    assert response.status_code == 303
    with seeded.session() as s:
        assert s.scalars(select(ProgressReport)).one().evidence == []
