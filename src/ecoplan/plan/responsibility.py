"""Responsibility clauses (责任分工): who leads, cooperates, shares or implements a task.

Chinese government work plans close a task with a parenthesised clause, e.g.
``（市发改委牵头，市工信局、生态环境局等配合，各辖市区人民政府负责落实）``, or write a
labelled line ``牵头单位：市生态环境局`` / ``责任单位：…`` under it. Roles follow the verbs of
the 《党政机关公文处理工作条例》 style: 牵头 → lead, 配合/参与/协同/协助 → cooperating,
按职责分工（负责） → shared, 负责落实 → implementers. Names listed after the first keep the
first one's elided prefix (“市发改委、工信局” means 市工信局), and a clause saying
“以下均需…负责落实，不再列出” stands for every later task.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ecoplan.plan import contract
from ecoplan.plan import role_phrases as phrases
from ecoplan.plan.gazetteer import Gazetteer
from ecoplan.plan.outside import outside_kind

ROLES = contract.ROLES

_ENDING_RE, _ENDING_ROLE = phrases.ENDING_RE, phrases.ENDING_ROLE
_LABELS, _LABEL_RE = phrases.LABEL_ROLE, phrases.LABEL_RE

# The parenthesised group closing a paragraph (one level of nested parentheses allowed).
_TAIL_RE = re.compile(r"[（(【〔\[［]((?:[^（）()【】〔〕\[\]［］]|[（(][^（）()]*[）)])+)[）)】〕\]］]\s*[。；;.]?\s*$")
# A plan-wide note (“排在第一位的为牵头单位”) making the first 责任单位 listed the lead, or
# (“排在前位为牵头部门”) the names before the list's first comma.
_FIRST_LEADS_RE = phrases.FIRST_LEADS_RE
_FRONT_LEADS_RE = phrases.FRONT_LEADS_RE
_GROUP_RE = re.compile(r"[（(【〔\[［]((?:[^（）()【】〔〕\[\]［］]|[（(][^（）()]*[）)])+)[）)】〕\]］]")
_LEAD_MARK_RE = re.compile(r"\s*[（(]\s*牵头\s*[）)]$")
_STANDING_RE = phrases.STANDING_RE
_LEADING_RE = re.compile(r"^(?:以下[^，,、]{0,12}?(?:均需要|均需|均由|均请|均)|均需|均由|由|请)")
_TRAILING_RE = re.compile(r"(?:等(?:有关|相关)?(?:部门和单位|部门|单位)|等)$")
#: Halves that are no unit on their own (“各有关部门和单位” is one collective name).
_GENERIC = {"单位", "部门", "有关单位", "相关单位", "有关部门", "相关部门"}
_UNIT_END_RE = re.compile(
    r"(?:局|委|部|办|院|府|会|社|关|司|场|馆|署|大学|学院|学校|中心|队|站|所|厅|处|集团|公司|单位|部门|政府|管委会|委员会)$")
# A town, a sub-district or an industrial park named with a role (“甲口镇配合”, “县工业园落实”).
_PLACE_BODY_RE = re.compile(r"^[\u4e00-\u9fa5]{1,10}(?:镇|乡|街道|街办|工业园|工业园区)$")
_PAREN_TAIL_RE = re.compile(r"[（(][^（）()]*[）)]$")
_PREFIX_RE = re.compile(r"^(市委|市|区|县)")
# “相关单位配合”, “有关部门”: a collective as written, not 市相关单位.
_GENERIC_COLLECTIVE_RE = re.compile(r"^(?:相关|有关|其他|其它)?(?:单位|部门|成员单位)$|^(?:相关|有关)")
# A branch named after its own place (“环保拱墅分局”, “生态环境武进分局”) takes no elided prefix.
_PLACED_BRANCH_RE = re.compile(r"^(?:环保|环境保护|生态环境|公安|规划|国土|自然资源|市场监管|税务)[\u4e00-\u9fa5]{2,4}分局$")
# Bodies named by their own place, under no city prefix: a 管委会, a 街道 or town office.
_LOCAL_BODY_RE = re.compile(r"(?:管委会|街办|街道办事处|街道办|镇人民政府|乡人民政府|镇政府|乡政府)$")
_OWN_PREFIX_RE = re.compile(r"^(?:市|区|县|省|各|国|中|团|共青团)")
_SENTENCE_SPLIT = re.compile(r"[。；;]")
_PART_SPLIT = re.compile(r"[，,]")
# 、 (or a space, in text taken from PDF) separates names, except inside parentheses
# (各市（县、区）人民政府).
_NAME_SPLIT = re.compile(r"(?:[、/]|\s+)(?![^（(]*[）)])")
# “各辖市、区人民政府”, “各县、区人民政府（管委会）”, “各区、县（市）政府”, “各市、县（市、区）人民政府”
# are one collective name each, not 各辖市 + 区人民政府.
_COLLECTIVE_RE = re.compile(r"各(?:辖)?[市县区](?:、[市县区]+(?:[（(][^）)]*[）)])?)+(?:人民)?政府")
_OUTSIDE_BRACKETS_COMMA_RE = re.compile(r"、(?![^（(]*[）)])")


@dataclass
class Clause:
    """A responsibility clause found in a paragraph: offsets into the text it was found in."""

    start: int
    end: int
    text: str
    roles: dict[str, list[str]]
    """Written names (elided prefixes restored) per role."""
    standing: dict[str, list[str]] = field(default_factory=dict)
    """Names a 以下均需… clause assigns to every later task."""


def _split_names(chunk: str) -> list[str]:
    chunk = _COLLECTIVE_RE.sub(lambda m: _OUTSIDE_BRACKETS_COMMA_RE.sub("", m.group()),
                               _LEADING_RE.sub("", chunk.strip()))
    names = []
    for name in _NAME_SPLIT.split(chunk):
        name = _TRAILING_RE.sub("", name.strip(" \u3000"))
        if name[:1] in "(（〔【[" and not re.search(r"[)）〕】\]]", name):
            name = name[1:]  # a bracket opened on this line and closed on the next
        if name:
            names.append(name)
    return _share_suffix(names)


_BARE_PLACE_RE = re.compile(r"^[\u4e00-\u9fa5]{2,3}$")


def _share_suffix(names: list[str]) -> list[str]:
    """Place names listed before one full name share its ending: “临汾、侯马、洪洞经济开发区
    管委会” is three 管委会, “济南、青岛、烟台市政府” three city governments."""
    out = list(names)
    for i in range(len(out) - 1, 0, -1):
        last, before = out[i], out[i - 1]
        if not (_BARE_PLACE_RE.match(before) and not _UNIT_END_RE.search(before) and not before.startswith("各")
                and _UNIT_END_RE.search(last) and len(last) > len(before) + 1):
            continue
        suffix = last[len(before):]
        j = i - 1
        while j >= 0 and _BARE_PLACE_RE.match(out[j]) and not _UNIT_END_RE.search(out[j]):
            out[j] += suffix
            j -= 1
    return out


def _looks_like_unit(name: str, gazetteer: Gazetteer) -> bool:
    """A known unit, a name ending like one (…局, …委员会), or a collective (各镇（街道）)."""
    bare = _PAREN_TAIL_RE.sub("", name)
    return (gazetteer.canonical(name) is not None or bool(_UNIT_END_RE.search(bare))
            or outside_kind(bare) is not None or bool(_PLACE_BODY_RE.match(bare))
            or (bare.startswith("各") and 2 <= len(bare) <= 16))


def _restore(names: list[str], gazetteer: Gazetteer, prefix: str | None = None) -> tuple[list[str], str | None]:
    """Restore the prefix a list elides after its first name (“市发改委、工信局” → 市工信局).

    Returns the names and the prefix in force after them, to carry into the next list.
    """
    region = gazetteer.region or ""
    stem = region[:-1] if len(region) > 2 and region[-1] in "市县区" else region  # 常州市 → 常州
    restored = []
    for written in names:
        mark = _LEAD_MARK_RE.search(written)
        name = written[: mark.start()] if mark else written
        own = _PREFIX_RE.match(name)
        own_prefix = "市" if own is None or own.group(1) == "市委" else own.group(1)
        if gazetteer.canonical(name) is not None:
            prefix = own_prefix if own or (region and name.startswith(region)) else prefix
        elif prefix and gazetteer.canonical(prefix + name) is not None:
            name = prefix + name
        elif own or (region and name.startswith(region)):
            prefix = own_prefix
        elif (prefix and not _OWN_PREFIX_RE.match(name) and not (stem and name.startswith(stem))
              and _UNIT_END_RE.search(name) and outside_kind(name, region) is None
              and not _PLACED_BRANCH_RE.match(name) and not _LOCAL_BODY_RE.search(name)
              and not _GENERIC_COLLECTIVE_RE.match(name)):
            name = prefix + name
        restored.append(name + (mark.group() if mark else ""))
    return restored, prefix


def _split_joined(name: str, gazetteer: Gazetteer) -> list[str]:
    """“市法院和检察院” is two units; “市自然资源和规划局” is one (known, or not unit-like halves)."""
    if gazetteer.canonical(name) is not None:
        return [name]
    for sep in "和及与":
        halves = name.split(sep)
        if len(halves) > 1 and all(h and _UNIT_END_RE.search(h) and h not in _GENERIC for h in halves):
            return halves
    return [name]


def _verb_roles(sentence: str, gazetteer: Gazetteer) -> dict[str, list[str]]:
    """Roles of a verb-form sentence: names carry forward until a part ends with a role verb."""
    roles: dict[str, list[str]] = {}
    pending: list[str] = []
    last_role = prefix = None
    for part in _PART_SPLIT.split(sentence):
        part = part.strip()
        match = _ENDING_RE.search(part)
        if match:
            last_role = _ENDING_ROLE[match.group()]
            part = part[: match.start()]
        if phrases.WITH_PARTNERS[0] in part:
            # “市生态环境局会同市工信局负责”: the first leads, the ones it works with cooperate.
            leader, _, partners = part.partition(phrases.WITH_PARTNERS[0])
            for role, chunk in (("lead", leader), ("cooperating", partners)):
                names, prefix = _restore([n for n in _split_names(chunk) if _looks_like_unit(n, gazetteer)],
                                         gazetteer, prefix)
                roles.setdefault(role, []).extend(names)
            last_role = "cooperating"
            continue
        names = [n for chunk in _split_names(part) for n in _split_joined(chunk, gazetteer)]
        names, prefix = _restore([n for n in names if _looks_like_unit(n, gazetteer)], gazetteer, prefix)
        pending += names
        if match and pending and match.group() in phrases.DEPARTMENTS_ROLE and not any(
                phrases.GOVERNMENT_RE.search(n) for n in pending):
            last_role = phrases.DEPARTMENTS_ROLE[match.group()]
        if match and pending:
            roles.setdefault(last_role, []).extend(pending)
            pending = []
    if pending:
        # Names with no verb after them: cooperating when a lead was named, else the lead.
        roles.setdefault("cooperating" if last_role == "lead" else "lead", []).extend(pending)
    return roles


def first_listed_leads(text: str) -> str | None:
    """Whether the document says the first unit of each 责任单位 list is the lead: ``"first"``
    (排在第一位的), ``"front"`` (排在前位的: the names before the list's first comma), or None."""
    if _FIRST_LEADS_RE.search(text) is not None:
        return "first"
    return "front" if _FRONT_LEADS_RE.search(text) is not None else None


# Under a 责任单位 label the label says what the names are: a district (鄂城区), a sub-district
# office (西山街办) or a works (鄂州球团厂) is a unit there, though not in running text.
_LABELLED_UNIT_RE = re.compile(r"^[\u4e00-\u9fa5]{1,12}(?:区|县|镇|乡|街道|街办|厂|矿)$")


def _names_of(body: str, gazetteer: Gazetteer, prefix: str | None) -> tuple[list[str], str | None]:
    body = _ENDING_RE.sub("", _PART_SPLIT.sub("、", body.strip(" ，,")))
    names = [n for chunk in _split_names(body) for n in _split_joined(chunk, gazetteer)]
    return _restore([n for n in names if _looks_like_unit(_LEAD_MARK_RE.sub("", n), gazetteer)
                     or _LABELLED_UNIT_RE.match(n)], gazetteer, prefix)


def _label_roles(sentence: str, gazetteer: Gazetteer, first_leads: str | bool | None = None,
                 lead_named: bool = False) -> dict[str, list[str]]:
    """Roles of labelled lists; ``lead_named``: another sentence of the clause has a 牵头单位 label
    (“牵头单位：市城管局；责任单位：各区人民政府”), so 责任单位 cooperate."""
    roles: dict[str, list[str]] = {}
    prefix = None
    front = 0  # under 排在前位: how many names the responsible list's first comma part holds
    marks = list(_LABEL_RE.finditer(sentence))
    for mark, following in zip(marks, marks[1:] + [None]):
        body = sentence[mark.end(): following.start() if following else None]
        body = _BRACKETED_ROLE_RE.sub(r"\1", body)  # “A、B（按职责分工负责）” → “A、B按职责分工负责”
        if _LABELS[mark.group(1)] == "responsible" and _names_roles(body):
            # “责任单位：市生态环境局牵头，各县（市、区）人民政府负责落实”: the roles are written out.
            for role, names in _verb_roles(body, gazetteer).items():
                roles.setdefault(role, []).extend(names)
            continue
        if _LABELS[mark.group(1)] == "responsible" and first_leads == "front" and _PART_SPLIT.search(body.strip(" ，,")):
            front = len(_names_of(_PART_SPLIT.split(body.strip(" ，,"))[0], gazetteer, prefix)[0])
        names, prefix = _names_of(body, gazetteer, prefix)
        roles.setdefault(_LABELS[mark.group(1)], []).extend(names)
    if "responsible" in roles:
        # 责任单位 is the lead unless the same clause names a separate 牵头单位.
        leads, others = split_lead_marks(roles.pop("responsible"))
        if first_leads and not (leads or roles.get("lead")) and len(others) > 1:
            cut = front or 1
            leads, others = others[:cut], others[cut:]
        has_lead = bool(roles.get("lead") or leads or lead_named)
        roles.setdefault("lead", []).extend(leads)
        roles.setdefault("cooperating" if has_lead else "lead", []).extend(others)
    return {role: names for role, names in roles.items() if names}


_BRACKETED_ROLE_RE = re.compile(r"[（(]((?!牵头[）)])(?:%s))[）)]" % "|".join(p for p, *_ in phrases.ROLE_ENDINGS))


def _names_roles(body: str) -> bool:
    """Whether a labelled list writes its roles out: a comma part ends with 牵头, 配合, 负责落实…"""
    return any(_ENDING_RE.search(part.strip()) for part in _PART_SPLIT.split(body.strip(" ，,")))


def _promote_first(roles: dict[str, list[str]]) -> dict[str, list[str]]:
    """Under “列第一位者为牵头单位”: the first named unit of a list without a 牵头 leads (a
    collective such as 各省级人民政府 or 各有关部门 is not promoted)."""
    if "lead" in roles or not roles:
        return roles
    role, names = next(iter(roles.items()))
    if not names or names[0].startswith("各") or re.search(r"有关|相关", names[0]):
        return roles
    promoted = {"lead": [names[0]]}
    for key, value in roles.items():
        rest = value[1:] if key == role else value
        if rest:
            promoted[key] = rest
    return promoted


def split_lead_marks(names: list[str]) -> tuple[list[str], list[str]]:
    """Names marked “（牵头）” in a list of responsible units, and the others."""
    leads = [_LEAD_MARK_RE.sub("", n) for n in names if _LEAD_MARK_RE.search(n)]
    return leads, [n for n in names if not _LEAD_MARK_RE.search(n)]


def parse_clause(text: str, gazetteer: Gazetteer, first_leads: str | bool | None = None
                 ) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Roles (written names, prefixes restored) of one clause, and its standing part if any.

    ``first_leads``: the plan says the first unit of a 责任单位 list leads (:func:`first_listed_leads`).
    A unit listed as lead or cooperating that the clause's standing part names takes its standing
    role here too (“责任单位：…，各镇街区。以下均需各镇街区落实”: 各镇街区 implement this task as
    every later one), not a second one; a role written with a verb (“…负责”) stays.
    """
    roles: dict[str, list[str]] = {}
    standing: dict[str, list[str]] = {}
    lead_named = any(_LABELS[m.group(1)] == "lead" for m in _LABEL_RE.finditer(text))
    for sentence in _SENTENCE_SPLIT.split(text):
        if not sentence.strip():
            continue
        if (_FIRST_LEADS_RE.search(sentence) or _FRONT_LEADS_RE.search(sentence)) and not _LABEL_RE.search(sentence):
            continue  # the document-wide rule itself (“列第一位者为牵头单位，下同”) names no unit
        if _LABEL_RE.search(sentence):
            found = _label_roles(sentence, gazetteer, first_leads, lead_named)
        else:
            found = _verb_roles(sentence, gazetteer)
            found = _promote_first(found) if first_leads else found
        target = standing if _STANDING_RE.search(sentence) else roles
        for role, names in found.items():
            target.setdefault(role, []).extend(names)
    standing_role = {n: role for role, names in standing.items() for n in names}
    roles = {role: kept for role, names in roles.items()
             if (kept := [n for n in names if role not in ("lead", "cooperating") or standing_role.get(n, role) == role])}
    return roles, standing


def _is_clause(roles: dict, standing: dict, content: str, gazetteer: Gazetteer | None = None) -> bool:
    return bool(roles or standing) and bool(_ENDING_RE.search(content) or _LABEL_RE.search(content)
                                             or re.search(r"负责|牵头|配合|参与|协同", content)
                                             or (gazetteer is not None and _only_units(content, gazetteer)))


_NOT_A_NAME_RE = re.compile(r"^(?:含|包括|即|如|以下|简称|其中|不含)")


def _only_units(content: str, gazetteer: Gazetteer) -> bool:
    """A closing group that only lists units, with no role word (“（县财政局、县生态环境分局，
    各乡镇人民政府）”): the units responsible, read as a 责任单位 list."""
    names = [n for part in _PART_SPLIT.split(content) for n in _split_names(part)]
    return bool(names) and all(not _NOT_A_NAME_RE.match(n) and _looks_like_unit(n, gazetteer)
                               and (gazetteer.canonical(n) or _UNIT_END_RE.search(_PAREN_TAIL_RE.sub("", n))
                                    or phrases.GOVERNMENT_RE.search(n))
                               for n in names)


def find_clause(paragraph: str, offset: int, gazetteer: Gazetteer, first_leads: str | bool | None = None
                ) -> Clause | None:
    """The responsibility clause of one paragraph: a closing parenthesis group, else a label
    line, else a closing sentence of units and roles (the first of them that names a unit: a
    closing “（园区）” that ends a unit's name is no clause)."""
    tail = _TAIL_RE.search(paragraph)
    tail_start = tail.start() if tail else -1
    for content, start, end in _candidates(paragraph, gazetteer):
        roles, standing = parse_clause(content, gazetteer, first_leads)
        if _is_clause(roles, standing, content, gazetteer if start == tail_start else None):
            return Clause(start=offset + start, end=offset + end, text=content, roles=roles, standing=standing)
    return None


#: Labels after a unit label that name no unit: a time, or a person (牵头领导：王某某).
_OTHER_LABEL_RE = re.compile(r"^(?:完成时限|完成时间|时间节点|时限要求|时限|牵头领导|责任领导|分管领导|责任人)\s*[:：]")


def _candidates(paragraph: str, gazetteer: Gazetteer):
    tail = _TAIL_RE.search(paragraph)
    if tail is not None:
        yield tail.group(1), tail.start(), tail.end()
    label = _LABEL_RE.search(paragraph)
    if label:
        # A label line (牵头单位：…) or a label closing the paragraph (…改造。责任单位：…), maybe
        # followed by other labels only (…。完成时限：年底前。).
        head, *rest = paragraph[label.start():].rstrip().rstrip("。").split("。")
        if all(_OTHER_LABEL_RE.match(r.strip()) or _LABEL_RE.match(r.strip()) for r in rest):
            units = [head] + [r.strip() for r in rest if _LABEL_RE.match(r.strip())]
            yield "；".join(units), label.start(), len(paragraph.rstrip())
    if tail is None and (sentence := _role_sentence(paragraph, gazetteer)) is not None:
        # A plain sentence closing the paragraph: “市生态环境局牵头，市水利局配合。”
        yield sentence


_LAST_SENTENCE_RE = re.compile(r"(?:^|(?<=[。；;]))([^。；;]{2,80})[。；;]?\s*$")


def _role_sentence(paragraph: str, gazetteer: Gazetteer) -> tuple[str, int, int] | None:
    """The paragraph's last sentence when it only names units and their roles: every comma
    part is unit names ended by a role phrase (“市生态环境局负责。”, “各县（市、区）分别负责。”)."""
    found = _LAST_SENTENCE_RE.search(paragraph.rstrip())
    if found is None:
        return None
    content = found.group(1).strip()
    for part in _PART_SPLIT.split(content):
        ending = _ENDING_RE.search(part.strip())
        names = _split_names(part.strip()[: ending.start()]) if ending else []
        if not names or not all(_looks_like_unit(n, gazetteer) for n in names):
            return None
    return content, found.start(1), found.end()


def find_clauses(paragraph: str, offset: int, gazetteer: Gazetteer, first_leads: str | bool | None = None
                 ) -> list[Clause]:
    """Every clause of a paragraph: the closing one, and groups inside it that are clauses
    beyond doubt (a 牵头单位： label, or names ended by a role verb), as in
    “①…（市发改委牵头）；②…（市工信局牵头）。”."""
    closing = find_clause(paragraph, offset, gazetteer, first_leads)
    found = []
    for group in _GROUP_RE.finditer(paragraph):
        content = group.group(1).strip()
        if closing and offset + group.start() >= closing.start:
            break
        if not (_LABEL_RE.match(content) or _ends_a_sentence_with_a_role(content)):
            continue
        roles, standing = parse_clause(content, gazetteer, first_leads)
        if roles or standing:
            found.append(Clause(offset + group.start(), offset + group.end(), content, roles, standing))
    return found + ([closing] if closing else [])


def _ends_a_sentence_with_a_role(content: str) -> bool:
    """A group whose sentences name roles: “〔市生态环境局牵头，…负责落实。以下各项工作均需…，
    不再列出。〕” ends with its standing clause, not with a role phrase."""
    return any(_ENDING_RE.search(s.strip()) for s in _SENTENCE_SPLIT.split(content))


def parse_names(cell: str, gazetteer: Gazetteer) -> list[str]:
    """Written unit names of a table cell (“市发改委、工信局等” → 市发改委, 市工信局).

    A “（牵头）” mark stays on its name; :func:`split_lead_marks` sorts them out.
    """
    body = _ENDING_RE.sub("", _PART_SPLIT.sub("、", re.sub(r"\s+", "、", cell.strip())))
    names = [n for chunk in _split_names(body) for n in _split_joined(chunk, gazetteer)]
    return _restore(names, gazetteer)[0]
