"""Unit names as plans write them in responsibility clauses and 责任单位 cells: lists split on
、 (not inside brackets), collectives kept whole (“各区、县（市）政府”), place names sharing the
last name's ending (“临汾、侯马、洪洞经济开发区管委会”), the prefix a list elides after its first
name restored (“市发改委、工信局” → 市工信局) unless the list mixes levels (“区发改局、市规划局、城市更新局”:
区 or 市 is not said), a PDF's space inside a name closed (“区发改 局”), and “A和B” split only when both
halves are units."""

from __future__ import annotations

import re

from ecoplan.plan.gazetteer import Gazetteer
from ecoplan.plan.outside import outside_kind

LEAD_MARK_RE = re.compile(r"\s*[（(]\s*牵头\s*[）)]$")
#: The opening of a standing clause before its names, with what it covers ("本方案部署的以下工作均需").
_LEADING_RE = re.compile(r"^(?:(?:本方案|本计划|本意见|方案|计划)?[\u4e00-\u9fff]{0,4}?的?以下[^，,、]{0,12}?"
                         r"(?:均需要|均需|均由|均请|均)|均需|均由|由|请)")
_TRAILING_RE = re.compile(r"(?:等(?:有关|相关)?(?:部门和单位|部门|单位)|等)$")
#: Halves that are no unit on their own (“各有关部门和单位” is one collective name; “各县（市、区）
#: 党委和人民政府”, “高新区党工委和管委会” are one place's party and government bodies together).
_GENERIC = {"单位", "部门", "有关单位", "相关单位", "有关部门", "相关部门", "人民政府", "政府", "管委会", "党委",
            "党工委"}
UNIT_END_RE = re.compile(
    r"(?:局|委|部|办|院|府|会|社|关|司|场|馆|署|大学|学院|学校|中心|队|站|所|厅|处|集团|公司|单位|部门|政府|管委会|委员会)$")
# A town, a sub-district or an industrial park named with a role (“甲口镇配合”, “县工业园落实”,
# “县发改局、经济开发区牵头”).
_PLACE_BODY_RE = re.compile(r"^[\u4e00-\u9fa5]{1,10}(?:镇|乡|街道|街办|工业园|工业园区|开发区|高新区)$")
PAREN_TAIL_RE = re.compile(r"[（(][^（）()]*[）)]$")
_PREFIX_RE = re.compile(r"^(市委|市|区|县|省|部(?=[\u4e00-\u9fff]{2,10}(?:司|局)$))")  # 部种植业司: a ministry's own
# “相关单位配合”, “有关部门”: a collective as written, not 市相关单位.
_GENERIC_COLLECTIVE_RE = re.compile(r"^(?:相关|有关|其他|其它)?(?:单位|部门|成员单位)$|^(?:相关|有关)")
# A branch named after its own place (“环保拱墅分局”, “生态环境武进分局”) takes no elided prefix.
_PLACED_BRANCH_RE = re.compile(r"^(?:环保|环境保护|生态环境|公安|规划|国土|自然资源|市场监管|税务)[\u4e00-\u9fa5]{2,4}分局$")
# Bodies named by their own place, under no city prefix: a 管委会, a 街道 or town office.
_LOCAL_BODY_RE = re.compile(r"(?:管委会|街办|街道办事处|街道办|镇人民政府|乡人民政府|镇政府|乡政府)$")
#: Province-level divisions by their short names: a unit named after one takes no elided prefix
#: ("省文化和旅游厅、山东老年大学": not 省山东老年大学).
PROVINCES = tuple("北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 "
                  "海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门".split())
_OWN_PREFIX_RE = re.compile(r"^(?:市|区|县|省|各|国(?!土)|中|团|共青团)")  # 国土资源厅 is a department
# 、 (or a space, in text taken from PDF) separates names, except inside parentheses
# (各市（县、区）人民政府).
_NAME_SPLIT = re.compile(r"(?:[、/]|\s+)(?![^（(]*[）)])")
# “各辖市、区人民政府”, “各县、区人民政府（管委会）”, “各区、县（市）政府”, “各市、县（市、区）人民政府”
# are one collective name each, not 各辖市 + 区人民政府.
_COLLECTIVE_RE = re.compile(r"各(?:辖)?[市县区](?:、[市县区]+(?:[（(][^）)]*[）)])?)+(?:人民)?政府")
_OUTSIDE_BRACKETS_COMMA_RE = re.compile(r"、(?![^（(]*[）)])")


