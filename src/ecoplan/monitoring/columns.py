"""The one column map: every header we accept (Chinese or English) → one canonical name.

Headers are normalised before lookup: surrounding space removed, a trailing unit in brackets
split off (``"溶解氧(mg/L)"`` → name ``溶解氧``, unit ``mg/L``), ASCII lower-cased.
Canonical names are those of the glossary and of the Parquet columns.
"""

from __future__ import annotations

import re

AIR_POLLUTANTS = ("pm25", "pm10", "so2", "no2", "co", "o3")
"""Hourly pollutants stored, in this order. CO in mg/m³, the others in µg/m³."""

CENTRE_DAILY = {"pm25": "PM2.5_24h", "pm10": "PM10_24h", "so2": "SO2_24h", "no2": "NO2_24h", "co": "CO_24h",
                "o3": "O3_24h", "o3_8h": "O3_8h_24h"}
"""Station-day statistic → the national centre's row whose value at 24:00 (label 0 of the next
date) is that statistic of the calendar day: the 24-h moving means, the moving 24-h maximum of the
1-h O3 (``O3_24h``) and the day's maximum 8-h mean so far (``O3_8h_24h``). Checked on complete days
of the 2019 releases (docs/monitoring.md, "The centre's own daily values")."""
CENTRE_COLUMNS = tuple(f"centre_{key}" for key in CENTRE_DAILY)
"""Hourly-table columns holding those values, on the row of the day's last hour (slot 23) only."""

AIR_UNITS = {p: ("mg/m3" if p == "co" else "ug/m3") for p in AIR_POLLUTANTS}

WATER_FACTORS = (
    "ph", "do", "codmn", "cod", "bod5", "nh3n", "tp", "tn", "cu", "zn", "fluoride", "se", "as",
    "hg", "cd", "cr6", "pb", "cn", "phenol", "oil", "las", "sulfide", "fecal_coliform",
    "chla", "sd", "water_temp",
)
"""GB 3838-2002 Table 1 items plus the trophic-state inputs (chla, sd). Units mg/L except
pH (none), fecal coliform (个/L), chla (mg/m³ = µg/L), sd (m), water temperature (°C)."""

