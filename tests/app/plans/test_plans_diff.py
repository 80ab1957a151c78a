"""diff: changes between versions matched by uid."""

from ecoplan.app.plans.diff import diff_snapshots, field_changes


def snap(tasks=(), targets=()):
    return {"sections": [], "tasks": list(tasks), "targets": list(targets)}


def target(uid, value=31.0, **extra):
    return {"uid": uid, "id": 1, "row_version": 1, "metric": "PM2.5浓度", "scope": "全市",
            "comparator": "<=", "value": value, "unit": "微克/立方米", **extra}


def test_same_content_with_other_ids_is_no_change():
    old = snap(targets=[target("a")])
    new = snap(targets=[{**target("a"), "id": 99, "row_version": 7}])
    assert diff_snapshots(old, new) == []


def test_added_removed_and_changed_by_uid():
    old = snap(targets=[target("a"), target("b")])
    new = snap(targets=[target("a", value=30.0), target("c")])
    changes = {(c.uid, c.change): c for c in diff_snapshots(old, new)}
    assert set(changes) == {("a", "changed"), ("c", "added"), ("b", "removed")}
    assert changes[("a", "changed")].fields == {"value": (31.0, 30.0)}
    assert changes[("a", "changed")].label == "全市PM2.5浓度 ≤ 30微克/立方米"


def test_kinds_come_in_order_sections_tasks_targets():
    old = {"sections": [{"uid": "s", "title": "甲"}], "tasks": [], "targets": []}
    new = {"sections": [{"uid": "s", "title": "乙"}],
           "tasks": [{"uid": "t", "number": "1", "title": "任务"}], "targets": [target("g")]}
    assert [c.kind for c in diff_snapshots(old, new)] == ["sections", "tasks", "targets"]


def test_nested_values_compare_whole():
    old = {"uid": "t", "responsibility": {"lead": [{"name": "市发展和改革委员会"}]}}
    new = {"uid": "t", "responsibility": {"lead": [{"name": "市生态环境局"}]}}
    assert list(field_changes(old, new)) == ["responsibility"]


def test_field_only_one_side_has_is_a_change():
    assert field_changes({"uid": "x"}, {"uid": "x", "baseline": "2020年"}) == {
        "baseline": (None, "2020年")}


def test_to_dict_is_json_shaped():
    (change,) = diff_snapshots(snap(targets=[target("a")]), snap(targets=[target("a", 30)]))
    assert change.to_dict()["fields"] == {"value": {"before": 31.0, "after": 30}}
