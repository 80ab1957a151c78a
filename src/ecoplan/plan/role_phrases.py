"""Every way a plan says who does a task, in one table (issue 18).

Each phrase has its role and an example clause as plans write it; ``tests/plan/parse/
test_role_phrases.py`` parses every example. Roles follow the verbs of the
《党政机关公文处理工作条例》 style: 牵头 → lead, 配合/参与/参加/协同/协助/指导 → cooperating,
按职责分工（负责/落实） and 负责 alone → shared, 负责落实/具体实施/分头落实 → implementers; 主管 (in
charge) → lead, 属地监管/属地监督 (supervision by the place, 属地监视 in reworded copies) → implementers.
"""

from __future__ import annotations

import re

#: (phrase ending a list of names, role, example clause, a (role, unit) the example gives).
#: Longest first where one ends another (牵头负责 before 负责, 负责落实 before 落实).
ROLE_ENDINGS: tuple[tuple[str, str, str, tuple[str, str]], ...] = (
    ("按职责分工负责", "shared", "市发改委、工信局按职责分工负责", ("shared", "市工信局")),
    ("按职能分工负责", "shared", "市发改委、工信局按职能分工负责", ("shared", "市工信局")),
    ("按照职责分工落实", "shared", "各地、各有关部门按照职责分工落实", ("shared", "各有关部门")),
    ("按职责分工落实", "shared", "市发改委、工信局按职责分工落实", ("shared", "市发改委")),
    ("按职责分工", "shared", "市发改委、工信局按职责分工", ("shared", "市工信局")),
    ("按职责负责", "shared", "市发改委、工信局按职责负责", ("shared", "市工信局")),
    ("分工负责", "shared", "市发改委、工信局分工负责", ("shared", "市工信局")),
    ("各负其责", "shared", "市发改委、工信局各负其责", ("shared", "市工信局")),
    ("属地监管", "implementers", "市生态环境局主管，各镇属地监管", ("implementers", "各镇")),
    ("属地监督", "implementers", "市生态环境局主管，各镇属地监督", ("implementers", "各镇")),
    ("属地监视", "implementers", "环保部门主管，各村属地监视", ("implementers", "各村")),
    ("属地负责", "implementers", "市生态环境局牵头，各镇属地负责", ("implementers", "各镇")),
    ("负责落实", "implementers", "各辖市区人民政府负责落实", ("implementers", "各辖市区人民政府")),
    ("具体落实", "implementers", "各辖市区人民政府具体落实", ("implementers", "各辖市区人民政府")),
    ("具体负责", "implementers", "县水利局牵头，各乡镇人民政府具体负责", ("implementers", "各乡镇人民政府")),
    ("具体实施", "implementers", "省大数据局牵头，省有关部门具体实施", ("implementers", "省有关部门")),
    ("抓好落实", "implementers", "各辖市区人民政府抓好落实", ("implementers", "各辖市区人民政府")),
    ("分头落实", "implementers", "各县区人民政府分头落实", ("implementers", "各县区人民政府")),
    ("分别负责", "implementers", "市生态环境局牵头，各县（市、区）分别负责", ("implementers", "各县（市、区）")),
    ("负责实施", "implementers", "各辖市区人民政府负责实施", ("implementers", "各辖市区人民政府")),
    ("组织实施", "implementers", "各辖市区人民政府组织实施", ("implementers", "各辖市区人民政府")),
    ("落实", "implementers", "省生态环境厅牵头，各市政府落实", ("implementers", "各市政府")),
    ("总牵头", "lead", "省发改委总牵头", ("lead", "省发改委")),
    ("牵头督导", "lead", "市生态环境局牵头督导，市水利局配合", ("lead", "市生态环境局")),
    ("牵头负责", "lead", "市生态环境局牵头负责", ("lead", "市生态环境局")),
    ("牵头", "lead", "市生态环境局牵头，市水利局、市住建局配合", ("lead", "市生态环境局")),
    ("主管", "lead", "市生态环境局主管，市水利局参与", ("lead", "市生态环境局")),
    ("负责", "shared", "市生态环境局、市水利局负责", ("shared", "市水利局")),
    ("配合实施", "cooperating", "市发改委牵头，工信局配合实施", ("cooperating", "市工信局")),
    ("配合", "cooperating", "市生态环境局牵头，市水利局、市住建局配合", ("cooperating", "市住建局")),
    ("参与", "cooperating", "市生态环境局牵头，市水利局参与", ("cooperating", "市水利局")),
    ("参加", "cooperating", "市生态环境局牵头，市水利局参加", ("cooperating", "市水利局")),
    ("协同", "cooperating", "市生态环境局牵头，市水利局协同", ("cooperating", "市水利局")),
    ("协助", "cooperating", "市生态环境局牵头，市水利局协助", ("cooperating", "市水利局")),
    ("协办", "cooperating", "市生态环境局牵头，市水利局协办", ("cooperating", "市水利局")),
    ("指导", "cooperating", "省生态环境厅指导，市生态环境局牵头", ("cooperating", "省生态环境厅")),
)

#: "A会同B负责" / "A会同B": A leads, B cooperates (responsibility._verb_roles).
WITH_PARTNERS = ("会同", "市生态环境局会同市工业和信息化局负责",
                 {"lead": ["市生态环境局"], "cooperating": ["市工业和信息化局"]})

