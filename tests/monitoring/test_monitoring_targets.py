import copy
import json

import pytest

from ecoplan.errors import InputError
from ecoplan.monitoring.targets import bind, load_bindings, load_plan, status
from ecoplan.plan import contract


def test_seed_goals_are_bound(seed_plan):
    bound = {b["id"]: b for b in bind(contract.load(seed_plan).targets, load_bindings())}
    assert bound["pm25"]["value"] == 31 and bound["pm25"]["target"] is not None
    assert bound["good_day_ratio"]["value"] == 80.0
    shares = [bound[k]["value"] for k in ("water_i_iii_national", "water_i_iii_provincial", "water_i_iii_municipal")]
    assert shares == [80, 92.2, 92.4]
    assert [bound[k]["value"] for k in ("water_i_ii_national", "water_i_ii_provincial")] == [35, 47.1]
    assert bound["water_worse_v"]["value"] == 0 and bound["drinking_sources"]["value"] == 3
    assert bound["dustfall"]["value"] == 2.3 and bound["dustfall"]["comparator"] == "<="


def test_a_plan_without_the_targets_falls_back_to_the_defaults():
    bound = bind([], load_bindings())
    assert all(b["target"] is None for b in bound) and bound[0]["value"] == 31


def test_status_of_every_bound_target(synthetic_store, seed_plan):
    result = status(synthetic_store, contract.load(seed_plan))
    assert (result["year"], result["as_of"], result["synthetic"]) == (2023, "2023-06-30", True)
    rows = {r["id"]: r for r in result["targets"]}
    assert len(rows) == 10 and all(r["current"] is not None for r in rows.values())
    assert rows["pm25"]["backcast"]["remaining_days"] == 184
    dust = rows["dustfall"]["backcast"]
    assert (dust["as_of"], dust["remaining_months"]) == ("2023-06", 6) and dust["ytd_value"] == rows["dustfall"]["current"]
    assert rows["dustfall"]["status"] == dust["status"] and dust["status"] in {"预计完成", "有风险", "无法完成"}


def test_plan_json_is_checked(tmp_path):
    bad = tmp_path / "plan.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="JSON"):
        load_plan(bad)
    bad.write_text(json.dumps({"format": "other"}), encoding="utf-8")
    with pytest.raises(InputError, match="ecoplan.plan/1"):
        load_plan(bad)


def test_a_plan_is_read_once_into_the_typed_contract(tmp_path, seed_plan):
    """JSON or document, ``load_plan`` gives the contract's models (checked field by field),
    and binding reads their attributes: the reader's target ids come through."""
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(seed_plan, ensure_ascii=False), encoding="utf-8")
    plan = load_plan(path)
    assert isinstance(plan, contract.PlanData) and plan.document.year == 2023
    pm25 = next(b for b in bind(plan.targets, load_bindings()) if b["id"] == "pm25")
    [target] = [t for t in plan.targets if t.id == pm25["target"]]
    assert pm25["target"].startswith("g") and (target.comparator, target.value) == ("<=", 31)
    bad = copy.deepcopy(seed_plan)
    bad["targets"][0]["comparator"] = "~"
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_plan(path)
    assert (err.value.file, err.value.field, err.value.row) == ("plan.json", "targets.comparator", 1)
