"""Units (部门、辖市区): their audit labels and the demo's gazetteer units."""

from ecoplan.app.core.manifest import AuditLabels, Manifest
from ecoplan.app.units.demo import load_units
from ecoplan.app.units.models import KIND_LABELS

MANIFEST = Manifest(
    name="units",
    audit=AuditLabels(
        actions={"unit.created": "新建单位", "unit.updated": "修改单位"},
        objects={"unit": "单位"},
        fields={"name": "名称", "kind": "类型", "aliases": "别名", "email": "邮箱"},
        object_fields={("unit", "parent"): "所属辖市区"},
        values={("unit", "kind"): KIND_LABELS}),
    demo_steps=(load_units,),
)