def split_names(chunk: str) -> list[str]:
    chunk = _COLLECTIVE_RE.sub(lambda m: _OUTSIDE_BRACKETS_COMMA_RE.sub("", m.group()),
                               _LEADING_RE.sub("", chunk.strip()))
    names = []
    for name in _split_joining_fragments(chunk):
        name = _TRAILING_RE.sub("", name.strip(" \u3000"))
        if name[:1] in "(（〔【[" and not re.search(r"[)）〕】\]]", name):
            name = name[1:]  # a bracket opened on this line and closed on the next
        name = _HOUSED_RE.sub(r"\1", name)
        if name:
            names.append(name)
    return share_suffix(names)


#: A fragment of a name that a PDF's line wrap cut with a space ("区发改 局", "区 中心办", "石 岩街道办"):
#: up to three characters, not ending like a unit.
_FRAGMENT_RE = re.compile(r"^[\u4e00-\u9fa5]{1,3}$")


def _split_joining_fragments(chunk: str) -> list[str]:
    """``chunk`` split at 、, / and spaces, except a space after a short head not ending like a
    unit: a PDF's line wrap inside a name ("区发改 局" → 区发改局)."""
    out: list[str] = []
    at = 0
    for sep in [*_NAME_SPLIT.finditer(chunk), None]:
        piece = chunk[at: sep.start() if sep else len(chunk)]
        at = sep.end() if sep else len(chunk)
        if out and out[-1] is not None and out[-1][1]:
            out[-1] = (out[-1][0] + piece, False)
        else:
            out.append((piece, False))
        head = out[-1][0]
        spaced = sep is not None and not sep.group().strip()
        out[-1] = (head, spaced and bool(_FRAGMENT_RE.match(head) and not UNIT_END_RE.search(head)
                                          and not head.startswith("各")))
    return [piece for piece, _ in out]


#: A body housed in a unit, named in a bracket after it with the same prefix ("省发改委(省能源局)":
#: the energy bureau sits in the development commission): the unit is the name outside.
_HOUSED_RE = re.compile(r"^((?P<p>省|市|县|区)[\u4e00-\u9fff]{1,12}?(?:局|委|厅|办))[（(](?P=p)[\u4e00-\u9fff]{1,12}(?:局|委|厅|办)[）)]$")


_BARE_PLACE_RE = re.compile(r"^[\u4e00-\u9fa5]{2,3}$")


#: A place written with its kind (“城乡一体化示范区”, “高新区”), and such a place followed by its bodies.
_PLACE_KIND = r"(?:示范区|开发区|高新区|新区|园区|区|县|市)"
_PLACE_NAME_RE = re.compile(rf"^[\u4e00-\u9fa5]{{1,10}}{_PLACE_KIND}$")
_PLACE_BODIES_RE = re.compile(rf"^[\u4e00-\u9fa5]{{1,10}}?{_PLACE_KIND}(?P<body>[\u4e00-\u9fa5]{{2,12}})$")


def share_suffix(names: list[str]) -> list[str]:
    """Place names listed before one full name share its ending: “临汾、侯马、洪洞经济开发区
    管委会” is three 管委会, “济南、青岛、烟台市政府” three city governments, “城乡一体化示范区、
    高新区党工委和管委会” two places' 党工委和管委会."""
    out = _share_bodies(list(names))
    for i in range(len(out) - 1, 0, -1):
        last, before = out[i], out[i - 1]
        if not (_BARE_PLACE_RE.match(before) and not UNIT_END_RE.search(before) and not before.startswith("各")
                and UNIT_END_RE.search(last) and len(last) > len(before) + 1):
            continue
        suffix = last[len(before):]
        j = i - 1
        while j >= 0 and _BARE_PLACE_RE.match(out[j]) and not UNIT_END_RE.search(out[j]):
            out[j] += suffix
            j -= 1
    return out


