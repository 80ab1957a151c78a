"""The unit gazetteer: canonical names of responsible units (责任单位) and of districts (辖市区).

Changzhou's gazetteer ships in ``gazetteers/changzhou.yaml``; any city extends or overrides it
with its own YAML of the same shape::

    region: 常州市
    districts: [溧阳市, 金坛区, {name: 常州经开区, aliases: [常州经济开发区]}]
    units:
      - name: 市发展和改革委员会      # canonical
        kind: department             # department | district | enterprise | other
        aliases: [市发改委, 市发展改革委]

A city file whose ``region`` differs from the shipped one replaces the districts (they are
another city's); units are always merged, the city's entry winning for the same canonical name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ecoplan.errors import InputError

KINDS = ("department", "district", "enterprise", "other")
# The C loader when PyYAML was built with libyaml: the shipped file parses 10x faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SHIPPED = "changzhou.yaml"

# Written forms differ in parentheses width and stray spaces only; both are normalised away.
_WIDTH = str.maketrans({"(": "（", ")": "）", " ": None, "\u3000": None, "\u00a0": None})


def normalise(written: str) -> str:
    """The lookup key of a written unit name: full-width parentheses, no spaces."""
    return written.translate(_WIDTH).strip()


@dataclass(frozen=True)
class Unit:
    """One responsible unit: its canonical name, kind and the other names it is written as."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()


@dataclass
class Gazetteer:
    """Canonical unit and district names of one city (or the shipped Changzhou default)."""

    region: str | None
    units: list[Unit]
    districts: list[str]
    district_aliases: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_name = {u.name: u for u in self.units}
        self._lookup: dict[str, str] = {}
        self._memo: dict[str, str | None] = {}
        for unit in self.units:
            for written in (unit.name, *unit.aliases):
                self._lookup[normalise(written)] = unit.name
        forms = {d: d for d in self.districts} | self.district_aliases
        self._district_of = forms
        pattern = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        self._district_re = re.compile(pattern) if pattern else None

    def canonical(self, written: str) -> str | None:
        """The canonical name of a unit as written (any alias), or None when unknown."""
        try:
            return self._memo[written]
        except KeyError:
            found = self._memo[written] = self._lookup.get(normalise(written))
            return found

    def unit(self, name: str) -> Unit | None:
        """The unit of a canonical name."""
        return self._by_name.get(name)

    def find_districts(self, text: str) -> list[str]:
        """Districts named in ``text`` (canonical names, in order of first mention)."""
        if self._district_re is None:
            return []
        found = dict.fromkeys(self._district_of[m.group()] for m in self._district_re.finditer(text))
        return list(found)


def _read_yaml(source: Path | str, label: str) -> dict:
    try:
        text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
        data = yaml.load(text, Loader=_LOADER)
    except OSError as err:
        raise InputError(f"无法读取单位名录: {err.strerror or err}", file=label) from None
    except UnicodeDecodeError:
        raise InputError("单位名录须为 UTF-8 编码的 YAML", file=label) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        row = mark.line + 1 if mark else None
        raise InputError(f"YAML 格式错误: {getattr(err, 'problem', err)}", file=label, row=row) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError("单位名录须为映射 (region / districts / units)", file=label)
    unknown = set(data) - {"region", "districts", "units"}
    if unknown:
        raise InputError(f"未知字段 {', '.join(sorted(unknown))}", file=label)
    return data


