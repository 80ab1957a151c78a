"""The ``ecoplan.plan/1`` contract as typed models (issue 12, item 4).

One definition the reader (:func:`ecoplan.plan.build.read_plan` builds these models; its JSON,
``parse_plan``/``parse_file`` and ``ecoplan plan parse``, is :func:`dump` of them), the importer,
the API (:mod:`ecoplan.app.plans.snapshot` builds these models from the stored rows and writes
its JSON from them) and the monitoring library (:mod:`ecoplan.monitoring.targets` binds typed
targets) share: the format name, the four roles (``implementers`` — one name everywhere, the
stored rows' too), :func:`load`, which checks a JSON object and gives typed objects (or an
:class:`InputError` naming the field and row), and :func:`dump`, which writes them back
(``dump(load(j)) == j`` for the reader's JSON, key order included). Unknown fields are kept on
``extra`` so the contract can grow without breaking readers (new fields only, issue 18).
"""

from ecoplan.plan.contract.dumping import dump
from ecoplan.plan.contract.dumping import subitem as dump_subitem
from ecoplan.plan.contract.loading import (check_format, checked, document, load, section, subitem, target, task, typed, unit,
                                           warning)
from ecoplan.plan.contract.models import (COMPARATORS, DEADLINE_KINDS, FORMAT, ROLES, Deadline, Document, Goal,
                                          Paragraph, PlanData, Section, Source, Subitem, Target, Task, Unit,
                                          UnitRef, Warning)

__all__ = ["COMPARATORS", "DEADLINE_KINDS", "FORMAT", "ROLES", "Deadline", "Document", "Goal", "Paragraph",
           "PlanData", "Section", "Source", "Subitem", "Target", "Task", "Unit", "UnitRef", "Warning",
           "check_format", "checked", "document", "dump", "dump_subitem", "load", "section", "subitem", "target", "task", "typed",
           "unit", "warning"]