def _share_bodies(out: list[str]) -> list[str]:
    """Places written with their kind (…示范区, …区) before a place with its bodies take those
    bodies: “城乡一体化示范区、高新区党工委和管委会”."""
    for i in range(len(out) - 1, 0, -1):
        m = _PLACE_BODIES_RE.match(out[i])
        if m is None or not UNIT_END_RE.search(m["body"]):
            continue
        j = i - 1
        while j >= 0 and _PLACE_NAME_RE.match(out[j]) and not out[j].startswith("各"):
            out[j] += m["body"]
            j -= 1
    return out


def looks_like_unit(name: str, gazetteer: Gazetteer) -> bool:
    """A known unit, a name ending like one (…局, …委员会), or a collective (各镇（街道）)."""
    bare = PAREN_TAIL_RE.sub("", name)
    return (gazetteer.canonical(name) is not None or bool(UNIT_END_RE.search(bare))
            or outside_kind(bare) is not None or bool(_PLACE_BODY_RE.match(bare))
            or (bare.startswith("各") and 2 <= len(bare) <= 16))


def restore_prefixes(names: list[str], gazetteer: Gazetteer, prefix: str | None = None) -> tuple[list[str], str | None]:
    """Restore the prefix a list elides after its first name (“市发改委、工信局” → 市工信局).

    Returns the names and the prefix in force after them, to carry into the next list.
    """
    region = gazetteer.region or ""
    stem = region[:-1] if len(region) > 2 and region[-1] in "市县区" else region  # 常州市 → 常州
    restored = []
    levels = set()  # the prefixes this list's names write: two (区…, 市…) leave a bare name's unknown
    for written in names:
        mark = LEAD_MARK_RE.search(written)
        name = written[: mark.start()] if mark else written
        own = _PREFIX_RE.match(name)
        own_prefix = "市" if own is None or own.group(1) == "市委" else own.group(1)
        if own and own.group(1) in "市区县":
            levels.add(own.group(1))
        if len(levels) > 1 and not own and gazetteer.canonical(name) is None:
            restored.append(written)  # "区发改局、市规划国土委…、城市更新局": 区 or 市, not said
            continue
        if gazetteer.canonical(name) is not None:
            prefix = own_prefix if own or (region and name.startswith(region)) else prefix
        elif prefix and gazetteer.canonical(prefix + name) is not None:
            name = prefix + name
        elif own or (region and name.startswith(region)):
            prefix = own_prefix
        elif (prefix and not _OWN_PREFIX_RE.match(name) and not (stem and name.startswith(stem))
              and not name.startswith(PROVINCES)
              and UNIT_END_RE.search(name) and outside_kind(name, region) is None
              and not _PLACED_BRANCH_RE.match(name) and not _LOCAL_BODY_RE.search(name)
              and not _GENERIC_COLLECTIVE_RE.match(name)):
            name = prefix + name
        restored.append(name + (mark.group() if mark else ""))
    return restored, prefix


#: Two names of one level written with no separator (“镇城建办镇农技站”): the level's prefix again
#: right after a unit's ending, each part at least four characters.
_RUN_TOGETHER_RE = re.compile(r"^(镇|乡|街道|县|区|市)[\u4e00-\u9fa5]{2,}?$")


def _run_together(name: str) -> list[str] | None:
    head = _RUN_TOGETHER_RE.match(name)
    if head is None:
        return None
    prefix = head.group(1)
    parts, at = [], 0
    for cut in range(len(prefix) + 3, len(name) - len(prefix) - 2):
        if (name.startswith(prefix, cut) and UNIT_END_RE.search(name[at:cut])
                and cut - at >= 4 and name[at:cut] not in _GENERIC):
            parts.append(name[at:cut])
            at = cut
    if not parts or not UNIT_END_RE.search(name[at:]):
        return None
    return parts + [name[at:]]


def split_joined(name: str, gazetteer: Gazetteer) -> list[str]:
    """“市法院和检察院” is two units; “市自然资源和规划局” is one (known, or not unit-like halves);
    “镇城建办镇农技站” is two (:data:`_RUN_TOGETHER_RE`)."""
    if gazetteer.canonical(name) is not None:
        return [name]
    run = _run_together(name)
    if run is not None:
        return run
    for sep in "和及与":
        halves = name.split(sep)
        if len(halves) > 1 and all(h and UNIT_END_RE.search(h) and h not in _GENERIC for h in halves):
            return halves
    return [name]
