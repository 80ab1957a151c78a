"""The reader builds the ``ecoplan.plan/1`` contract's typed models; its JSON is ``dump`` of them
(issue 12, item 4): one set of classes for the reader, the JSON, the importer and the API."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from ecoplan.errors import InputError
from ecoplan.plan import contract
from ecoplan.plan.build import parse_plan, read_file, read_plan
from ecoplan.plan.gazetteer import load_gazetteer
from ecoplan.plan.source import SourceDocument

sys.path.insert(0, str(Path(__file__).parent / "readers"))
import samples  # noqa: E402  (the readers' in-memory sample documents)


@pytest.fixture(scope="module")
def seed_doc(seed_plan_path) -> SourceDocument:
    return SourceDocument(file="seed.txt", sha256="0", text=seed_plan_path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed(seed_doc) -> contract.PlanData:
    return read_plan(seed_doc, load_gazetteer())


def _text(data: dict) -> str:
    return json.dumps(data, sort_keys=False, ensure_ascii=False)


def test_the_reader_builds_the_typed_models(seed):
    assert isinstance(seed.document, contract.Document) and seed.document.year_source == "title"
    assert isinstance(seed.source, contract.Source) and seed.source.chars > 10_000
    assert isinstance(seed.goal, contract.Goal) and seed.goal.section == seed.sections[0].id
    assert all(isinstance(t, contract.Task) and t.paragraphs is not None and t.row is None for t in seed.tasks)
    assert seed.units and all(isinstance(u, contract.Unit) and u.known for u in seed.units)
    assert seed.document.doc_number == "常政发〔2023〕23号" and seed.document.signed == "2023-04-17"
    relative = [g for g in seed.targets if g.change]
    assert relative and all(g.change in ("increase", "decrease") for g in relative)
    assert any(g.words for g in seed.targets) and any(g.baseline for g in seed.targets)
    subitems = [s for t in seed.tasks for s in t.subitems]
    assert subitems and all(isinstance(s, contract.Subitem) and s.start < s.end for s in subitems)
    assert seed.warnings == []  # the seed reads cleanly (warnings are typed: test_a_task_tables…)


def test_parse_plan_is_dump_of_read_plan(seed, seed_doc):
    data = parse_plan(seed_doc, load_gazetteer())
    assert _text(data) == _text(contract.dump(seed))
    assert list(data) == ["format", "source", "document", "sections", "goal", "tasks", "targets", "units",
                          "warnings"]
    task = data["tasks"][0]
    assert list(task) == ["id", "number", "section", "title", "text", "responsibility", "paragraphs", "subitems",
                          "districts", "deadlines", "start", "end"]
    assert list(data["targets"][0]) == ["id", "task", "metric", "scope", "comparator", "value", "unit", "baseline",
                                        "soft", "deadline", "text", "start", "end", "change", "approximate", "words"]
    deadline = next(d for t in data["tasks"] for d in t["deadlines"])
    assert list(deadline) == ["date", "text", "target", "phrase", "start", "end", "kind", "scope"]


def test_dump_and_load_are_inverse_on_the_seed(seed):
    data = contract.dump(seed)
    assert contract.load(data) == seed  # load(dump(x)) == x
    assert _text(contract.dump(contract.load(data))) == _text(data)  # dump(load(j)) == j, key order too
    assert contract.dump(contract.load(json.loads(_text(data)))) == data  # through a JSON file


def test_a_task_tables_rows_keep_their_shape(tmp_path):
    page = samples.html_page("2023年常州市生态文明建设工作方案",
                             ["2023年常州市生态文明建设工作方案", "一、重点任务"], samples.TASK_TABLE)
    path = tmp_path / "plan.html"
    path.write_text(page, encoding="utf-8")
    plan = read_file(path)
    assert plan.tasks and all(t.row and t.paragraphs is None for t in plan.tasks)
    assert all(isinstance(w, contract.Warning) for w in plan.warnings)
    data = contract.dump(plan)
    assert "paragraphs" not in data["tasks"][0] and list(data["tasks"][0])[-3:] == ["row", "start", "end"]
    deadline = next(d for t in data["tasks"] for d in t["deadlines"])
    assert list(deadline) == ["date", "text", "target", "kind", "scope"]
    assert _text(contract.dump(contract.load(data))) == _text(data)


def test_unknown_fields_are_kept_in_place_of_none(seed):
    data = contract.dump(seed)
    data["tasks"][0]["later"] = {"x": 1}
    data["targets"][0]["later"] = 2
    data["document"]["later"] = "3"
    again = contract.dump(contract.load(data))
    assert again == data and list(again["tasks"][0])[-1] == "later"


def test_checked_wants_what_load_wants(seed):
    assert contract.checked(seed) is seed
    seed_without_region = contract.load(contract.dump(seed))
    seed_without_region.document.region = None
    with pytest.raises(InputError) as err:
        contract.checked(seed_without_region, file="plan.txt")
    assert err.value.field == "document.region"
