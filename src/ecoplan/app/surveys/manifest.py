"""The satisfaction and participation survey (满意度和参与度调查, task 35)."""

from ecoplan.app.core.manifest import AuditLabels, Manifest, NavEntry
from ecoplan.app.surveys import api, views
from ecoplan.app.surveys.demo import create_demo_survey
from ecoplan.app.surveys.figure import SOURCE
from ecoplan.app.surveys.models import STATE_LABELS

MANIFEST = Manifest(
    name="surveys",
    routers=(api.router, views.router),
    nav=(NavEntry("/surveys", "满意度调查", "surveys.manage", 87),),
    audit=AuditLabels(
        actions={"survey.created": "新建满意度调查", "survey.opened": "开放满意度调查",
                 "survey.closed": "结束满意度调查"},
        objects={"survey": "满意度调查"},
        fields={"opens_on": "开始日期", "closes_on": "结束日期", "questions": "题目数",
                "index": "指数", "n": "样本量", "ci95": "95% 置信区间"},
        values={("survey", "state"): STATE_LABELS}),
    demo_steps=(create_demo_survey,),
    figure_sources=(SOURCE,),
)
