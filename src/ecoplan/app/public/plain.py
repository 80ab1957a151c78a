"""The public page in plain words: goals as sentences, statuses in everyday words with a colour
and a one-line 依据, and a glossary of the terms the figures use.

It only reads the status service's outputs (``dashboard.public`` and ``dashboard.overview``);
of the overview it keeps each status's code and its one-sentence reason, nothing else.
"""

from __future__ import annotations

import datetime as dt

COMPARATORS = {"<=": "不高于", "≤": "不高于", ">=": "不低于", "≥": "不低于", "<": "低于",
               ">": "高于", "=": "达到", "==": "达到"}
UNITS = {"μg/m³": "微克/立方米", "ug/m3": "微克/立方米", "mg/m³": "毫克/立方米",
         "t/(km²·month)": "吨/（平方千米·月）", "%": "%"}
# status code → (what a citizen reads, colour class). Colour never stands alone: the words do.
STATUS_WORDS = {"done": ("已完成", "ok"), "on_pace": ("进度正常", "ok"),
                "behind": ("进度偏慢", "warn"), "far_behind": ("进度明显落后", "bad"),
                "overdue": ("已过期限仍未完成", "bad"), "missing": ("本期进展尚未更新", "none")}
GLOSSARY = {
    "细颗粒物（PM2.5）": "直径不大于2.5微米的颗粒物，能进入肺部，是灰霾的主要成分。按国家标准，年平均浓度不超过35微克/立方米为达标。",
    "可吸入颗粒物（PM10）": "直径不大于10微米的颗粒物，如扬尘。",
    "臭氧（O₃）": "夏季晴热天气下由汽车尾气、挥发性有机物在阳光下反应生成，浓度高时刺激呼吸道。",
    "优良天数比率": "一年中空气质量指数（AQI）不超过100（优或良）的天数占有效监测天数的比例。",
    "空气质量指数（AQI）": "把几种污染物浓度换算成一个0—500的数，越小越好：0—50优，51—100良。",
    "断面": "在河流、湖泊上固定的水质监测点。国考、省考断面分别由国家、江苏省考核。",
    "水质类别（Ⅰ—Ⅴ类、劣Ⅴ类）": "按《地表水环境质量标准》把水质从好到差分为Ⅰ—Ⅴ类，Ⅰ—Ⅲ类可作为饮用水源，劣于Ⅴ类的叫劣Ⅴ类。",
    "优Ⅲ比例": "水质达到或好于Ⅲ类的断面占全部断面的比例。",
    "集中式饮用水水源地": "为城市供水取水的河段、湖库，要求水质达到Ⅲ类或更好。",
    "序时进度": "按时间平均分配，到今天应该完成的比例，如年中应完成一半。",
    "整改": "中央和省生态环境保护督察发现问题后，责任单位按期改正，完成并经核查后“销号”。",
}


def goal_sentence(goal: dict) -> str:
    """``今年细颗粒物（PM2.5）平均浓度目标：不高于31微克/立方米`` from a goal's fields."""
    words = COMPARATORS.get(goal.get("comparator") or "", goal.get("comparator") or "")
    value = goal.get("value")
    if value is None:
        return goal.get("text") or goal.get("label") or ""
    unit = UNITS.get(goal.get("unit") or "", goal.get("unit") or "")
    return f"今年{goal.get('label') or ''}目标：{words}{value:g}{unit}"


def outlook(goal: dict) -> str | None:
    """The year-end outlook in words, when a projection exists."""
    projection, target = goal.get("projection"), goal.get("value")
    if projection is None or target is None:
        return None
    unit = UNITS.get(goal.get("unit") or "", goal.get("unit") or "")
    comparator = goal.get("comparator") or ""
    meets = projection <= target if comparator in ("<=", "≤", "<") else projection >= target
    return (f"按目前趋势，年底预计约{projection:g}{unit}，"
            + ("有望完成目标。" if meets else "完成目标有困难，需要加大力度。"))


def _reasons(full: dict | None, key: str, ident: str) -> dict:
    out = {}
    for row in (full or {}).get(key, []):
        status = row.get("status") or {}
        out[row.get(ident)] = (status.get("code"), (status.get("why") or {}).get("text"))
    return out


def plain(public: dict | None, full: dict | None) -> dict | None:
    """The public data with plain sentences, status words, colours and one-line reasons."""
    if public is None:
        return None
    goals_why = _reasons(full, "goals", "uid")
    tasks_why = _reasons(full, "tasks", "number")
    goals = []
    for g in public["goals"]:
        code, why = goals_why.get(g.get("uid"), (None, None))
        words, colour = STATUS_WORDS.get(code, (g["status"], "none"))
        goals.append({**g, "sentence": goal_sentence(g), "outlook": outlook(g),
                      "words": words, "colour": colour, "why": why,
                      "missing": SOURCE_MISSING.get(g.get("source"), "暂无监测值")})
    tasks = []
    for t in public["tasks"]:
        code, why = tasks_why.get(t["number"], (None, None))
        words, colour = STATUS_WORDS.get(code, (t["status"], "none"))
        tasks.append({**t, "words": words, "colour": colour, "why": why})
    return {**public, "goals": goals, "tasks": tasks, "trend": trend_lines(public.get("air"))}


TREND_ROWS = {"pm25": "细颗粒物（PM2.5）平均浓度", "pm10": "可吸入颗粒物（PM10）平均浓度",
              "o3_8h_p90": "臭氧浓度（日最大8小时平均第90百分位数）", "good_day_ratio": "优良天数比率",
              "heavy_days": "重污染天数"}
HIGHER_IS_BETTER = {"good_day_ratio"}


def _trend_line(row: dict, span: str) -> str | None:
    now, before = row.get("value"), row.get("last_year")
    label = TREND_ROWS.get(row["key"])
    if label is None or now is None or before is None:
        return None
    unit = UNITS.get(row.get("unit") or "", row.get("unit") or "")
    head = f"{span}{label}{now:g}{unit}，去年同期{before:g}{unit}"
    if now == before:
        return f"{head}，与去年持平。"
    better = (now > before) == (row["key"] in HIGHER_IS_BETTER)
    if row["key"] in HIGHER_IS_BETTER or unit == "%":
        change = f"{'提高' if now > before else '降低'}{abs(now - before):.1f}个百分点"
    elif before and unit != "天":
        change = f"{'上升' if now > before else '下降'}{abs(now - before) / before * 100:.1f}%"
    else:
        change = f"{'增加' if now > before else '减少'}{abs(now - before):g}{unit}"
    return f"{head}，{change}，{'比去年好转' if better else '比去年变差'}。"


def trend_lines(air: dict | None) -> list[str]:
    """This year against the same months of last year, one plain sentence per indicator
    (``今年1月1日—6月30日细颗粒物（PM2.5）平均浓度34微克/立方米，去年同期36微克/立方米，
    下降5.6%，比去年好转。``)."""
    if not air:
        return []
    day = dt.date.fromisoformat(air["as_of"])
    span = f"今年1月1日—{day.month}月{day.day}日"
    return [line for row in air["rows"] if (line := _trend_line(row, span))]


SOURCE_MISSING = {"monitoring": "暂无监测值", "report": "暂无报送值", "contributions": "暂无报送值",
                  "survey": "暂无调查结果"}
"""What the page says of a goal without a figure, by where its figure comes from."""
