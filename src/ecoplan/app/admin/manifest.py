"""The office's administration: users, units, the audit log, seals; a district's own units
and accounts."""

from ecoplan.app.admin import (accounts_views, audit_views, district_views, seals_views, units_views,
                               users_views)
from ecoplan.app.core.manifest import Manifest, NavEntry

MANIFEST = Manifest(
    name="admin",
    routers=(users_views.router, units_views.router, audit_views.router, seals_views.router,
             accounts_views.router, district_views.router),
    nav=(NavEntry("/admin/users", "用户管理", "admin.users", 100),
         NavEntry("/admin/units", "单位管理", "admin.units", 110),
         NavEntry("/admin/audit", "操作日志", "admin.audit", 120),
         NavEntry("/district/units", "本辖区单位", "district.units", 105)),
)