def _names(value, label: str, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError("须为非空名称的列表", file=label, field=where)
    return [v.strip() for v in value]


def _units(data: dict, label: str) -> list[Unit]:
    entries = data.get("units") or []
    if not isinstance(entries, list):
        raise InputError("须为单位列表", file=label, field="units")
    units = []
    for i, entry in enumerate(entries, 1):
        where = f"units[{i}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise InputError("每个单位须有 name", file=label, field=where)
        where = f"units[{i}] ({entry['name']})"
        extra = set(entry) - {"name", "kind", "aliases"}
        if extra:
            raise InputError(f"未知字段 {', '.join(sorted(extra))}", file=label, field=where)
        kind = entry.get("kind", "department")
        if kind not in KINDS:
            raise InputError(f"kind 须为 {' | '.join(KINDS)} 之一, 而非 {kind!r}", file=label, field=where)
        aliases = tuple(_names(entry.get("aliases"), label, f"{where}.aliases"))
        units.append(Unit(entry["name"].strip(), kind, aliases))
    return units


def _districts(data: dict, label: str) -> tuple[list[str], dict[str, str]]:
    entries = data.get("districts") or []
    if not isinstance(entries, list):
        raise InputError("须为辖区列表", file=label, field="districts")
    names, aliases = [], {}
    for i, entry in enumerate(entries, 1):
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            names.append(entry["name"].strip())
            for alias in _names(entry.get("aliases"), label, f"districts[{i}].aliases"):
                aliases[alias] = entry["name"].strip()
        elif isinstance(entry, str) and entry.strip():
            names.append(entry.strip())
        else:
            raise InputError("辖区须为名称或 {name, aliases}", file=label, field=f"districts[{i}]")
    return names, aliases


def _check_aliases(units: list[Unit], label: str) -> None:
    """An alias naming two different units would make normalisation a coin toss."""
    owner: dict[str, str] = {}
    for unit in units:
        for written in (unit.name, *unit.aliases):
            key = normalise(written)
            if owner.setdefault(key, unit.name) != unit.name:
                raise InputError(
                    f"名称“{written}”同时属于“{owner[key]}”和“{unit.name}”", file=label, field="units")


def _merge_units(base: list[Unit], extra: list[Unit]) -> list[Unit]:
    by_name = {u.name: u for u in base}
    overridden = {normalise(a): u.name for u in extra for a in (u.name, *u.aliases)}
    merged = []
    for unit in base:
        if unit.name in {u.name for u in extra}:
            continue
        # A city alias that now names another unit takes the alias away from the shipped one.
        keep = tuple(a for a in unit.aliases if overridden.get(normalise(a), unit.name) == unit.name)
        merged.append(Unit(unit.name, unit.kind, keep))
    for unit in extra:
        old = by_name.get(unit.name)
        aliases = tuple(dict.fromkeys((*(old.aliases if old else ()), *unit.aliases)))
        merged.append(Unit(unit.name, unit.kind, aliases))
    return merged


@lru_cache(maxsize=1)
def _shipped() -> tuple[str | None, tuple[Unit, ...], tuple[str, ...], dict[str, str]]:
    """The shipped Changzhou file, read once per process (callers copy what they change)."""
    text = resources.files("ecoplan.plan").joinpath("gazetteers", SHIPPED).read_text(encoding="utf-8")
    base = _read_yaml(text, SHIPPED)
    districts, aliases = _districts(base, SHIPPED)
    return base.get("region"), tuple(_units(base, SHIPPED)), tuple(districts), aliases


def load_gazetteer(extra: str | Path | None = None) -> Gazetteer:
    """The shipped Changzhou gazetteer, merged with a city's own YAML file when given.

    Raises
    ------
    InputError
        The file cannot be read, is not YAML, or an entry is malformed (message names the file
        and the entry).
    """
    region, units, districts, aliases = _shipped()
    units, districts, aliases = list(units), list(districts), dict(aliases)
    if extra is not None:
        path = Path(extra)
        label = path.name
        data = _read_yaml(path, label)
        own_units = _units(data, label)
        _check_aliases(own_units, label)
        units = _merge_units(units, own_units)
        own_districts, own_aliases = _districts(data, label)
        own_region = data.get("region")
        if own_region and own_region != region:
            districts, aliases = own_districts, own_aliases
        else:
            districts = list(dict.fromkeys(districts + own_districts))
            aliases = aliases | own_aliases
        region = own_region or region
    _check_aliases(units, SHIPPED if extra is None else Path(extra).name)
    return Gazetteer(region=region, units=units, districts=districts, district_aliases=aliases)
