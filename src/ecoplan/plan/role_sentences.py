"""Sentences that only name units and their roles (“市生态环境局牵头，市水利局配合。”), wherever
they stand in a paragraph, and the parts of a sentence that do so (“…年底前完成，市环保局牵头。”):
the predicates :mod:`ecoplan.plan.responsibility` reads them with.
"""

from __future__ import annotations

import re

from ecoplan.plan.gazetteer import Gazetteer
from ecoplan.plan.role_phrases import ENDING_RE
from ecoplan.plan.unit_names import PAREN_TAIL_RE, UNIT_END_RE, looks_like_unit, split_names

_PART_SPLIT = re.compile(r"[，,]")


#: A department written by its function only ("市场监管、综合执法参与"): a unit when another part
#: of its sentence names a unit (the sentence assigns roles); not the public or businesses.
_ABBREVIATED_RE = re.compile(r"^(?!企业|社会|公众|群众|全民|政府|个人|居民|村民|市民)[\u4e00-\u9fff]{2,4}$")


def abbreviated(part: str, sentence: str, gazetteer: Gazetteer) -> list[str]:
    """Names of a part ended by a role phrase that are departments written by their function."""
    ending = ENDING_RE.search(part.strip())
    if ending is None:
        return []
    names = split_names(part.strip()[: ending.start()])
    others = [n for p in _PART_SPLIT.split(sentence) if p.strip() != part.strip()
              for n in split_names(ENDING_RE.sub("", p.strip()))]
    if names and all(_ABBREVIATED_RE.match(n) for n in names) and any(
            UNIT_END_RE.search(n) or gazetteer.canonical(n) for n in others):
        return names
    return []


_LAST_SENTENCE_RE = re.compile(r"(?:^|(?<=[。；;]))([^。；;]{2,80})[。；;]?\s*$")


def last_role_sentence(paragraph: str, gazetteer: Gazetteer) -> tuple[str, int, int] | None:
    """The paragraph's last sentence when it only names units and their roles: every comma
    part is unit names ended by a role phrase (“市生态环境局负责。”, “各县（市、区）分别负责。”)."""
    found = _LAST_SENTENCE_RE.search(paragraph.rstrip())
    if found is None or not names_roles_only(content := found.group(1).strip(), gazetteer):
        return None
    return content, found.start(1), found.end()


def names_roles_only(content: str, gazetteer: Gazetteer, strict: bool = False) -> bool:
    """Whether every comma part of a sentence is unit names ended by a role phrase; ``strict``
    (a sentence inside a paragraph): each name a known unit or ending as a body's or a place's
    name does ("各部门按职责分工抓好落实" is a manner of working, not a unit)."""
    for part in _PART_SPLIT.split(content):
        ending = ENDING_RE.search(part.strip())
        names = split_names(part.strip()[: ending.start()]) if ending else []
        if not names or not (all(looks_like_unit(n, gazetteer) for n in names) or abbreviated(part, content, gazetteer)):
            return False
        if strict and not all(_named_body(n, gazetteer) for n in names):
            return False
    return True


def _named_body(name: str, gazetteer: Gazetteer) -> bool:
    bare = PAREN_TAIL_RE.sub("", name)
    return bool(gazetteer.canonical(name) or UNIT_END_RE.search(bare) or re.search(r"(?:镇|乡|街道|区|县|市)$", bare))


#: A unit told to take charge of what follows, opening a comma part: "农业部门要负责协调相关企业"
#: (shared: its part of the task); not "…主要负责同志", "负责人".
#: Opening its sentence, a unit's duty needs no 要: "县交警大队负责禁行区域内标识的日常管理".
_DUTY_RE = re.compile(r"(?:^|(?<=[，,]))\s*(?P<names>[\u4e00-\u9fff]{2,12}?)(?:要|应|应当|须|需)负责(?!同志|人)(?=[\u4e00-\u9fff])"
                      r"|^\s*(?!由)(?P<opening>[\u4e00-\u9fff]{2,12}?(?:局|委|办|队|厅|中心|站|所))负责(?!同志|人)(?=[\u4e00-\u9fff])")