#: Phrases whose role depends on who is named: governments "分别负责" their own areas
#: (implementers, the table's role), departments "分别负责" their own parts of the task (shared):
#: "市发改局、市住建局分别负责".
DEPARTMENTS_ROLE = {"分别负责": "shared"}
DEPARTMENTS_EXAMPLE = ("市发改局、市住建局分别负责", ("shared", "市发改局"))
#: Names of governments and areas, as opposed to departments (各县（市、区）, 各镇人民政府).
GOVERNMENT_RE = re.compile(r"^各|政府|管委会|(?:乡镇|街道|县|区|市)(?:[（(][^）)]*[）)])?$")

#: Labels (牵头单位：…). 责任单位 is the lead unless the clause names a separate 牵头单位.
LABELS: tuple[tuple[str, str, str, tuple[str, str]], ...] = (
    ("牵头单位", "lead", "牵头单位：市生态环境局", ("lead", "市生态环境局")),
    ("牵头部门", "lead", "牵头部门：市生态环境局", ("lead", "市生态环境局")),
    ("主责单位", "lead", "主责单位：市生态环境局", ("lead", "市生态环境局")),
    ("主办单位", "lead", "主办单位：市生态环境局", ("lead", "市生态环境局")),
    ("主体责任单位", "responsible", "主体责任单位：市生态环境局", ("lead", "市生态环境局")),
    ("责任单位", "responsible", "责任单位：市生态环境局", ("lead", "市生态环境局")),
    ("责任部门", "responsible", "责任部门：市生态环境局", ("lead", "市生态环境局")),
    ("负责单位", "shared", "负责单位：发展改革委、能源局", ("shared", "能源局")),
    ("实施单位", "responsible", "实施单位：市生态环境局", ("lead", "市生态环境局")),
    ("配合单位", "cooperating", "牵头单位：市生态环境局；配合单位：市水利局", ("cooperating", "市水利局")),
    ("配合部门", "cooperating", "牵头单位：市生态环境局；配合部门：市水利局", ("cooperating", "市水利局")),
    ("协办单位", "cooperating", "牵头单位：市生态环境局；协办单位：市水利局", ("cooperating", "市水利局")),
    ("参与单位", "cooperating", "牵头单位：市生态环境局；参与单位：市水利局", ("cooperating", "市水利局")),
    ("参加单位", "cooperating", "牵头单位：省卫生健康委，参加单位：省大数据局", ("cooperating", "省大数据局")),
    ("协同单位", "cooperating", "牵头单位：市生态环境局；协同单位：市水利局", ("cooperating", "市水利局")),
    ("协作部门", "cooperating", "牵头部门：市生态环境局；协作部门：市水利局", ("cooperating", "市水利局")),
    ("协作单位", "cooperating", "牵头单位：市生态环境局；协作单位：市水利局", ("cooperating", "市水利局")),
    ("落实单位", "implementers", "牵头单位：市生态环境局；落实单位：各辖市区人民政府",
     ("implementers", "各辖市区人民政府")),
)

#: Document-wide rules: "列第一位者为牵头单位，下同", "排在第一位的为牵头单位".
FIRST_LEADS_RE = re.compile(r"(?:列|排)?(?:在)?(?:第一|首)[位个名]?(?:者|的)?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)?")
FIRST_LEADS_EXAMPLE = "人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同"
#: "排在前位为牵头部门", "排在前面的为牵头单位": the names before the list's first comma lead
#: (a list grouped by commas: "市环保局、市国土资源局，市财政局、市农业局，各镇街区").
FRONT_LEADS_RE = re.compile(r"(?:列|排)(?:在)?(?:前位|前面|最前|前列)(?:者|的)?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)?")
FRONT_LEADS_EXAMPLE = ("责任单位：市环保局、市国土资源局，市财政局、市农业局，各镇街区。排在前位为牵头部门，下同",
                       ("lead", "市国土资源局"))

#: Document-wide rules for lists without a lead: "未明确牵头单位的，由所列负责单位按职责分工负责，下同"
#: (the listed units share the task); the rule itself names no unit.
LISTED_SHARE_RE = re.compile(r"由所列(?:负责|责任)?(?:单位|部门)")
LISTED_SHARE_EXAMPLE = ("负责单位：发展改革委、能源局。未明确牵头单位的，由所列负责单位按职责分工负责，下同",
                        ("shared", "发展改革委"))

#: A section heading's overall lead ("一、加快调整能源结构(省发改委总牵头)"): it leads every task
#: under the heading, and the heading's clause does not make the heading a task.
OVERALL_LEAD_RE = re.compile(r"总牵头")

#: Standing clauses: what they say holds for every later task (以下均需…，不再列出).
STANDING_RE = re.compile(r"以下均|以下各项|不再列出|不再一一列出|下同")
STANDING_EXAMPLES = ("以下均需各乡镇(园区)负责落实，不再列出", "以下各项工作均需各县区人民政府落实")

ENDING_ROLE = {phrase: role for phrase, role, _, _ in ROLE_ENDINGS}
ENDING_RE = re.compile("(?:%s)$" % "|".join(phrase for phrase, *_ in ROLE_ENDINGS))
LABEL_ROLE = {label: role for label, role, _, _ in LABELS}
LABEL_RE = re.compile(r"(%s)\s*[:：]" % "|".join(label for label, *_ in LABELS))
