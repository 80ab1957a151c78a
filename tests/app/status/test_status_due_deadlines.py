"""Statuses use only due deadlines, and a clause's deadline does not make the whole task due
(issue 18: seed tasks 17 and 9); kind and scope decided as publishing decides them."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from ecoplan.app.plans.deadline_kinds import decide
from ecoplan.app.status.service import due_dates, task_deadline

TASK_17 = ("实施农业面源整治工程。加强种植业污染治理,完成2.75万亩高标准农田建设。推进水产养殖污染治理,全面完成5.1万亩"
           "池塘标准化改造;6月1日起,严格执行《池塘养殖尾水排放标准》(DB32/4043-2021),开展养殖尾水集中排放期监督性监测。"
           "(市生态环境局、农业农村局按职责分工负责)")
TASK_9 = ("推进固定源深度治理。持续推进钢铁、水泥、电力企业超低排放改造,推进建材、有色金属等工业窑炉重点行业大气污染深度治理。"
          "完成金峰水泥、天山水泥SCR超低排放改造及清洁运输整治。完成中天钢铁、东方特钢全流程超低排放改造和评估监测工作。"
          "2023年6月底前,完成对全市所有102台生物质锅炉开展集中排查。(市生态环境局牵头)")
WHOLE = "6月底前,完成洮滆两湖总磷污染控制方案并组织实施。(市生态环境局牵头)"


def _task(text: str, *governed: tuple[str, dt.date]) -> SimpleNamespace:
    task = SimpleNamespace(text=text, deadlines=[SimpleNamespace(text=t, date=d, kind=None, scope=None)
                                                 for t, d in governed])
    for deadline in task.deadlines:
        decide(deadline, text)
    return task


def test_a_start_is_not_due():
    task = _task(TASK_17, ("6月1日起,严格执行《池塘养殖尾水排放标准》(DB32/4043-2021),开展养殖尾水集中排放期监督性监测",
                           dt.date(2023, 6, 1)))
    assert due_dates(task) == []
    assert task_deadline(task, 2023) == dt.date(2023, 12, 31)


def test_a_clause_deadline_leaves_the_task_due_at_year_end():
    task = _task(TASK_9, ("2023年6月底前,完成对全市所有102台生物质锅炉开展集中排查", dt.date(2023, 6, 30)))
    assert due_dates(task) == [dt.date(2023, 6, 30)]
    assert task_deadline(task, 2023) == dt.date(2023, 12, 31)


def test_a_deadline_governing_the_whole_task_is_its_deadline():
    task = _task(WHOLE, ("6月底前,完成洮滆两湖总磷污染控制方案并组织实施", dt.date(2023, 6, 30)))
    assert task_deadline(task, 2023) == dt.date(2023, 6, 30)
