"""Monitoring data intake (监测数据导入): uploads previewed and imported all or nothing, their
history and undo, saved column maps, the drop folder, and the completeness of a month."""

from ecoplan.app.core.manifest import AuditLabels, Manifest, NavEntry
from ecoplan.app.intake import api, views

MANIFEST = Manifest(
    name="intake",
    routers=(views.router, api.router),
    nav=(NavEntry("/monitoring/intake", "数据导入", "monitoring.import", 95),
         NavEntry("/monitoring/completeness", "数据完整性", "monitoring.completeness", 96)),
    audit=AuditLabels(
        actions={"monitoring.import": "导入监测数据", "monitoring.undo": "撤销监测数据导入",
                 "monitoring.retry": "重新导入投递目录文件",
                 "monitoring.column_map": "保存列对应关系"},
        objects={"monitoring_import": "监测数据导入", "monitoring_column_map": "列对应关系"},
        fields={"files": "文件", "replaced": "替换数值数", "errors": "错误数", "mapping": "列对应关系"},
        object_fields={("monitoring_import", "source"): "数据来源", ("monitoring_import", "period"): "数据时段",
                       ("monitoring_column_map", "source"): "数据来源"}),
)
