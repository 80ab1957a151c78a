"""Target bindings per city (``<city>.yaml``), loaded by ``ecoplan.monitoring.targets.load_bindings``."""
