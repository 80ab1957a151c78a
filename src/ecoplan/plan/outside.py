"""Units that are not the city's own: national ministries, provincial departments, financial
regulators and banks, other cities' governments, development-zone committees (管委会).

Plans of every level name them (国务院部门, 省直部门, 人民银行济南分行, 济南市政府,
经济开发区管委会). They are written as they stand: no city prefix is restored in front of them
("工业和信息化部", never "市工业和信息化部"), and they are not flagged as missing from the
city's unit gazetteer. The names of the State Council's departments follow the 国务院机构设置
(2018 reform) in their usual short forms.
"""

from __future__ import annotations

import re

#: State Council departments and agencies as plans write them (short forms included).
NATIONAL = frozenset("""
国家发展改革委 发展改革委 教育部 科技部 工业和信息化部 国家民委 公安部 国家安全部 民政部 司法部 财政部
人力资源社会保障部 自然资源部 生态环境部 住房城乡建设部 交通运输部 水利部 农业农村部 商务部
文化和旅游部 国家卫生健康委 卫生健康委 退役军人事务部 应急管理部 人民银行 审计署 外交部 国防部
国务院国资委 国资委 海关总署 税务总局 市场监管总局 广电总局 体育总局 统计局 国际发展合作署 医保局
国管局 国务院研究室 新华社 中科院 社科院 工程院 国务院发展研究中心 银保监会 证监会 国家信访局
粮食和储备局 能源局 国防科工局 烟草局 移民局 林草局 铁路局 民航局 邮政局 文物局 中医药局 矿山安监局
外汇局 药监局 知识产权局 国家统计局 国家医保局 国家能源局 国家林草局 国家知识产权局 国家药监局 国家邮政局
全国总工会 共青团中央 全国妇联 中国残联 中国人民银行 国家税务总局 国家市场监督管理总局
""".split())
_NATIONAL_RE = re.compile(r"^(?:国家|国务院|中央|中共中央)[\u4e00-\u9fa5]{1,20}$|^[\u4e00-\u9fa5]{2,12}(?:总局|总署)$")
#: (A 总队 — 交警总队, 消防总队 — is a province's formation, not a national body.)
_PROVINCIAL_RE = re.compile(r"^(?:省|[\u4e00-\u9fa5]{2,3}省|自治区|[\u4e00-\u9fa5]{2,4}自治区)[\u4e00-\u9fa5（）()]{2,30}$")
_FINANCIAL_RE = re.compile(r"(?:银行|分行|支行|银保监局|银保监分局|证监局|保监局|人民银行[\u4e00-\u9fa5]{2,6}中心支行)$")
_OTHER_CITY_RE = re.compile(r"^[\u4e00-\u9fa5]{2,4}市(?:人民)?政府$")
_ZONE_RE = re.compile(r"^[\u4e00-\u9fa5]{2,20}(?:开发区|高新区|园区|新区|试验区|示范区)管委会$")
#: A railway bureau, a state group: enterprises under no city.
_ENTERPRISE_RE = re.compile(r"^中(?:铁|国)[\u4e00-\u9fa5]{1,10}(?:局|集团|公司)$")


def outside_kind(name: str, region: str | None = None) -> str | None:
    """``national``, ``provincial``, ``financial``, ``city``, ``zone`` or ``enterprise`` for a
    unit that is not a department of the plan's city ``region``; None otherwise (市…, 区…, 各…)."""
    if name in NATIONAL:  # before the prefix test: 市场监管总局 is national
        return "national"
    if not name or name.startswith(("市", "区", "县", "各")):
        return None
    if _NATIONAL_RE.match(name):
        return "national"
    if _FINANCIAL_RE.search(name):
        return "financial"
    if _PROVINCIAL_RE.match(name):
        return "provincial"
    if _OTHER_CITY_RE.match(name):
        stem = (region or "")[:-1] if region and region.endswith("市") else region
        return None if stem and name.startswith(stem) else "city"
    if _ZONE_RE.match(name):
        return "zone"
    if _ENTERPRISE_RE.match(name):
        return "enterprise"
    return None
