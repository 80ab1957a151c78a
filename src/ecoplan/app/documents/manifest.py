"""Documents: the monthly air circular and the print views of every export."""

from ecoplan.app.core.manifest import Manifest
from ecoplan.app.documents import views

MANIFEST = Manifest(name="documents", routers=(views.router,))
