"""The public page (公开信息): what an environmental-information disclosure page shows."""

from ecoplan.app.core.manifest import Manifest, NavEntry
from ecoplan.app.public import views

MANIFEST = Manifest(name="public", routers=(views.router,),
                    nav=(NavEntry("/public", "公开信息", "public", 20),))
