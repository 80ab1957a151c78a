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
from ecoplan.plan import role_sentences
from ecoplan.plan.gazetteer import Gazetteer
from ecoplan.plan.unit_names import (LEAD_MARK_RE, PAREN_TAIL_RE, UNIT_END_RE, looks_like_unit,
                                     restore_prefixes, split_joined, split_names)

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
_STANDING_RE = phrases.STANDING_RE
_SENTENCE_SPLIT = re.compile(r"[。；;]")
_PART_SPLIT = re.compile(r"[，,]")


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
    unclosed: bool = False
    """Read from a bracket never closed before its paragraph's end (worth a warning)."""
    sentence: bool = False
    """A role sentence inside its paragraph: it governs the paragraph's text before it (from the
    previous such sentence on), not the whole paragraph."""


def _verb_roles(sentence: str, gazetteer: Gazetteer) -> dict[str, list[str]]:
    """Roles of a verb-form sentence: names carry forward until a part ends with a role verb."""
    roles: dict[str, list[str]] = {}
    pending: list[str] = []
    last_role = prefix = None
    for part in _PART_SPLIT.split(sentence):
        abbreviated = role_sentences.abbreviated(part, sentence, gazetteer)
        part = part.strip()
        match = _ENDING_RE.search(part)
        if match:
            last_role = _ENDING_ROLE[match.group()]
            part = part[: match.start()]
        if phrases.WITH_PARTNERS[0] in part:
            # “市生态环境局会同市工信局负责”: the first leads, the ones it works with cooperate.
            leader, _, partners = part.partition(phrases.WITH_PARTNERS[0])
            for role, chunk in (("lead", leader), ("cooperating", partners)):
                names, prefix = restore_prefixes([n for n in split_names(chunk) if looks_like_unit(n, gazetteer)],
                                         gazetteer, prefix)
                roles.setdefault(role, []).extend(names)
            last_role = "cooperating"
            continue
        names = [n for chunk in split_names(part) for n in split_joined(chunk, gazetteer)]
        names, prefix = restore_prefixes([n for n in names if looks_like_unit(n, gazetteer) or n in abbreviated],
                                         gazetteer, prefix)
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
# office (西山街办), a works (鄂州球团厂) or an office (镇工业办公室) is a unit there, though not in
# running text.
_LABELLED_UNIT_RE = re.compile(r"^[\u4e00-\u9fa5]{1,12}(?:区|县|镇|乡|街道|街办|厂|矿|办公室)$")


