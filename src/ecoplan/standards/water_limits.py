"""GB 3838-2002 Table 1 (地表水环境质量标准基本项目标准限值) as constants, with factor names.

Every evaluable basic item of Table 1 has a canonical identifier (English, lower case), its
Chinese name, accepted aliases, a direction and the five class limits Ⅰ…Ⅴ. Units are mg/L
except pH (dimensionless) and fecal coliform (个/L). Water temperature (item 1) has no class
limits (it is a man-made-change rule) and is therefore not a factor here.

Sources: GB 3838-2002 Table 1 (restated in ``shared/spec/standards.md`` §5, [V2]); the
evaluation decimals are those of 《地表水环境质量监测数据统计技术规定（试行）》 (2020).
"""

from __future__ import annotations

from types import MappingProxyType

# Direction of a factor: "max" = the value must not exceed the limit (≤); "min" = the value must
# reach the limit (≥, dissolved oxygen only); "range" = pH, 6 ≤ pH ≤ 9 for every class.
MAX, MIN, RANGE = "max", "min", "range"

# canonical id: (Chinese name, direction, (Ⅰ, Ⅱ, Ⅲ, Ⅳ, Ⅴ) limits, Table 1 item number)
_TABLE_1 = {
    "ph": ("pH", RANGE, (6.0, 9.0), 2),
    "do": ("溶解氧", MIN, (7.5, 6.0, 5.0, 3.0, 2.0), 3),
    "codmn": ("高锰酸盐指数", MAX, (2.0, 4.0, 6.0, 10.0, 15.0), 4),
    "cod": ("化学需氧量", MAX, (15.0, 15.0, 20.0, 30.0, 40.0), 5),
    "bod5": ("五日生化需氧量", MAX, (3.0, 3.0, 4.0, 6.0, 10.0), 6),
    "nh3n": ("氨氮", MAX, (0.15, 0.5, 1.0, 1.5, 2.0), 7),
    "tp": ("总磷", MAX, (0.02, 0.1, 0.2, 0.3, 0.4), 8),
    "tn": ("总氮", MAX, (0.2, 0.5, 1.0, 1.5, 2.0), 9),
    "cu": ("铜", MAX, (0.01, 1.0, 1.0, 1.0, 1.0), 10),
    "zn": ("锌", MAX, (0.05, 1.0, 1.0, 2.0, 2.0), 11),
    "fluoride": ("氟化物", MAX, (1.0, 1.0, 1.0, 1.5, 1.5), 12),
    "se": ("硒", MAX, (0.01, 0.01, 0.01, 0.02, 0.02), 13),
    "as": ("砷", MAX, (0.05, 0.05, 0.05, 0.1, 0.1), 14),
    "hg": ("汞", MAX, (0.00005, 0.00005, 0.0001, 0.001, 0.001), 15),
    "cd": ("镉", MAX, (0.001, 0.005, 0.005, 0.005, 0.01), 16),
    "cr6": ("六价铬", MAX, (0.01, 0.05, 0.05, 0.05, 0.1), 17),
    "pb": ("铅", MAX, (0.01, 0.01, 0.05, 0.05, 0.1), 18),
    "cn": ("氰化物", MAX, (0.005, 0.05, 0.2, 0.2, 0.2), 19),
    "phenol": ("挥发酚", MAX, (0.002, 0.002, 0.005, 0.01, 0.1), 20),
    "oil": ("石油类", MAX, (0.05, 0.05, 0.05, 0.5, 1.0), 21),
    "las": ("阴离子表面活性剂", MAX, (0.2, 0.2, 0.2, 0.3, 0.3), 22),
    "sulfide": ("硫化物", MAX, (0.05, 0.1, 0.2, 0.5, 1.0), 23),
    "fecal_coliform": ("粪大肠菌群", MAX, (200.0, 2000.0, 10000.0, 20000.0, 40000.0), 24),
}

FACTORS: tuple[str, ...] = tuple(_TABLE_1)
CHINESE = MappingProxyType({k: v[0] for k, v in _TABLE_1.items()})
DIRECTION = MappingProxyType({k: v[1] for k, v in _TABLE_1.items()})
LIMITS = MappingProxyType({k: v[2] for k, v in _TABLE_1.items()})
TABLE_1_ITEM = MappingProxyType({k: v[3] for k, v in _TABLE_1.items()})

# Table 1 item 8: lakes and reservoirs (湖、库) have their own total-phosphorus limits.
TP_LAKE_LIMITS = (0.01, 0.025, 0.05, 0.1, 0.2)

# 地表水环境质量评价办法（试行） §一(一)1: the class uses the 21 items of Table 1 other than water
# temperature, total nitrogen and fecal coliform; TN is reported separately for lakes/reservoirs.
NOT_IN_CLASS = frozenset({"tn", "fecal_coliform"})
CLASS_FACTORS: tuple[str, ...] = tuple(f for f in FACTORS if f not in NOT_IN_CLASS)

# §二(一)3 of the method: no exceedance multiple for water temperature, pH and dissolved oxygen.
NO_MULTIPLE = frozenset({"ph", "do"})

# Cyanide and the heavy metals take priority among main pollution indicators (§二(一)3).
PRIORITY_FACTORS = frozenset({"cn", "hg", "cd", "cr6", "pb", "as", "cu", "zn", "se"})

# Decimals of evaluation, 《地表水环境质量监测数据统计技术规定（试行）》 (2020).
DECIMALS = MappingProxyType({
    "ph": 0, "do": 1, "codmn": 1, "cod": 1, "bod5": 1, "nh3n": 2, "tp": 3, "tn": 2,
    "cu": 3, "zn": 3, "fluoride": 3, "se": 4, "as": 4, "hg": 5, "cd": 5, "cr6": 3, "pb": 3,
    "cn": 3, "phenol": 4, "oil": 2, "las": 2, "sulfide": 3, "fecal_coliform": 0,
})

_EXTRA_ALIASES = {
    "ph": ["ph值", "酸碱度"],
    "do": ["dissolved_oxygen", "dissolved oxygen"],
    "codmn": ["cod_mn", "permanganate_index", "permanganate index", "高锰酸钾指数", "高锰酸盐"],
    "cod": ["codcr", "cod_cr", "chemical_oxygen_demand"],
    "bod5": ["bod", "bod_5", "五日生化需氧量(bod5)", "生化需氧量"],
    "nh3n": ["nh3-n", "nh3_n", "nh4-n", "ammonia", "ammonia_nitrogen", "氨态氮"],
    "tp": ["total_phosphorus", "total phosphorus"],
    "tn": ["total_nitrogen", "total nitrogen"],
    "cu": ["copper"],
    "zn": ["zinc"],
    "fluoride": ["f", "氟"],
    "se": ["selenium"],
    "as": ["arsenic"],
    "hg": ["mercury"],
    "cd": ["cadmium"],
    "cr6": ["cr(vi)", "cr6+", "chromium_vi", "铬(六价)", "铬（六价）"],
    "pb": ["lead"],
    "cn": ["cyanide"],
    "phenol": ["volatile_phenol", "volatile phenol"],
    "oil": ["petroleum", "石油"],
    "las": ["anionic_surfactant", "阴离子表面活性剂(las)"],
    "sulfide": ["硫化物(s)"],
    "fecal_coliform": ["fecal coliform", "粪大肠杆菌"],
}


def _aliases() -> dict[str, str]:
    table = {}
    for factor in FACTORS:
        for name in (factor, CHINESE[factor], *_EXTRA_ALIASES.get(factor, [])):
            table[name.lower()] = factor
    return table


ALIASES = MappingProxyType(_aliases())
