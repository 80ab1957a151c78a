"""Statuses (进度总览): the whole plan's status, units' and districts', settings, monitoring."""

from ecoplan.app.core.manifest import AuditLabels, Manifest, NavEntry, PageSection
from ecoplan.app.status import api, obligation_views, views
from ecoplan.app.status.demo import load_monitoring
from ecoplan.app.status.form_figure import city_figure
from ecoplan.app.status.pace import PACE_MODES

MANIFEST = Manifest(
    name="status",
    routers=(views.router, api.router, obligation_views.router),
    nav=(NavEntry("/status", "进度总览", "status.view", 30),),
    audit=AuditLabels(
        actions={"status.settings.update": "修改状态设置"},
        objects={"status_settings": "状态设置"},
        fields={"lag_points": "滞后阈值（百分点）", "severe_points": "严重滞后阈值（百分点）",
                "pace_mode": "序时进度方式", "as_of": "评估日期"},
        values={("status_settings", "pace_mode"): PACE_MODES}),
    sections=(PageSection("progress.form", "status/_form_figure.html", city_figure),),
    demo_steps=(load_monitoring,),
)
