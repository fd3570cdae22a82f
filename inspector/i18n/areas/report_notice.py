"""Words of the rectification notices (整改通知书 / 问题交办单), office/reports/notices.py."""

MESSAGES = {
    "zh": {
        "report_notice.file.folder": "整改通知书",
        "report_notice.file.name": "{round} 整改通知书 {name}",
        "report_notice.city_name": "{city}市",
        "report_notice.city_office": "{city}市未来社区建设工作专班",
        "report_notice.issuer": "浙江省未来社区建设工作专班办公室",
        "report_notice.doc_number": "浙未来社区督〔{year}〕{n}号",
        "report_notice.title": "整改通知书",
        "report_notice.addressee": "{name}：",
        "report_notice.dates_one": "{day}",
        "report_notice.dates_span": "{first}至{last}",
        "report_notice.opening.city": ("根据全省未来社区建设督导工作安排，督导组于{dates}对你市{projects}开展了{round}现场督导。"
                                       "督导发现以下{count}个问题，现予交办，请督促责任单位按整改类型和整改时限认真整改。"),
        "report_notice.opening.unit": ("根据全省未来社区建设督导工作安排，督导组于{dates}对{projects}开展了{round}现场督导。"
                                       "督导发现你单位负责的以下{count}个问题，现予交办，请按整改类型和整改时限认真整改。"),
        "report_notice.opening.unassigned": ("根据全省未来社区建设督导工作安排，督导组于{dates}对你市{projects}开展了{round}现场督导。"
                                             "督导发现以下{count}个问题尚未明确责任单位，现予交办，请明确责任单位并督促整改。"),
        "report_notice.list_sep": "、",
        "report_notice.projects_many": "{named}等{count}个项目",
        "report_notice.problem_head": "{project}（{district}）",
        "report_notice.field.number": "问题编号：",
        "report_notice.field.description": "问题描述：",
        "report_notice.field.unit": "责任单位：",
        "report_notice.field.rectification": "整改类型：",
        "report_notice.field.deadline": "整改时限：",
        "report_notice.field.photos": "现场照片：",
        "report_notice.no_deadline": "长期坚持，无固定时限",
        "report_notice.no_unit": "未明确",
        "report_notice.photo_caption": "{name}{caption}",
        "report_notice.photo_missing": "（照片 {name} 无法读取，未附）",
        "report_notice.more_photos": "（另有 {count} 张照片，见照片档案）",
        "report_notice.reply": "请于{date}前将整改情况（含整改措施、佐证材料）书面报送{issuer}。",
        "report_notice.sheet_title": "问题交办单",
        "report_notice.sheet_to": "交办对象：{name}",
        "report_notice.sheet_number": "文　　号：{number}",
        "report_notice.col.project": "项目",
        "report_notice.date": "{y}年{m}月{d}日",
        "report_notice.months": "1月,2月,3月,4月,5月,6月,7月,8月,9月,10月,11月,12月",
    },
    "en": {
        "report_notice.file.folder": "notices",
        "report_notice.file.name": "{round} rectification notice {name}",
        "report_notice.city_name": "{city}",
        "report_notice.city_office": "{city} Future Community Task Force",
        "report_notice.issuer": "Zhejiang Future Community Task Force Office",
        "report_notice.doc_number": "ZJ Future Community Supervision [{year}] No. {n}",
        "report_notice.title": "Rectification Notice",
        "report_notice.addressee": "To {name}:",
        "report_notice.dates_one": "{day}",
        "report_notice.dates_span": "{first} to {last}",
        "report_notice.opening.city": (
            "Under the province's supervision plan for future communities, inspectors visited {projects} in your "
            "city from {dates} in supervision {round}. They found the {count} problem(s) below, handed to you "
            "herewith: please see that the responsible units rectify each by its type and deadline."),
        "report_notice.opening.unit": (
            "Under the province's supervision plan for future communities, inspectors visited {projects} from "
            "{dates} in supervision {round}. They found the {count} problem(s) below, for which your unit is "
            "responsible: please rectify each by its type and deadline."),
        "report_notice.opening.unassigned": (
            "Under the province's supervision plan for future communities, inspectors visited {projects} in your "
            "city from {dates} in supervision {round}. They found the {count} problem(s) below, which have no "
            "responsible unit yet: please name one and see that each is rectified."),
        "report_notice.list_sep": ", ",
        "report_notice.projects_many": "{named} and others ({count} projects)",
        "report_notice.problem_head": "{project} ({district})",
        "report_notice.field.number": "Number: ",
        "report_notice.field.description": "Problem: ",
        "report_notice.field.unit": "Responsible unit: ",
        "report_notice.field.rectification": "Rectification: ",
        "report_notice.field.deadline": "Deadline: ",
        "report_notice.field.photos": "Photos: ",
        "report_notice.no_deadline": "ongoing, no fixed deadline",
        "report_notice.no_unit": "not yet named",
        "report_notice.photo_caption": "{name}{caption}",
        "report_notice.photo_missing": "(photo {name} could not be read and is not attached)",
        "report_notice.more_photos": "({count} more photo(s) in the photo archive)",
        "report_notice.reply": ("Please report the rectification (measures taken and supporting evidence) in writing "
                                "to {issuer} by {date}."),
        "report_notice.sheet_title": "Problem Hand-over Sheet",
        "report_notice.sheet_to": "Handed to: {name}",
        "report_notice.sheet_number": "Reference: {number}",
        "report_notice.col.project": "Project",
        "report_notice.date": "{month} {d}, {y}",
        "report_notice.months": "January,February,March,April,May,June,July,August,September,October,November,December",
    },
}
