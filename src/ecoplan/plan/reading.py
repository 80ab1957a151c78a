"""Targets read back in words where a sign and a number would mislead.

A relative target holds a quantity against a base: "港口岸电用电量不低于2022年" is stored as a
change ``>= 0 %`` against 2022, "一次性消费品人均使用量逐年下降" as ``> 0 %`` against the year
before. Shown as "≥ 0%" they mean nothing; shown in words they read as the plan wrote them.
"""

from __future__ import annotations

RISING = ("提升", "提高")
"""Words of a rising relative target ("生态质量指数持续提升"): stored, like a falling one, as
``> 0 %`` against the year before; its text tells which way."""


def relative_words(comparator: str | None, value, unit: str | None, baseline: str | None,
                   text: str | None = None) -> str | None:
    """"不低于2022年", "不减少", "不高于2023年", "不增加", "逐年下降", "较2020年下降" for a
    relative target of 0 %, "较2022年提升" when its ``text`` says it rises (持续提升); None
    for any other target."""
    try:
        zero = float(value) == 0
    except (TypeError, ValueError):
        return None
    if not zero or unit != "%" or comparator not in (">=", "<=", ">"):
        return None
    if comparator == ">=":
        return f"不低于{baseline}" if baseline else "不减少"
    if comparator == "<=":
        return f"不高于{baseline}" if baseline else "不增加"
    if text and any(word in text for word in RISING):
        return f"较{baseline}提升" if baseline else "逐年提升"
    return f"较{baseline}下降" if baseline else "逐年下降"

