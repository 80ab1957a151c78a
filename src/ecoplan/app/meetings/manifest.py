"""Meetings (专题会议、调度会) and help visits (帮扶指导) whose decisions become supervision items,
and accountability records (追责), office only."""

from ecoplan.app.core.manifest import AuditLabels, Manifest, NavEntry
from ecoplan.app.meetings import views
from ecoplan.app.meetings.demo import load_demo_meetings
from ecoplan.app.meetings.models import FORM_LABELS, KIND_LABELS

MANIFEST = Manifest(
    name="meetings",
    routers=(views.router,),
    nav=(NavEntry("/meetings", "会议帮扶", "meetings.manage", 82),),
    audit=AuditLabels(
        actions={"meeting.recorded": "记录会议或帮扶指导", "accountability.recorded": "记录追责"},
        objects={"meeting": "会议或帮扶指导", "accountability": "追责记录"},
        fields={"held_on": "日期", "chair": "主持或带队", "attendees": "参会单位",
                "minutes": "纪要", "decisions": "议定事项", "supervision_item_id": "督办事项编号",
                "person": "追责对象", "decided_on": "决定日期", "form": "方式"},
        object_fields={("meeting", "kind"): "类型", ("meeting", "title"): "名称",
                       ("accountability", "form"): "追责方式",
                       ("accountability", "reason"): "事由",
                       ("accountability", "unit_id"): "单位编号"},
        values={("meeting", "kind"): KIND_LABELS, ("accountability", "form"): FORM_LABELS}),
    demo_steps=(load_demo_meetings,),
)