_ALIASES: dict[str, tuple[str, ...]] = {
    # identifiers and time
    "station": ("station", "station_code", "site", "site_code", "监测点编码", "站点编码", "站点代码", "点位编码", "测点编码"),
    "station_name": ("station_name", "site_name", "监测点名称", "站点名称", "点位名称", "测点名称"),
    "section": ("section", "section_code", "断面编码", "断面代码", "断面", "观测站代码"),
    "section_name": ("section_name", "断面名称"),
    "town": ("town", "town_name", "镇", "乡镇", "镇（街道）", "镇(街道)", "乡镇（街道）", "镇街道", "镇、街道、园区"),
    "district": ("district", "辖市区", "辖市、区", "区县", "所属区县", "所属辖市区", "区"),
    "city": ("city", "城市", "所属城市"),
    "prefecture": ("prefecture", "地级行政区", "地级市"),
    "province": ("province", "省级行政区", "省份", "省"),
    "lon": ("lon", "lng", "longitude", "经度"),
    "lat": ("lat", "latitude", "纬度"),
    "background": ("background", "对照点", "是否对照点"),
    "station_level": ("station_level", "level", "站点级别", "点位级别", "级别", "考核级别", "断面级别"),
    "waterbody": ("waterbody", "river", "lake", "河流", "湖库", "所在水体", "河流湖库", "所属水体", "河流/湖库"),
    "waterbody_type": ("waterbody_type", "水体类型", "类型"),
    "drinking": ("drinking", "drinking_source", "饮用水源地", "是否饮用水源地", "水源地"),
    "target_class": ("target_class", "目标类别", "水质目标", "目标水质"),
    "time": ("time", "datetime", "timestamp", "时间", "监测时间", "日期时间"),
    "date": ("date", "日期", "采样日期", "监测日期"),
    "year": ("year", "年份", "年"),
    "month": ("month", "月份", "月"),
    "day": ("day", "日"),
    "hour": ("hour", "小时", "时"),
    "type": ("type",),
    "pollutant": ("pollutant", "parameter", "污染物", "监测项目", "项目", "因子"),
    "value": ("value", "concentration", "浓度", "数值", "监测值", "浓度值"),
    "unit": ("unit", "单位"),
    "dustfall": ("dustfall", "dust_fall", "降尘", "降尘量"),
    # air pollutants
    "pm25": ("pm25", "pm2.5", "pm2_5", "细颗粒物"),
    "pm10": ("pm10", "可吸入颗粒物"),
    "so2": ("so2", "二氧化硫"),
    "no2": ("no2", "二氧化氮"),
    "co": ("co", "一氧化碳"),
    "o3": ("o3", "臭氧"),
    # water factors (GB 3838 names in Chinese and English)
    "ph": ("ph", "ph值"),
    "do": ("do", "dissolved_oxygen", "溶解氧"),
    "codmn": ("codmn", "cod_mn", "permanganate_index", "高锰酸盐指数", "化学需氧量(codmn)"),
    "cod": ("cod", "codcr", "化学需氧量(cod)", "化学需氧量（cod）"),
    "bod5": ("bod5", "五日生化需氧量"),
    "nh3n": ("nh3n", "nh3-n", "ammonia_nitrogen", "氨氮", "氨态氮"),
    "tp": ("tp", "total_phosphorus", "总磷"),
    "tn": ("tn", "total_nitrogen", "总氮"),
    "cu": ("cu", "copper", "铜"),
    "zn": ("zn", "zinc", "锌"),
    "fluoride": ("fluoride", "f", "氟化物"),
    "se": ("se", "selenium", "硒"),
    "as": ("as", "arsenic", "砷"),
    "hg": ("hg", "mercury", "汞"),
    "cd": ("cd", "cadmium", "镉"),
    "cr6": ("cr6", "cr6+", "chromium_vi", "铬(六价)", "六价铬"),
    "pb": ("pb", "lead", "铅"),
    "cn": ("cn", "cyanide", "氰化物"),
    "phenol": ("phenol", "volatile_phenol", "挥发酚"),
    "oil": ("oil", "petroleum", "石油类"),
    "las": ("las", "anionic_surfactant", "阴离子表面活性剂"),
    "sulfide": ("sulfide", "硫化物"),
    "fecal_coliform": ("fecal_coliform", "粪大肠菌群"),
    "chla": ("chla", "chlorophyll_a", "叶绿素a", "叶绿素α"),
    "sd": ("sd", "secchi_depth", "transparency", "透明度"),
    "water_temp": ("water_temp", "water_temperature", "水温"),
}

_LOOKUP = {alias.lower(): name for name, aliases in _ALIASES.items() for alias in aliases}
# "PM2.5" stays whole; only a trailing bracket group is a unit ("溶解氧(mg/L)", "CO（mg/m³）"),
# which may itself hold brackets ("降尘量(t/(km²·month))").
_OPEN = re.compile(r"[（(]")
_UNIT_WORDS = {"mg/l", "μg/l", "µg/l", "ug/l", "mg/m3", "mg/m³", "μg/m3", "μg/m³", "µg/m³", "ug/m3", "m",
               "℃", "无量纲", "个/l", "t/(km2·month)", "t/(km²·month)", "吨/平方公里·月", "μs/cm", "ntu"}


def split_header(header: str) -> tuple[str, str | None]:
    """Split ``"总磷(mg/L)"`` into ``("总磷", "mg/L")``; a header without a unit gives ``(header, None)``."""
    text = str(header).strip().lstrip("\ufeff")
    if not text.endswith((")", "）")):
        return text, None
    for start in (m.start() for m in _OPEN.finditer(text)):
        unit = text[start + 1:-1].strip()
        if unit.lower() in _UNIT_WORDS or "/" in unit:
            return text[:start].strip(), unit
    return text, None


def canonical(header: str) -> str | None:
    """Canonical name of a header, or None when the column map does not know it."""
    name, _unit = split_header(header)
    return _LOOKUP.get(name.lower()) or _LOOKUP.get(str(header).strip().lower())


def map_headers(headers) -> dict[str, str]:
    """``{original header: canonical name}`` for every header the map knows (first wins)."""
    out: dict[str, str] = {}
    for header in headers:
        name = canonical(header)
        if name and name not in out.values():
            out[header] = name
    return out


def header_units(headers) -> dict[str, str]:
    """``{canonical name: unit as written}`` for headers that carry a unit."""
    out = {}
    for header in headers:
        name, unit = split_header(header)
        canon = canonical(header)
        if canon and unit:
            out[canon] = unit
    return out