def duty(sentence: str, gazetteer: Gazetteer) -> re.Match | None:
    m = _DUTY_RE.search(sentence)
    return m if m is not None and looks_like_unit(m["names"] or m["opening"], gazetteer) else None


def role_tail(sentence: str, gazetteer: Gazetteer) -> int:
    """Where the comma parts ending ``sentence`` that only name units and roles start (“…年底前
    完成，市环保局牵头，市农业局配合”: at 市环保局), or its length when its last part does not."""
    parts = list(re.finditer(r"[^，,]+", sentence))
    at = len(sentence)
    for part in reversed(parts):
        if not names_roles_only(part.group(), gazetteer, strict=True):
            break
        at = part.start()
    return at


#: "具体工作由A、B会同C、D…等部门负责" inside a sentence: A and B lead, C and D cooperate.
_BY_WITH_RE = re.compile(r"(?<=由)(?P<leads>[^，,。；;由]{2,80}?)会同(?P<partners>[^，,。；;]{2,200}?)"
                         r"(?:等(?:有关)?部门)?(?:共同)?负责(?=[，,。；;]|$)")


def by_with_partners(sentence: str, gazetteer: Gazetteer) -> re.Match | None:
    """A comma part assigning the work "由A会同B负责" anywhere in a sentence, every name a body's."""
    m = _BY_WITH_RE.search(sentence)
    if m is None:
        return None
    names = split_names(m["leads"]) + split_names(m["partners"])
    return m if names and all(looks_like_unit(n, gazetteer) for n in names) else None


#: A comma part giving the work to units by 由 and a role verb followed by the work: "由区农业局
#: 牵头引进…", "由区农业局、区国土局、区建设局等部门负责落实…选址"; a collective opening a comma
#: part with 负责 and the work: "各相关乡镇(街道)负责加工点临时占地的租用" (its share); not the drafting
#: of the plan itself ("由镇环保办负责起草", how the plan was made). A part ends at
#: a comma or a full stop written "." between words (a PDF's or a site's text).
_PART_RE = re.compile(r"[^，,。；;]+?(?=[，,。；;]|(?<=\D)\.(?=\D)|$)")
_BY_ROLE_RE = re.compile(r"^\s*\.?由(?P<names>[^，,。；;由]{2,80}?)(?:等(?:有关|相关)?(?:部门和单位|部门|单位))?"
                         r"(?P<verb>牵头|负责落实|具体负责|负责|配合|参与)(?!同志|人|起草)(?=[\u4e00-\u9fff])")
_COLLECTIVE_DUTY_RE = re.compile(r"^\s*\.?(?P<names>各[\u4e00-\u9fff（）()]{1,12}?)负责(?!同志|人)(?=[\u4e00-\u9fff])")
_BY_VERB_ROLE = {"牵头": "lead", "负责落实": "implementers", "具体负责": "implementers", "负责": "shared",
                 "配合": "cooperating", "参与": "cooperating"}


def by_roles(sentence: str, gazetteer: Gazetteer) -> list[tuple[int, int, dict[str, list[str]]]]:
    """Comma parts of ``sentence`` assigning its work by 由…牵头/负责落实/负责 + the work, or by a
    collective's 负责 + the work: (start, end, roles) each, every name a body's; [] if none."""
    found = []
    for part in _PART_RE.finditer(sentence):
        m = _BY_ROLE_RE.match(part.group()) or _COLLECTIVE_DUTY_RE.match(part.group())
        if m is None or "会同" in m["names"]:
            continue  # "由A会同B负责…": by_with_partners
        names = split_names(m["names"])
        if not names or not all(looks_like_unit(n, gazetteer) for n in names):
            continue
        role = _BY_VERB_ROLE[m["verb"]] if "verb" in m.groupdict() else "shared"
        found.append((part.start(), part.end(), {role: names}))
    return found
