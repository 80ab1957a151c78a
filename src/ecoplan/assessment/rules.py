"""Assessment rules (考评细则) for one year, read from YAML and validated.

An office writes its own file without code; every mistake is reported with the file, the path
inside the document (``items[2].per_unit``) and its line. The schema is documented by the
shipped example ``rules/changzhou_2023.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ecoplan.assessment.schema import Located, check_rules
from ecoplan.errors import InputError

RULES_DIR = Path(__file__).parent / "rules"

@dataclass(frozen=True)
class Item:
    """One scored item (考评项目) worth at most ``weight`` points."""

    id: str
    name: str
    kind: str
    weight: float
    applies_to: tuple[str, ...]
    metric: str = ""
    level: str = ""
    """Water items: the section level measured (国考 / 省考 / 市考 / 市考以上)."""
    direction: str = ""
    """``lower`` (e.g. PM2.5: at most the target) or ``higher`` (good-day ratio)."""
    per_unit: float = 0.0
    """Points deducted per unit of shortfall (target items)."""
    unit: str = ""
    per_late: float = 0.0
    per_missing: float = 0.0
    per_overdue: float = 0.0
    mode: str = ""
    """Reporting items: ``count`` (deductions per late / missing report), ``rate`` (weight × the
    rate) or ``threshold`` (deductions per percentage point below ``threshold``)."""
    late_credit: float = 0.0
    """How much of an on-time report a late one is worth in a rate (0–1)."""
    threshold: float = 0.0
    """Rate (%) below which ``per_point`` is deducted per percentage point (threshold mode)."""
    per_point: float = 0.0
    on_pace_credit: float = 1.0
    """Completion items: what an item 按序时推进 (or expected to be met) is worth against one
    已完成 (0–1)."""
    per_deadline_late: float = 0.0
    """Completion items: points deducted per item whose deadline fell in the period and that
    was done after it."""
    per_deadline_missed: float = 0.0
    """Completion items: points deducted per item whose deadline fell in the period and that
    is not done."""

    @property
    def measure(self) -> str:
        """The key of this item's :class:`~ecoplan.assessment.inputs.TargetResult` in
        ``UnitInputs.targets``: the metric, after its section level for water (国考优Ⅲ比例)."""
        return f"{self.level}{self.metric}"

@dataclass(frozen=True)
class Bonus:
    id: str
    name: str
    points: float

@dataclass(frozen=True)
class Veto:
    """一票否决: when it applies, the grade is at most ``max_grade``."""

    id: str
    name: str
    max_grade: str

@dataclass(frozen=True)
class Grade:
    name: str
    min: float

@dataclass(frozen=True)
class RuleSet:
    year: int
    title: str
    items: tuple[Item, ...]
    bonuses: tuple[Bonus, ...]
    bonus_cap: float
    vetoes: tuple[Veto, ...]
    grades: tuple[Grade, ...]
    """Highest threshold first; the last one has ``min`` 0."""
    commend: tuple[str, ...]
    """Grades commended (通报表扬)."""
    criticise: tuple[str, ...]
    """Grades criticised (通报批评), for the unit kinds of ``criticise_applies_to``."""
    source: str = ""
    number: str = ""
    """The rules document's own 文号 (e.g. 常生态办〔2023〕3号); empty when it has none."""
    summon: tuple[str, ...] = ()
    """Grades whose units' leaders are summoned (约谈), for the kinds of ``summon_applies_to``;
    none when the file does not say."""
    criticise_applies_to: tuple[str, ...] = ("district", "department")
    summon_applies_to: tuple[str, ...] = ("district", "department")
    summon_red_months: bool = False
    """Whether a quarter's review proposes 约谈 for a target red two months running."""

    @property
    def citation(self) -> str:
        """The rules as a document cites them: 《title》（number）."""
        return f"《{self.title}》" + (f"（{self.number}）" if self.number else "")

    def items_for(self, kind: str) -> tuple[Item, ...]:
        return tuple(i for i in self.items if kind in i.applies_to)

    def full_score(self, kind: str) -> float:
        return sum(i.weight for i in self.items_for(kind))

    def bonus(self, bonus_id: str) -> Bonus:
        return next(b for b in self.bonuses if b.id == bonus_id)

    def veto(self, veto_id: str) -> Veto:
        return next(v for v in self.vetoes if v.id == veto_id)

def load_rules(path: str | Path) -> RuleSet:
    """Read and validate a rules file; an :class:`InputError` names the file, path and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"无法读取考评细则：{err}", file=str(path)) from None
    return parse_rules(text, source=str(path))

def shipped_rules(year: int, region: str = "changzhou") -> RuleSet:
    """The rules shipped with ecoplan for ``region`` and ``year``."""
    path = RULES_DIR / f"{region}_{year}.yaml"
    if not path.exists():
        raise InputError(f"没有 {year} 年的考评细则（{path.name}）", file=str(path))
    return load_rules(path)

def parse_rules(text: str, *, source: str = "<rules>") -> RuleSet:
    """Validate YAML ``text`` and build a :class:`RuleSet`."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise InputError(f"YAML 格式错误：{getattr(err, 'problem', err)}", file=source,
                         row=line) from None
    if node is None:
        raise InputError("文件为空", file=source)
    doc = check_rules(Located.of(node, source))
    return _build(doc, source)

def _build(doc: dict, source: str) -> RuleSet:
    items = tuple(Item(**{**raw, "applies_to": tuple(raw["applies_to"])}) for raw in doc["items"])
    grades = tuple(sorted((Grade(**g) for g in doc["grades"]), key=lambda g: -g.min))
    return RuleSet(
        year=doc["year"], title=doc["title"], items=items,
        bonuses=tuple(Bonus(**b) for b in doc.get("bonuses", [])),
        bonus_cap=doc.get("bonus_cap", 0.0),
        vetoes=tuple(Veto(**v) for v in doc.get("vetoes", [])),
        grades=grades, commend=tuple(doc.get("commend", [])),
        criticise=tuple(doc.get("criticise", [])), source=source, number=doc.get("number", ""),
        summon=tuple(doc.get("summon", [])),
        criticise_applies_to=tuple(doc.get("criticise_applies_to", ("district", "department"))),
        summon_applies_to=tuple(doc.get("summon_applies_to", ("district", "department"))),
        summon_red_months=doc.get("summon_red_months", False))
