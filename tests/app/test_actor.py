"""Who did something is stored by one rule: a user's name, a given name, else "system"."""

from __future__ import annotations

from types import SimpleNamespace

from ecoplan.app.core.actor import SYSTEM, actor_name
from ecoplan.app.db import unit_of_work
from ecoplan.app.seals import service

from seal_pngs import seal_png


def test_actor_names():
    assert actor_name(SimpleNamespace(username="admin")) == "admin"
    assert actor_name("导入脚本") == "导入脚本"
    assert actor_name(None) == actor_name("") == actor_name(SimpleNamespace(username=None)) == SYSTEM


def test_a_seal_uploaded_without_a_user_is_the_systems_not_none(db, tmp_path):
    with unit_of_work(db) as session:
        seal = service.save_seal(session, actor=None, issuer="常州市生态环境局", png=seal_png(),
                                 file_name="seal.png", size_mm="", data_dir=tmp_path)
        assert seal.uploaded_by == SYSTEM
