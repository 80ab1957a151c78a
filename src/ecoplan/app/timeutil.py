"""Moved to :mod:`ecoplan.app.core.clock` (the one clock); this alias keeps branches that were
written before the move importable until they are merged. Import from the clock."""

from ecoplan.app.core.clock import BEIJING, as_utc, beijing_time, utcnow

__all__ = ["BEIJING", "as_utc", "beijing_time", "utcnow"]
