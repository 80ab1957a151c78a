"""The seal images page (/admin/seals): who may, uploads checked by the library's rules before
anything is written, replace and remove with their files, every change in the audit log."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from ecoplan.app.features import audit_labels
from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.db import unit_of_work
from ecoplan.app.seals import files, service
from ecoplan.app.seals.models import IssuerSeal
from ecoplan.errors import InputError

from seal_pngs import seal_png

OFFICE = "常州市生态文明建设工作领导小组办公室"


def _upload(client, png: bytes, issuer: str = OFFICE, size_mm: str = "42", name: str = "seal.png"):
    return client.post("/admin/seals", data={"issuer": issuer, "size_mm": size_mm},
                       files={"file": (name, png, "image/png")})


def _stored(settings) -> list[str]:
    folder = files.seal_dir(settings.data_dir)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _seals(db) -> list[tuple[str, str]]:
    with unit_of_work(db) as s:
        return [(r.issuer, r.stored_name) for r in s.scalars(select(IssuerSeal))]


def _audit(db) -> list[AuditEntry]:
    with unit_of_work(db) as s:
        entries = list(s.scalars(select(AuditEntry).where(AuditEntry.object_type == "issuer_seal")
                                 .order_by(AuditEntry.id)))
        s.expunge_all()
        return entries


@pytest.mark.parametrize("role, status", [("admin", 200), ("leader", 403), ("reporter", 403),
                                          ("district", 403), ("viewer", 403)])
def test_only_the_office_manages_seals(login_as, role, status):
    client = login_as(role)
    assert client.get("/admin/seals").status_code == status
    if status == 403:
        assert _upload(client, seal_png()).status_code == 403


def test_anonymous_is_sent_to_log_in(client):
    assert client.get("/admin/seals").status_code in (302, 303)


def test_upload_replace_remove_with_files_and_audit(login_as, db, settings):
    admin = login_as("admin")
    first, second = seal_png(300), seal_png(400)
    assert _upload(admin, first).status_code == 303
    [(issuer, stored)] = _seals(db)
    assert issuer == OFFICE and re.fullmatch(r"[0-9a-f]{32}", stored) and _stored(settings) == [stored]
    page = admin.get("/admin/seals").text
    assert OFFICE in page and "42 毫米（300×300 像素）" in page
    seal_id = int(re.search(r"/admin/seals/(\d+)\.png", page).group(1))
    assert admin.get(f"/admin/seals/{seal_id}.png").content == first

    assert _upload(admin, second, size_mm="40").status_code == 303  # the same office: replaced
    [(_, replaced)] = _seals(db)
    assert replaced != stored and _stored(settings) == [replaced]  # the old file is gone
    assert admin.get(f"/admin/seals/{seal_id}.png").content == second

    assert admin.post(f"/admin/seals/{seal_id}/delete").status_code == 303
    assert _seals(db) == [] and _stored(settings) == []
    entries = _audit(db)
    assert [e.action for e in entries] == ["seal.uploaded", "seal.replaced", "seal.removed"]
    assert entries[1].before["pixels"] == "300×300" and entries[1].after["pixels"] == "400×400"
    assert entries[1].after["size_mm"] == 40 and entries[2].after is None
    book = audit_labels()
    assert [book.action_label(e.action) for e in entries] == ["上传电子印章", "替换电子印章", "删除电子印章"]
    assert book.object_label("issuer_seal") == "电子印章"
    for name in entries[1].after:
        assert re.search(r"[\u4e00-\u9fff]", book.field_label(name, "issuer_seal")), name
    log = admin.get("/admin/audit", params={"object_type": "issuer_seal"}).text
    assert "替换电子印章" in log and "删除电子印章" in log


def _truncated() -> bytes:
    png = seal_png()
    return png[:len(png) // 2]


def _bad_crc() -> bytes:
    png = bytearray(seal_png())
    png[40] ^= 0xFF  # inside the first data chunk after IHDR
    return bytes(png)


@pytest.mark.parametrize("png, form, words", [
    (b"GIF89a" + b"\0" * 100, {}, "须为完整的PNG图片"),
    (_truncated(), {}, "须为完整的PNG图片"),
    (_bad_crc(), {}, "已损坏"),
    (seal_png(opaque=True), {}, "须为透明背景"),
    (seal_png(60), {}, "宽高应在100至3000像素之间，得到60×60"),
    (seal_png(), {"size_mm": "80"}, "尺寸应在30至50毫米之间"),
    (seal_png(), {"size_mm": "大"}, "印章尺寸：印章尺寸应为毫米数"),
    (seal_png(), {"issuer": " "}, "发文机关：请填写发文机关"),
    (seal_png(), {"issuer": "常州市" * 9 + "办公室"}, "署名一行排不下"),
    (b"", {}, "请选择印章图片文件"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * (2 * 1024 * 1024), {}, "超过2MB"),
])
def test_bad_uploads_are_refused_and_nothing_is_written(login_as, db, settings, png, form, words):
    admin = login_as("admin")
    response = _upload(admin, png, **form)
    assert response.status_code == 422 and words in response.text
    assert "印章" in response.text and _seals(db) == [] and _stored(settings) == [] and _audit(db) == []


def test_a_failed_replacement_keeps_the_old_seal_and_file(login_as, db, settings):
    admin = login_as("admin")
    _upload(admin, seal_png(300))
    [(_, old)] = _seals(db)
    with pytest.raises(RuntimeError):
        with unit_of_work(db) as session:
            service.save_seal(session, actor="admin", issuer=OFFICE, png=seal_png(400), file_name="new.png",
                              size_mm="42", data_dir=settings.data_dir)
            assert len(_stored(settings)) == 2  # written, not yet committed
            raise RuntimeError("the request failed after the upload")
    assert _seals(db) == [(OFFICE, old)] and _stored(settings) == [old]
    assert [e.action for e in _audit(db)] == ["seal.uploaded"]


def test_seal_images_name_the_offices_without_one(db, login_as, settings):
    _upload(login_as("admin"), seal_png())
    with unit_of_work(db) as session:
        [image] = service.seal_images(session, [OFFICE], settings.data_dir)
        assert image.size_mm == 42 and image.pixels == (300, 300)
        with pytest.raises(InputError, match="常州市生态环境局尚未上传电子印章") as err:
            service.seal_images(session, [OFFICE, "常州市生态环境局"], settings.data_dir)
    assert err.value.field == "印章"
