"""ecoplan: run a city's annual ecological-civilization work plan (生态文明建设工作方案)."""

__version__ = "0.1.0"
