"""Names of the tags checklist items carry (models/tags.py): the indicators,
the acceptance dimensions and the 三化 dimensions."""

_INDICATORS = {
    "nb.culture": ("邻里特色文化", "Neighbourhood culture"),
    "nb.sharing": ("邻里开放共享", "Open sharing among neighbours"),
    "nb.mutual_aid": ("邻里互助生活", "Neighbourly mutual aid"),
    "edu.childcare": ("托育全覆盖（0—3岁）", "Childcare for all (ages 0–3)"),
    "edu.kindergarten": ("幼小扩容提质", "More and better kindergarten and primary places"),
    "edu.lifelong": ("幸福学堂全龄覆盖", "Learning for every age"),
    "edu.knowledge": ("知识在身边", "Knowledge close at hand"),
    "hl.sports": ("活力运动健身", "Sport and fitness"),
    "hl.smart_health": ("智慧健康管理", "Smart health management"),
    "hl.medical": ("优质医疗服务", "Quality medical services"),
    "hl.elderly_care": ("居家养老助残", "Home care for the elderly and disabled"),
    "ent.space": ("创新创业空间", "Space for start-ups"),
    "ent.incubation": ("创业孵化服务", "Start-up incubation"),
    "ent.talent": ("人才落户机制", "Talent settlement"),
    "arch.cim": ("CIM数字化平台应用", "CIM digital platform"),
    "arch.intensive": ("空间集约开发", "Intensive use of space"),
    "arch.style": ("建筑特色风貌", "Architectural character"),
    "arch.prefab": ("装配式建筑与装修一体化", "Prefabricated building and fit-out"),
    "tr.circle": ("5、10、30分钟出行圈", "5-, 10- and 30-minute travel circles"),
    "tr.parking": ("智能共享停车", "Smart shared parking"),
    "tr.logistics": ("物流配送", "Logistics and delivery"),
    "lc.energy": ("多能集成", "Integrated energy"),
    "lc.saving": ("节约用能用水", "Saving energy and water"),
    "lc.zero_waste": ("循环无废", "Circular, zero waste"),
    "svc.property": ("物业可持续运营", "Sustainable property management"),
    "svc.commerce": ("社区商业", "Community commerce"),
    "svc.security": ("社区安防", "Community security"),
    "gov.mechanism": ("治理体制机制", "Governance system"),
    "gov.participation": ("居民参与", "Resident participation"),
    "gov.platform": ("数字精益管理平台", "Digital management platform"),
}
_DIMENSIONS = {
    "scenario_response": ("场景响应度", "Scenario response"),
    "platform_adoption": ("数字化平台落地性", "Digital platform adoption"),
    "operation": ("运营可持续性", "Operating sustainability"),
    "highlights": ("特色亮点塑造", "Distinctive highlights"),
}
_SANHUA = {"humane": ("人本化", "Human-centred"), "ecological": ("生态化", "Ecological"),
           "digital": ("数字化", "Digital")}


def _labels(index: int) -> dict[str, dict[str, str]]:
    return {f"Tag.{kind}": {code: names[index] for code, names in words.items()}
            for kind, words in (("indicator", _INDICATORS), ("dimension", _DIMENSIONS), ("sanhua", _SANHUA))}


LABELS = {"zh": _labels(0), "en": _labels(1)}

MESSAGES = {
    "zh": {
        "tags.kind.indicator": "指标", "tags.kind.dimension": "验收维度", "tags.kind.sanhua": "三化维度",
        "tags.field": "标签",
        "tags.kind_sep": "：",
        "xlsform.unknown_tag": "没有这个标签：“{tag}”（写作 类型:编号，如 dimension:operation）",
        "tags.report_field": "只含标签",
        "tags.report_all": "全部（不按标签筛选）",
        "report.bad_tag": "没有“{value}”这个标签（写作 类型:编号，如 dimension:operation，或写标签的名称，如 运营可持续性）",
        "validation.tag_twice": "标签“{tag}”重复",
        "field.tags": "标签",
        "checklists.problem.tag_unknown": "未知的标签“{tag}”",
        "tags.unknown": "未知的标签“{tag}”（应为 指标、验收维度 或 三化维度 中的一项，写作 类型:编号，如 dimension:operation）",
    },
    "en": {
        "tags.kind.indicator": "indicator", "tags.kind.dimension": "acceptance dimension",
        "tags.kind.sanhua": "three-way dimension",
        "tags.field": "tags",
        "tags.kind_sep": ": ",
        "xlsform.unknown_tag": "unknown tag '{tag}' (a tag is kind:code, e.g. dimension:operation)",
        "tags.report_field": "Only tagged",
        "tags.report_all": "All (not cut by tag)",
        "report.bad_tag": "there is no tag '{value}' (write kind:code, e.g. dimension:operation, or the tag's name, "
                          "e.g. Operating sustainability)",
        "validation.tag_twice": "tag '{tag}' given twice",
        "field.tags": "tags",
        "checklists.problem.tag_unknown": "unknown tag “{tag}”",
        "tags.unknown": "unknown tag '{tag}' (a tag is kind:code, an indicator, acceptance dimension or three-way "
                        "dimension, e.g. dimension:operation)",
    },
}
