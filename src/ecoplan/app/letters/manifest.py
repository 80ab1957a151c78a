"""Target-responsibility letters (目标责任书): per unit, from its obligations, quotas, tasks,
money and schedule; .docx in the GB/T 9704 layout; drafted → issued → signed."""

from ecoplan.app.core.manifest import AuditLabels, Manifest, NavEntry
from ecoplan.app.letters import api, views
from ecoplan.app.letters.demo import load_demo_letters
from ecoplan.app.letters.models import STATE_LABELS

MANIFEST = Manifest(
    name="letters",
    routers=(views.router, api.router),
    nav=(NavEntry("/letters", "责任书", "letters.view", 47),),
    audit=AuditLabels(
        actions={"letter.drafted": "拟定目标责任书", "letter.issued": "下达目标责任书",
                 "letter.signed": "上传目标责任书签订件", "letter.returned": "退回目标责任书签订件"},
        objects={"letter": "目标责任书"},
        fields={"signed_file": "签订件", "signed_sha256": "签订件校验值", "doc_number": "发文字号"},
        object_fields={("letter", "unit"): "单位", ("letter", "state"): "状态",
                       ("letter", "doc_number"): "发文字号", ("letter", "targets"): "目标数",
                       ("letter", "tasks"): "任务数"},
        values={("letter", "state"): STATE_LABELS}),
    demo_steps=(load_demo_letters,),
)