def _names_of(body: str, gazetteer: Gazetteer, prefix: str | None) -> tuple[list[str], str | None]:
    body = _ENDING_RE.sub("", _PART_SPLIT.sub("、", body.strip(" ，,")))
    names = [n for chunk in split_names(body) for n in split_joined(chunk, gazetteer)]
    return restore_prefixes([n for n in names if looks_like_unit(LEAD_MARK_RE.sub("", n), gazetteer)
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
        # Beside both a 牵头 and a 配合 label, the 责任单位 list names the implementers (as a
        # 责任单位 column beside a 牵头 and a 配合 column does).
        beside_both = bool(roles.get("lead")) and bool(roles.get("cooperating"))
        roles.setdefault("implementers" if beside_both else "cooperating" if has_lead else "lead", []).extend(others)
    return {role: names for role, names in roles.items() if names}


_BRACKETED_ROLE_RE = re.compile(r"[（(]((?!牵头[）)])(?:%s))[）)]" % "|".join(p for p, *_ in phrases.ROLE_ENDINGS))


def _names_roles(body: str) -> bool:
    """Whether a labelled list writes its roles out: a comma part ends with 牵头, 配合, 负责落实…"""
    return any(_ENDING_RE.search(part.strip()) for part in _PART_SPLIT.split(body.strip(" ，,")))


def _no_role_word(sentence: str) -> bool:
    """A bare list of names: no comma part ends with a role phrase, no 会同."""
    return phrases.WITH_PARTNERS[0] not in sentence and not any(
        _ENDING_RE.search(part.strip()) for part in _PART_SPLIT.split(sentence))


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
    leads = [LEAD_MARK_RE.sub("", n) for n in names if LEAD_MARK_RE.search(n)]
    return leads, [n for n in names if not LEAD_MARK_RE.search(n)]


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
        if (_FIRST_LEADS_RE.search(sentence) or _FRONT_LEADS_RE.search(sentence)
                or phrases.LISTED_SHARE_RE.search(sentence)) and not _LABEL_RE.search(sentence):
            continue  # the document-wide rule itself (“列第一位者为牵头单位，下同”) names no unit
        if _LABEL_RE.search(sentence):
            found = _label_roles(sentence, gazetteer, first_leads, lead_named)
        else:
            found = _verb_roles(sentence, gazetteer)
            found = _promote_first(found) if first_leads else found
            if first_leads in (True, "first") and _no_role_word(sentence) and len(found.get("lead", [])) > 1:
                # “（省经信委、省发改委。列第一位者为牵头部门）”: a bare list, the first leads, the others cooperate
                found = {"lead": found["lead"][:1], "cooperating": found["lead"][1:]}
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
    names = [n for part in _PART_SPLIT.split(content) for n in split_names(part)]
    return bool(names) and all(not _NOT_A_NAME_RE.match(n) and looks_like_unit(n, gazetteer)
                               and (gazetteer.canonical(n) or UNIT_END_RE.search(PAREN_TAIL_RE.sub("", n))
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
    if tail is None and (sentence := role_sentences.last_role_sentence(paragraph, gazetteer)) is not None:
        # A plain sentence closing the paragraph: “市生态环境局牵头，市水利局配合。”
        yield sentence


_SENTENCE_RE = re.compile(r"[^。；;]+")


def _inner_role_sentences(paragraph: str, offset: int, stop: int, gazetteer: Gazetteer,
                          first_leads) -> list[Clause]:
    """Role sentences inside a paragraph, before ``stop`` (its closing clause): “…建立监测网络。
    市生态环境局牵头，市水利局配合。在农用地方面，…”, each a clause of the text before it; and a
    standing sentence (“本方案部署的以下工作均需各区、县（市）政府落实，不再列出。”) among them."""
    found = []
    groups = [(g.start(), g.end()) for g in _GROUP_RE.finditer(paragraph)
              if re.search(r"牵头|配合|负责|落实|参与|[:：]", g.group(1))]  # not "各县（市）"
    for m in _SENTENCE_RE.finditer(paragraph, 0, max(0, stop)):
        if any(a < m.end() and m.start() < b for a, b in groups) or _OPEN_RE.search(paragraph, 0, m.start()):
            continue  # inside or across a bracket: the bracket's clause
        start = m.start() + role_sentences.role_tail(m.group(), gazetteer)
        content = paragraph[start:m.end()].strip()
        if not content and (duty := role_sentences.duty(m.group(), gazetteer)) is not None:
            at = m.start() + duty.start()
            found.append(Clause(offset + at, offset + at + len(duty.group()), duty.group(),
                                {"shared": [duty["names"] or duty["opening"]]}, sentence=True))
            continue
        if not content and (given := role_sentences.by_roles(m.group(), gazetteer)):
            found += [Clause(offset + m.start() + a, offset + m.start() + b, m.group()[a:b], roles, sentence=True)
                      for a, b, roles in given]
            continue
        if not content and (by := role_sentences.by_with_partners(m.group(), gazetteer)) is not None:
            at = m.start() + max(m.group().rfind(c, 0, by.start()) for c in "，,") + 1  # its comma part
            found.append(Clause(offset + at, offset + m.start() + by.end(), m.group()[at - m.start():by.end()],
                                parse_clause(by.group(), gazetteer)[0], sentence=True))
            continue
        standing = _STANDING_RE.search(m.group()) is not None
        if standing:
            start, content = m.start(), m.group().strip()
        if not content:
            continue
        roles, standing_roles = parse_clause(content, gazetteer, first_leads)
        if roles or standing_roles and standing:
            start += paragraph[start:].index(content[0])
            found.append(Clause(offset + start, offset + start + len(content), content, roles, standing_roles,
                                sentence=True))
    return found


#: A bracket still open (its closing mark further on, or lost).
_OPEN_RE = re.compile(r"[（(【〔\[［][^）)】〕\]］]*$")


def find_clauses(paragraph: str, offset: int, gazetteer: Gazetteer, first_leads: str | bool | None = None
                 ) -> list[Clause]:
    """Every clause of a paragraph: the closing one, and groups inside it that are clauses
    beyond doubt (a 牵头单位： label, or names ended by a role verb), as in
    “①…（市发改委牵头）；②…（市工信局牵头）。”."""
    closing = find_clause(paragraph, offset, gazetteer, first_leads) or _unclosed(paragraph, offset, gazetteer, first_leads)
    found = _inner_role_sentences(paragraph, offset, closing.start - offset if closing else len(paragraph),
                                  gazetteer, first_leads)
    for group in _GROUP_RE.finditer(paragraph):
        content = group.group(1).strip()
        if closing and offset + group.start() >= closing.start:
            break
        if not (_LABEL_RE.match(content) or _ends_a_sentence_with_a_role(content)):
            continue
        roles, standing = parse_clause(content, gazetteer, first_leads)
        if roles or standing:
            found.append(Clause(offset + group.start(), offset + group.end(), content, roles, standing))
    return sorted(found, key=lambda c: c.start) + ([closing] if closing else [])


# A bracket opened and never closed before the paragraph's end (its closing mark lost, or the
# text cut there): “…审查。〔市经信局、市发改委负责，各县(市、区)人民政府负责落实。以下均需…”.
_UNCLOSED_RE = re.compile(r"[（(【〔]((?:[^（）()【】〔〕]|[（(][^（）()]*[）)])+)$")


def _unclosed(paragraph: str, offset: int, gazetteer: Gazetteer, first_leads) -> Clause | None:
    text = paragraph.rstrip()
    m = _UNCLOSED_RE.search(text)
    if m is None or not (_LABEL_RE.match(m.group(1).strip()) or _ends_a_sentence_with_a_role(m.group(1))):
        return None
    roles, standing = parse_clause(m.group(1).strip(), gazetteer, first_leads)
    return Clause(offset + m.start(), offset + len(text), m.group(1).strip(), roles, standing,
                  unclosed=True) if roles else None


def _ends_a_sentence_with_a_role(content: str) -> bool:
    """A group whose sentences name roles: “〔市生态环境局牵头，…负责落实。以下各项工作均需…，
    不再列出。〕” ends with its standing clause, not with a role phrase."""
    return any(_ENDING_RE.search(s.strip()) for s in _SENTENCE_SPLIT.split(content))


def parse_names(cell: str, gazetteer: Gazetteer) -> list[str]:
    """Written unit names of a table cell (“市发改委、工信局等” → 市发改委, 市工信局).

    A “（牵头）” mark stays on its name; :func:`split_lead_marks` sorts them out.
    """
    body = _ENDING_RE.sub("", _PART_SPLIT.sub("、", re.sub(r"\s+", "、", cell.strip())))
    names = [n for chunk in split_names(body) for n in split_joined(chunk, gazetteer)]
    return restore_prefixes(names, gazetteer)[0]
