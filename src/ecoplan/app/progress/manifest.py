"""Progress reporting (进展报送): units' reports, the office's review, reminders, xlsx."""

from ecoplan.app.core.manifest import AuditLabels, Manifest, NavEntry
from ecoplan.app.progress import api, bulk, office_views, views, xlsx_views
from ecoplan.app.progress.cli import progress
from ecoplan.app.progress.demo import load_demo_reports
from ecoplan.app.progress.present import EVENT_LABELS, STATE_LABELS


def event_action(rest: str) -> str | None:
    """``progress.<event>`` (``progress.submit`` → 进展报告：提交审核)."""
    return f"进展报告：{EVENT_LABELS[rest]}" if rest in EVENT_LABELS else None


MANIFEST = Manifest(
    name="progress",
    routers=(views.router, xlsx_views.router, office_views.router, api.router, bulk.router),
    nav=(NavEntry("/progress", "进展报送", "progress.report", 50),
         NavEntry("/progress/office", "报送管理", "progress.review", 60)),
    audit=AuditLabels(
        actions={"progress.demo": "生成演示进展报告", "progress.calendar.update": "修改报送日历",
                 "progress.import": "Excel 导入进展", "progress.contact.update": "修改提醒邮箱",
                 "progress.remind": "发送报送提醒",
                 "progress.notice.read": "标记报送提醒已读"},
        objects={"progress_calendar": "报送日历", "progress_report": "进展报告",
                 "progress_xlsx": "进展导入", "progress_notice": "报送提醒"},
        fields={
            "item": "报送事项", "evidence_moved_to": "佐证材料移至", "period": "报告期", "value_to_date": "累计完成值",
            "value_unit": "计量单位", "narrative": "工作进展", "problems": "存在问题",
            "next_steps": "下一步计划", "state": "状态", "return_comment": "退回意见",
            "evidence": "佐证材料", "frequency": "报送频次", "due_day": "截止日",
            "workday_due": "遇节假日顺延", "remind_days": "提前提醒工作日数",
            "max_evidence_bytes": "佐证文件大小上限（字节）", "notices": "通知数",
            "emailed": "已发邮件数", "reports": "报告数", "on_time": "按时份数", "late": "迟报份数",
            "missing": "未报份数", "submitted": "提交数", "self_approval": "单人单位可本人审核",
            "read_at": "已读时间"},
        values={("progress_report", "state"): STATE_LABELS},
        composed={"progress": event_action}),
    demo_steps=(load_demo_reports,),
    commands=(progress,),
    settings=("ECOPLAN_SMTP_HOST", "ECOPLAN_SMTP_PORT", "ECOPLAN_SMTP_FROM", "ECOPLAN_SMTP_USER",
              "ECOPLAN_SMTP_PASSWORD", "ECOPLAN_SMTP_STARTTLS"),
)
