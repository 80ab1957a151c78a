"""Uploading a plan document: the seed becomes a draft; bad files are refused with the reason."""

from __future__ import annotations

from sqlalchemy import select

from ecoplan.app.plans.demo import SEED
from ecoplan.app.plans.models import PlanSource, PlanVersion


def upload(client, name: str, data: bytes, content_type: str = "text/plain"):
    return client.post("/plans/upload", files={"file": (name, data, content_type)})


def test_upload_the_seed_makes_a_draft_to_review(env):
    admin = env.client("admin")
    answer = upload(admin, "changzhou_2023_plan.txt", SEED.read_bytes())
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert location.startswith("/plans/versions/") and location.endswith("/review")
    with env.session() as s:
        version = s.scalars(select(PlanVersion)).one()
        assert version.is_draft and len(version.tasks) >= 30
        source = s.scalars(select(PlanSource)).one()
        stored = env.settings.data_dir / source.stored_path
        assert stored.read_bytes() == SEED.read_bytes()
        assert "static" not in stored.parts and "生态文明建设工作方案" in source.text
    review = admin.get(location)
    assert review.status_code == 200 and '<mark data-items="task-' in review.text


BAD = [
    ("plan.exe", b"MZ\x90\x00", "不支持的文件类型"),
    ("plan.txt", b"", "文件为空"),
    ("plan.txt", "说明".encode() * 200_000, "文件过大"),
    ("plan.docx", b"this is not a zip file at all", "无法读取该文件"),
    ("plan.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "旧格式文件，请另存为 .docx"),
    ("plan.txt", b"\x89PNG\r\n\x1a\n" + bytes(100), "图片文件没有文字层"),
    ("plan.txt", "这份文件只有一句话，没有任何编号任务。".encode(), "未找到可识别的工作任务"),
]


def test_bad_uploads_show_the_reason_and_store_nothing(env):
    admin = env.client("admin")
    for name, data, message in BAD:
        answer = upload(admin, name, data)
        assert answer.status_code in (413, 422), name
        assert message in answer.text and "上传工作方案" in answer.text, message
    with env.session() as s:
        assert s.scalars(select(PlanVersion)).all() == []
        assert s.scalars(select(PlanSource)).all() == []
    stored = env.settings.data_dir / "plan_sources"
    assert not stored.exists() or list(stored.iterdir()) == []


def test_only_admin_may_upload(env):
    for role in ("reporter", "leader", "district", "viewer"):
        assert upload(env.client(role), "p.txt", SEED.read_bytes()).status_code == 403


def test_second_upload_while_a_draft_is_open_is_refused(env):
    admin = env.client("admin")
    assert upload(admin, "a.txt", SEED.read_bytes()).status_code == 303
    again = upload(admin, "a.txt", SEED.read_bytes())
    assert again.status_code == 422 and "未发布的草稿" in again.text


def test_a_word_document_is_read_too(env, tmp_path):
    """The same plan saved as .docx (paragraphs of the seed) goes through the docx reader."""
    from docx import Document

    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "2023年常州市生态文明建设工作方案")
    document = Document()
    for line in lines[start:start + 12]:
        document.add_paragraph(line.strip())
    path = tmp_path / "plan.docx"
    document.save(path)
    answer = upload(env.client("admin"), "方案.docx", path.read_bytes(),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert answer.status_code == 303, answer.text[:500]
    with env.session() as s:
        version = s.scalars(select(PlanVersion)).one()
        assert [t.number for t in version.tasks][:3] == ["1", "2", "3"]
        assert any(g.metric == "PM2.5浓度" for g in version.targets)


NO_YEAR = "某县生态文明建设工作方案\n一、重点任务\n1.推进治理。6月底前完成改造10家。（市生态环境局牵头）\n".encode()


def test_a_plan_without_a_year_asks_for_it_and_takes_it_from_the_form(env):
    admin = env.client("admin")
    answer = upload(admin, "county.txt", NO_YEAR)
    assert answer.status_code == 422 and "方案年份" in answer.text and 'name="year"' in answer.text
    bad = admin.post("/plans/upload", files={"file": ("county.txt", NO_YEAR, "text/plain")}, data={"year": "20x3"})
    assert bad.status_code == 422 and "方案年份“20x3”无效" in bad.text
    answer = admin.post("/plans/upload", files={"file": ("county.txt", NO_YEAR, "text/plain")}, data={"year": "2024"})
    assert answer.status_code == 303
    with env.session() as s:
        version = s.scalars(select(PlanVersion)).one()
        assert version.plan.year == 2024
        assert [d.date.isoformat() for t in version.tasks for d in t.deadlines] == ["2024-06-30"]
