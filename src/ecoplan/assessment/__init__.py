"""Assessment (综合考评): yearly rules in YAML, the scoring engine, explanations of every point.

Pure library: plain data in (:mod:`.inputs`), scores out (:mod:`.engine`); it never imports the
web app. ``load_rules(path)`` reads and validates a rules file; ``score_units(rules, inputs)``
scores and ranks the units.
"""

from ecoplan.assessment.engine import score_unit, score_units
from ecoplan.assessment.inputs import (LedgerStats, PublicReportStats, ReportingStats,
                                       TargetResult, UnitInputs, WorkItem)
from ecoplan.assessment.rules import RuleSet, load_rules, parse_rules

__all__ = ["LedgerStats", "PublicReportStats", "ReportingStats", "RuleSet", "TargetResult",
           "UnitInputs", "WorkItem",
           "load_rules", "parse_rules", "score_unit", "score_units"]
