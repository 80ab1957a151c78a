"""Reporting obligations (报送责任): where each target's figure comes from and who owes it.

The office's page and ``GET /api/targets`` show statuses, so they live in the status feature
(``status/obligation_views.py``); progress asks this feature what a unit owes.
"""

from ecoplan.app.core.manifest import AuditLabels, Manifest
from ecoplan.app.obligations.demo import load_demo_obligations

MANIFEST = Manifest(
    name="obligations",
    audit=AuditLabels(
        actions={"obligation.update": "修改报送责任", "obligation.demo": "填入演示报送责任",
                 "obligation.collective": "以具体单位替换“市各有关部门”"},
        objects={"obligation": "报送责任"},
        fields={"aggregation": "汇总方式", "contributions": "分解单位与额度",
                "first_month": "首次报送月份", "from_version": "自方案版本", "indicator": "监测指标",
                "owner_id": "报送单位编号", "owner": "报送单位", "origin": "设置来源",
                "plan_version": "方案版本", "obligations": "报送责任数", "units": "责任单位",
                "projects": "重点工程项目统计口径"}),
    demo_steps=(load_demo_obligations,),
)
