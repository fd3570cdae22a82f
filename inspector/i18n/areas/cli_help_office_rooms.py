"""Help texts of the office's rooms on the command line (review, conflicts,
innovations, ledger, units, vocabularies, staff), in both languages; see cli_help.py."""

_HELP = {
    # key: (zh, en)
    'help.office review confirm': (
        '确认记录（已确认）；确认的问题得到台账编号。',
        'Confirm records (已确认); a confirmed problem gets its ledger number.',
    ),
    'help.office review query': (
        '标记记录有疑问，须写 --comment。',
        'Mark records as having issues (有疑问), with a --comment.',
    ),
    'help.office review send-back': (
        '把记录退回督导员（退回），须写 --comment：下一份任务包会带上它们。',
        'Send records back to the inspector (退回) with a --comment: the next assignment carries them.',
    ),
    'help.office review reject': (
        '不予采纳记录，须写 --reason。',
        'Reject records (不予采纳), with a --reason.',
    ),
    'help.* --district': (
        '区县（如 萧山区）。',
        'District or county (e.g. 萧山区).',
    ),
    'help.* --contact': (
        '联系人。',
        'Contact person.',
    ),
    'help.* --phone': (
        '联系电话。',
        'Phone number.',
    ),
    'help.office conflicts': (
        '接收时作为冲突保存的修订：列出、逐项对照查看、处理。',
        'Revisions kept at ingest as conflicts: list them, see one side by side, resolve it.',
    ),
    'help.office conflicts list': (
        '所有有未处理冲突的记录：谁的修订，与办公室的哪一版冲突。',
        "Every record with an open conflict: whose revision, against which of the office's.",
    ),
    'help.office conflicts resolve': (
        '处理冲突：按字段生成办公室的新修订，成为当前版本，并随下一份任务包下发。',
        'Resolve a conflict: a new office revision, field by field, becomes current and goes in the next '
        'assignment.',
    ),
    'help.office conflicts resolve --take': (
        '字段=inspector 或 字段=office；可重复。',
        'FIELD=inspector or FIELD=office; repeat.',
    ),
    'help.office conflicts resolve --set': (
        '字段=值：直接填写的值，取代两边；可重复。',
        'FIELD=VALUE: a value typed instead of either side; repeat.',
    ),
    'help.office conflicts resolve --all': (
        'inspector 或 office：未单独指定的所有不同字段取哪一边。',
        'inspector or office: the side for every differing field not named.',
    ),
    'help.office conflicts resolve --reason': (
        '原因（记入历史和审计日志）。',
        'Why (for the history and the audit log).',
    ),
    'help.office conflicts show': (
        '逐字段查看一个冲突：督导员的值、办公室当前的值、二者共同的依据版本。',
        "One conflict field by field: the inspector's value, the office's current one, their common base.",
    ),
    'help.office conflicts show --all-fields': (
        '显示全部字段，而不只是不同的字段。',
        'Every field, not only those that differ.',
    ),
    'help.office innovations': (
        '创新清单：评级和典型案例。',
        'The innovation list (创新清单): grades and typical cases.',
    ),
    'help.office innovations grade': (
        '给创新做法评级并标记典型案例；未给出的项保持不变。',
        'Grade an innovation and mark typical cases; what is not given stays as it was.',
    ),
    'help.office innovations grade --grade': (
        'replicable（可复制推广）、notable（值得关注）、ordinary（一般）或 none（不评级）。',
        'replicable (可复制推广), notable (值得关注), ordinary (一般), or none.',
    ),
    'help.office innovations grade --typical': (
        '作为报告中的典型案例。',
        'A typical case (典型案例) for the report.',
    ),
    'help.office innovations grade --caption': (
        '报告中为它印出的说明。',
        'The caption the report prints for it.',
    ),
    'help.office ledger': (
        '问题台账：每个已确认的问题直至销号。',
        'The problem ledger (问题台账): each confirmed problem to its closure (销号).',
    ),
    'help.office ledger approve': (
        '销号：须由申请人以外的人，凭佐证材料。',
        'Close it (销号): someone other than who requested it, with evidence.',
    ),
    'help.office ledger continue': (
        '转为持续整改：仍未销号，但不计为逾期。',
        'Move it to continuing rectification (持续整改): open, but not overdue.',
    ),
    'help.office ledger continue --reason': (
        '本轮内无法销号的原因（记入审计日志）。',
        'Why it cannot close within the round (kept in the audit log).',
    ),
    'help.office ledger continue --until': (
        '下一阶段的日期（YYYY-MM-DD），须晚于当前整改时限。',
        "The next stage's date (YYYY-MM-DD), later than the current deadline.",
    ),
    'help.office ledger extend': (
        '延长整改时限，须说明原因。',
        'A later deadline, with a reason.',
    ),
    'help.office ledger extend --to': (
        '新的整改时限（YYYY-MM-DD），须晚于当前时限。',
        'The new deadline (YYYY-MM-DD), later than the current one.',
    ),
    'help.office ledger list': (
        '问题台账：编号、预警、状态、整改时限、逾期天数、项目、责任单位。',
        'The ledger: number, light, status, deadline, days overdue, project, unit.',
    ),
    'help.office ledger list --city': (
        '地市（hangzhou 或 杭州）。',
        'City (hangzhou or 杭州).',
    ),
    'help.office ledger list --status': (
        'pending、rectifying、close_requested、closed、returned、continuing（或 待整改 等）。',
        'pending, rectifying, close_requested, closed, returned, continuing (or 待整改 …).',
    ),
    'help.office ledger list --overdue': (
        '只看已过整改时限的。',
        'Only those past their deadline.',
    ),
    'help.office ledger reply': (
        '登记责任单位的答复并申请销号。',
        "Record the unit's reply and request closure (申请销号).",
    ),
    'help.office ledger reply --measures': (
        '责任单位采取的措施。',
        'What the unit did.',
    ),
    'help.office ledger reply --date': (
        '答复日期（YYYY-MM-DD）。',
        'The date of its reply (YYYY-MM-DD).',
    ),
    'help.office ledger reply --file': (
        '责任单位提供的照片（.jpg/.png）或文件（.pdf/.docx/.doc/.xlsx/.xls）；可重复。',
        'A photo (.jpg/.png) or document (.pdf/.docx/.doc/.xlsx/.xls) it sent; repeat.',
    ),
    'help.office ledger return': (
        '退回整改。',
        'Send it back for rectification (退回整改).',
    ),
    'help.office ledger return --reason': (
        '答复不合格的原因。',
        'Why the reply does not do.',
    ),
    'help.office ledger set': (
        '确定整改方式、整改时限和责任单位。',
        'Set how, by when and by whom it is rectified.',
    ),
    'help.office ledger set --type': (
        'immediate / deadline / ongoing（立行立改 等）。',
        'immediate / deadline / ongoing (立行立改 …).',
    ),
    'help.office ledger set --deadline': (
        'YYYY-MM-DD（给出 --type 而不给时限时，按整改类型的默认时限）。',
        "YYYY-MM-DD (else the type's default when --type is given).",
    ),
    'help.office ledger set --unit': (
        '责任单位：其编号或名称。',
        'Responsible unit: its id or name.',
    ),
    'help.office ledger set --reason': (
        '原因（记入审计日志）。',
        'Why (kept in the audit log).',
    ),
    'help.office ledger show': (
        '完整查看一条台账：问题、整改要求、责任单位的答复和每一步。',
        "One entry in full: the problem, its terms, the unit's replies, every step.",
    ),
    'help.office ledger start': (
        '责任单位已开始整改。',
        'The unit has begun rectifying.',
    ),
    'help.office review': (
        '审核收到的内容：列出、确认、询问、退回、不予采纳、修改、合并重复。',
        'What came in, reviewed: list it, confirm, query, send back, reject, edit, merge duplicates.',
    ),
    'help.office review edit': (
        '修改问题或创新做法的措辞：办公室的新修订；督导员的原文保留。',
        "Edit the wording of a problem or innovation: a new revision by the office; the inspector's stays.",
    ),
    'help.office review edit --set': (
        '字段=值：description、category、severity、responsible_unit、deadline（问题）；title、description、ca'
        'tegory、scenario、replicable（创新做法）。可重复。',
        'FIELD=VALUE: description, category, severity, responsible_unit, deadline (problems); title, '
        'description, category, scenario, replicable (innovations). Repeat.',
    ),
    'help.office review edit --reason': (
        '办公室修改的原因（记入记录的历史和审计日志）。',
        "Why the office changes it (in the record's history and the audit log).",
    ),
    'help.office review list': (
        '审核队列：收到的每条记录及其审核状态。',
        'The review queue: every record received, with its review state.',
    ),
    'help.office review list --sort': (
        'date、project、city、inspector、severity、kind 或 '
        'state（日期、项目、地市、督导员、严重程度、类型或状态）。',
        'date, project, city, inspector, severity, kind or state.',
    ),
    'help.office review list --desc': (
        '最新（或最后）的排在前面。',
        'Newest (or last) first.',
    ),
    'help.office review merge': (
        '合并同一项目上对同一问题（或创新做法）的两份报告：DUPLICATE 指向 KEEP，KEEP 的照片和佐证包含两者。',
        'Merge two reports of one problem (or innovation) on one project: DUPLICATE points to KEEP, whose '
        'photos and evidence include both.',
    ),
    'help.office review merge --reason': (
        '合并的理由（记入历史和审计日志）。',
        'Why they are one (for the history and the audit log).',
    ),
    'help.office units': (
        '责任单位名录（牵头部门 / 属地政府 / 实施单位）。',
        'The directory of responsible units (牵头部门 / 属地政府 / 实施单位).',
    ),
    'help.office units add': (
        '新增一个单位。',
        'Add one unit.',
    ),
    'help.office units add --city': (
        '地市（hangzhou 或 杭州）。',
        'City (hangzhou or 杭州).',
    ),
    'help.office units add --id': (
        '自定的编号（否则由名称和地市生成）。',
        'An id of your own (else made from name and city).',
    ),
    'help.office units disable': (
        '不再作为责任单位供选择（从不删除：已有的台账仍然使用它）。',
        'No longer offered as a responsible unit (never deleted: entries keep naming it).',
    ),
    'help.office units edit': (
        '修改单位的名称、类别、地市、区县、联系人或电话（只改给出的项）。',
        "Change a unit's name, role, city, district, contact or phone (only the options given).",
    ),
    'help.office units edit --city': (
        '地市（hangzhou 或 杭州）。',
        'City (hangzhou or 杭州).',
    ),
    'help.office units import': (
        '从 CSV 新增或更新单位（单位名称,类别,城市,区县,联系人,电话 或 name,role,city,…）。',
        'Add or update units from a CSV (单位名称,类别,城市,区县,联系人,电话 or name,role,city,…).',
    ),
    'help.office units list': (
        '全部单位：编号、名称、类别、地市、区县、联系人、电话。',
        'Every unit: id, name, role, city, district, contact, phone.',
    ),
    'help.office units list --all': (
        '也列出已停用的单位。',
        'Disabled units too.',
    ),
    'help.office users': (
        '办公室工作人员：每条办公室命令都以其中一人的身份执行（--as）。',
        "The office's staff: every office command acts as one of them (--as).",
    ),
    'help.office users add': (
        '登记工作人员。第一位登记自己；之后由一位在职工作人员（--as）登记其他人。',
        'Register a member of staff. The first one registers themselves; after that an active member of '
        'staff (--as) registers the others.',
    ),
    'help.office users add --id': (
        '其编号：小写字母、数字、. _ -（如 liming）。',
        'Their id: lowercase letters, digits, . _ - (e.g. liming).',
    ),
    'help.office users add --name': (
        '记录上显示的姓名（如 李明）。',
        'Their name as it appears on records (e.g. 李明).',
    ),
    'help.office users disable': (
        '停用工作人员：其不能再操作；已做的仍归在其名下。',
        'Disable a member of staff: they can no longer act; what they did stays theirs.',
    ),
    'help.office users disable --reason': (
        '原因，记入审计日志（如 调离专班）。',
        'Why, for the audit log (e.g. 调离专班).',
    ),
    'help.office users list': (
        '全部工作人员：编号、姓名、起始时间，以及是否已停用。',
        'Every member of staff: id, name, since when, and whether disabled.',
    ),
    'help.office vocab': (
        '办公室掌管的词表：问题类别、佐证方式、整改类型、责任单位、标签。',
        'Vocabularies the office owns: problem categories, evidence types, rectification types, units, tags.',
    ),
    'help.office vocab add': (
        '在 KIND 的草稿中新增代码 CODE，中文名 ZH（及英文名 EN）。',
        'Add CODE named ZH (and EN) to the draft of KIND.',
    ),
    'help.office vocab discard': (
        '丢弃 KIND 的草稿。',
        'Throw the draft of KIND away.',
    ),
    'help.office vocab export': (
        '把 KIND 的最新发布版本写成可用 Excel 打开的 CSV。',
        'Write the newest published version of KIND as a CSV Excel opens.',
    ),
    'help.office vocab history': (
        'KIND 的每个发布版本：时间、发布人、原因。',
        'Every published version of KIND: when, by whom, why.',
    ),
    'help.office vocab import': (
        '把 CSV（代码,中文名称,English name[,停用]）读入 KIND 的草稿。',
        'Read a CSV (代码,中文名称,English name[,停用]) into the draft of KIND.',
    ),
    'help.office vocab list': (
        '不带 KIND：每个词表及其最新版本。带 KIND：其中的条目。',
        'Without KIND: every vocabulary and its newest version. With KIND: its entries.',
    ),
    'help.office vocab list --version': (
        '某个发布版本（默认：有草稿时为草稿，否则为最新版本）。',
        'A published version (default: the draft if any, else the newest).',
    ),
    'help.office vocab publish': (
        '把 KIND 的草稿发布为下一个版本；之后下发的任务包会带上它。',
        'Publish the draft of KIND as its next version; the next assignments carry it.',
    ),
    'help.office vocab publish --summary': (
        '改了什么、为什么。',
        'What changed and why.',
    ),
    'help.office vocab rename': (
        '在 KIND 的草稿中给 CODE 改名（代码本身从不改变）。',
        'Rename CODE in the draft of KIND (the code itself never changes).',
    ),
    'help.office vocab rename --zh': (
        '新的中文名称。',
        'New Chinese name.',
    ),
    'help.office vocab rename --en': (
        '新的英文名称。',
        'New English name.',
    ),
    'help.office vocab retire': (
        '新记录不再提供 CODE（旧记录仍显示它的名称）。',
        'Stop offering CODE for new records (old records keep its name).',
    ),
    'help.office vocab retire --restore': (
        '重新提供。',
        'Offer it again.',
    ),
}

MESSAGES = {
    "zh": {key: zh for key, (zh, _) in _HELP.items()},
    "en": {key: en for key, (_, en) in _HELP.items()},
}
