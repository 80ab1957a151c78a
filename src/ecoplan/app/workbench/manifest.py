"""The workbench (工作台): a unit's inbox of notices and counts, group robots (webhooks)."""

from ecoplan.app.core.manifest import AuditLabels, Manifest
from ecoplan.app.workbench import notices, views, webhook_views

MANIFEST = Manifest(
    name="workbench",
    routers=(webhook_views.router, views.router),
    audit=AuditLabels(actions={"webhook.created": "添加群机器人", "webhook.removed": "删除群机器人"},
                      objects={"webhook": "群机器人"}, fields={"url": "地址"}),
    listeners={"progress.report_returned": notices.report_returned},
    badges={"unread_notices": notices.unread},
)
