"""Help texts of the office's commands (`inspector office …`), in both languages;
see cli_help.py."""

_HELP = {
    # key: (zh, en)
    'help.office assign': (
        '为一名督导员和一个轮次生成签名的任务包并登记；或用 --plan 为轮次计划中的每名督导员各生成一份（见 '
        'office round plan）。',
        'Write a signed assignment for one inspector and round, and record it; or, with --plan, one for each '
        'inspector of a round plan (office round plan).',
    ),
    'help.office assign --inspector': (
        '已登记督导员的编号（或改用 --plan）。',
        "An enrolled inspector's id (or give --plan).",
    ),
    'help.office assign --round': (
        '督导轮次编号，如 R2026-2（用 --plan 时为计划中的轮次，会核对）。',
        "Round id, e.g. R2026-2 (with --plan: the plan's, checked).",
    ),
    'help.office assign --round-name': (
        '督导轮次名称，如 2026年第二轮未来社区督导。',
        'Round name, e.g. 2026年第二轮未来社区督导.',
    ),
    'help.office assign --project': (
        '项目编号（可重复，也可用逗号分隔）。',
        'A project code (repeat, or separate with commas).',
    ),
    'help.office assign --projects-file': (
        '项目编号文件，每行一个（或第一列为编号的 CSV）。',
        'A file of project codes, one a line (or a CSV whose first column is the code).',
    ),
    'help.office assign --city': (
        '某个地市的全部项目（hangzhou 或 杭州；可重复）。',
        'Every project of a city (hangzhou or 杭州; repeat).',
    ),
    'help.office assign --template': (
        '检查表编号，或 编号:版本（默认最新版本）；可重复。',
        'Checklist template ID or ID:VERSION (default: the newest version); repeat.',
    ),
    'help.office assign --plan': (
        '轮次计划（office round plan 生成并修改后的）：计划中每名督导员一份任务包。',
        'A round plan (office round plan, edited): one assignment per inspector in it.',
    ),
    'help.office assign --allow-own-city': (
        '用 --plan 时：允许督导员检查自己所在的地市。',
        'With --plan: let an inspector inspect their own city.',
    ),
    'help.office assign --output': (
        '写到哪里（默认：当前文件夹下的 assignment-<督导员>-<轮次>.json；用 --plan 时为一个文件夹）。',
        'Where to write it (default: assignment-<inspector>-<round>.json here; with --plan, a folder).',
    ),
    'help.office assignments': (
        '办公室下发的任务包：哪名督导员在哪一轮负责哪些项目。',
        'The assignments the office issued: who has which projects in which round.',
    ),
    'help.office assignments list': (
        '已下发的全部任务包：轮次、督导员、项目、下发时间，以及是否已撤回。',
        'Every assignment issued: round, inspector, projects, when, and whether it was withdrawn.',
    ),
    'help.office assignments list --round': (
        '只看这一轮（其编号，如 R2026-3）。',
        'Only this round (its id, e.g. R2026-3).',
    ),
    'help.office assignments list --inspector': (
        '只看这名督导员（其编号）。',
        'Only this inspector (their id).',
    ),
    'help.office assignments withdraw': (
        '撤回误发的任务包：其中的项目不再属于该督导员。若办公室已收到该督导员在仅由此任务包分配的项目上的记录'
        '，或有其同步包在暂存，则拒绝撤回：发回的内容绝不丢失。已做但尚未发回的工作仍会被接收。任务包保留在列'
        '表中，标为已撤回。',
        "Withdraw an assignment issued by mistake: its projects stop being the inspector's. Refused while "
        'the office holds records the inspector sent on a project only this assignment gave them, or a '
        'bundle of theirs waits held: nothing they sent is ever lost. Work they did there and have not sent '
        'yet is still accepted. The assignment stays listed as withdrawn.',
    ),
    'help.office assignments withdraw --reason': (
        '撤回的原因，记入审计日志。',
        'Why it is withdrawn, for the audit log.',
    ),
    'help.office assignments withdraw --yes': (
        '不再询问确认。',
        'Do not ask for confirmation.',
    ),
    'help.office checklists': (
        '检查表模板：版本、草稿、发布，以及与 XLSForm 电子表格的往返导入导出。',
        'Checklist templates: versions, drafts, publishing, and the XLSForm spreadsheet round trip.',
    ),
    'help.office checklists diff': (
        '两个版本之间的变化（版本号，或 draft 表示草稿）：新增、删除的检查项，以及逐字段的修改。',
        "What changed between two versions (a number, or 'draft'): items added, removed, changed field by "
        'field.',
    ),
    'help.office checklists discard': (
        '丢弃模板的草稿（已发布的版本不受影响）。',
        "Throw a template's draft away (published versions are never touched).",
    ),
    'help.office checklists edit': (
        '在办公室数据库上打开检查表编辑器（终端界面）。',
        'Open the checklist editor (a terminal interface) on the office database.',
    ),
    'help.office checklists export': (
        '把已发布的版本（编号或 编号:版本；默认最新）写成 XLSForm 工作簿。',
        'Write a published version (ID or ID:VERSION; the newest by default) as an XLSForm workbook.',
    ),
    'help.office checklists export --out': (
        '要写入的 .xlsx 工作簿。',
        'The .xlsx workbook to write.',
    ),
    'help.office checklists import': (
        '把 XLSForm 工作簿（.xlsx）或模板 JSON '
        '导入为草稿；发布后成为新版本。被拒收的文件不改变任何内容；每个问题都指明工作表、行和列。',
        "Import an XLSForm workbook (.xlsx) or a template's JSON as a draft; publish it to make a version. A "
        'refused file changes nothing; every problem is named by sheet, row and column.',
    ),
    'help.office checklists import --id': (
        '导入为哪个模板编号（默认：settings 工作表中的 form_id）。',
        'Template id to import as (default: form_id in the settings sheet).',
    ),
    'help.office checklists import --replace': (
        '替换模板现有的草稿。',
        "Replace the template's current draft.",
    ),
    'help.office checklists list': (
        '全部检查表模板：最新版本、版本数，以及是否有草稿正在编辑。',
        'Every checklist template: newest version, how many, and whether a draft is being edited.',
    ),
    'help.office checklists publish': (
        '把模板的草稿发布为下一个版本；草稿还有问题时拒绝发布。',
        "Publish a template's draft as its next version; refused while the draft has problems.",
    ),
    'help.office checklists publish --summary': (
        '变更说明，留作记录（默认根据变化自动生成）。',
        'What changed, for the record (default: written from the changes).',
    ),
    'help.office demo': (
        '在临时办公室中打开办公室界面：两名督导员、两轮督导，数据真实接收。以李明（liming）身份操作，或用 '
        '--as wangfang；退出时删除。',
        'Open the office interface on a throwaway office: two inspectors, two rounds, really ingested. Acts '
        'as 李明 (liming), or --as wangfang; deleted on exit.',
    ),
    'help.office enrol': (
        '登记督导员的公钥；把指纹读给对方核对。',
        "Register an inspector's public key; say the fingerprint back to them to confirm.",
    ),
    'help.office enrol --id': (
        '督导员编号。',
        "The inspector's id.",
    ),
    'help.office enrol --name': (
        '督导员姓名。',
        "The inspector's name.",
    ),
    'help.office enrol --public-key': (
        '即 inspector identity show 显示的内容。',
        'As printed by: inspector identity show.',
    ),
    'help.office enrol --replace': (
        '替换已登记的公钥（电脑重装后）。',
        'Replace the key on record (a reset laptop).',
    ),
    'help.office enrol --home-city': (
        '督导员所在的地市（hangzhou 或 杭州）：不会分配该地市的项目（交叉检查）。',
        'The city the inspector lives in (hangzhou or 杭州): never given its projects (交叉检查).',
    ),
    'help.office ingest': (
        '检查督导员发回的同步包并接收；每个包一行。先全部核验再采信任何内容；被拒收的包不改变任何内容（退出码 '
        '2）。每个接收的包都会得到一份签名回执，带回督导员电脑载入（inspector load 回执文件）。',
        'Check sync bundles from inspectors and apply them; one line per bundle. Everything is checked '
        'before anything is trusted; a refused bundle changes nothing (exit code 2). Each applied bundle '
        'gets a signed receipt to take back to the laptop (inspector load RECEIPT).',
    ),
    'help.office ingest --receipts': (
        '签名回执的文件夹（默认：办公室数据库旁的 receipts/）。',
        'Folder for the signed receipts (default: receipts/ beside the office database).',
    ),
    'help.office init': (
        '建立办公室数据库和办公室的密钥对（放在数据库旁）。',
        "Create the office database and the office's key pair (beside the database).",
    ),
    'help.office init --id': (
        '办公室编号。',
        "The office's id.",
    ),
    'help.office init --name': (
        '办公室名称。',
        "The office's name.",
    ),
    'help.office inspectors': (
        '已登记的督导员：所在地市（交叉检查）。',
        'Enrolled inspectors: their home city (交叉检查).',
    ),
    'help.office inspectors set-city': (
        '登记督导员所在的地市（hangzhou 或 杭州）；计划不会派其去该地市。',
        'Record the city an inspector lives in (hangzhou or 杭州); plans never send them there.',
    ),
    'help.office inspectors set-city --clear': (
        '清除所在地市（该督导员之后可派往任何地方）。',
        'Forget the home city (the inspector may then go anywhere).',
    ),
    'help.office log': (
        '审计日志：办公室的每项操作、由谁、何时、为何，按时间先后。',
        'The audit log: every office action, who did it, when and why, oldest first.',
    ),
    'help.office log --since': (
        '从这一天起（YYYY-MM-DD，本地时间）。',
        'From this day on (YYYY-MM-DD, local time).',
    ),
    'help.office log --user': (
        '只看这名工作人员的操作。',
        'Only what this member of staff did.',
    ),
    'help.office log --csv': (
        '以 CSV 输出到标准输出（UTF-8 带 BOM，可用 Excel 打开）。',
        'As CSV (UTF-8 with BOM, opens in Excel) on standard output.',
    ),
    'help.office projects': (
        '办公室分配的项目。',
        'The projects the office assigns.',
    ),
    'help.office projects import': (
        '从 JSON 或 CSV 文件新增或更新项目。JSON：项目列表，或 {"projects": '
        '[...]}。CSV（UTF-8）：首行为列名，可用代码（code,name,city,...）或中文（项目编号,项目名称,城市,...），见 '
        'fixtures/projects.csv；场景写作 未来健康:标配;未来教育:选配 或 '
        'health:standard;education:optional；空单元格表示没有。凡填代码处都可写名称（杭州、整合提升类、Hangzhou）。被拒收的文件会列出每个有问题的单元格，且不改变任何内容。',
        'Add or update projects from JSON or CSV files. JSON: a list of projects, or {"projects": [...]}. '
        'CSV (UTF-8): a header row of column names, as codes (code,name,city,...) or in Chinese '
        '(项目编号,项目名称, 城市,...), see fixtures/projects.csv; scenarios as 未来健康:标配;未来教育:选配 '
        'or health:standard;education:optional; an empty cell is absent. Names (杭州, 整合提升类, Hangzhou) '
        'are taken wherever a code goes. A refused file lists every bad cell and changes nothing.',
    ),
    'help.office projects list': (
        '办公室数据库中的项目：编号、名称、地市、区县、类型。',
        'The projects in the office database: code, name, city, district, type.',
    ),
    'help.office projects list --city': (
        '只看这个地市（代码或名称：hangzhou、杭州、Hangzhou）。',
        'Only this city (code or name: hangzhou, 杭州, Hangzhou).',
    ),
    'help.office report': (
        '一轮督导的报告（督导报告、问题清单、创新清单、整改通知书、网页、CSV 和照片），写入一个新文件夹。',
        "A round's reports (督导报告, 问题清单, 创新清单, 整改通知书, web pages, CSV and photos) into a new "
        'folder.',
    ),
    'help.office report --city': (
        '只含这些地市（hangzhou、杭州或杭州市；可重复，也可用逗号分隔）。默认：全部。',
        'Only these cities (hangzhou, 杭州 or 杭州市; repeat or separate by commas). Default: all.',
    ),
    'help.office report --status': (
        '只含这些状态的问题（pending 或 待整改、confirmed 或 已确认 等）。默认：全部。',
        'Only problems in these statuses (pending or 待整改, confirmed or 已确认 …). Default: all.',
    ),
    'help.office report --tag': (
        '只含带有这些标签的检查项上发现的问题和创新（dimension:operation 或 运营可持续性 等）。默认：全部。',
        'Only findings raised on checklist items with one of these tags (dimension:operation or 运营可持续性 '
        '…). Default: all.',
    ),
    'help.office report --format': (
        'html、xlsx、docx、csv（默认：全部四种）。',
        'html,xlsx,docx,csv (default: all four).',
    ),
    'help.office report --by': (
        '整改通知书按地市或按责任单位出具。',
        'One rectification notice per city or per responsible unit.',
    ),
    'help.office report --with-gps': (
        '保留照片的 GPS 位置（默认去除）。',
        "Keep the photos' GPS positions (left out by default).",
    ),
    'help.office report --out': (
        '报告文件夹：新的或空的，且不在办公室数据文件夹内。',
        "The report's folder: new or empty, outside the office's data folder.",
    ),
    'help.office round': (
        '督导轮次：计划下一轮。',
        'Rounds of inspection: planning the next one.',
    ),
    'help.office round plan': (
        '提出 ROUND 轮谁去哪些项目，写成 CSV 供修改，再用 office assign --plan '
        '下发。最需要的排在前面（有未整改的严重问题、有逾期问题，再到最久未走访的）；从不派督导员去自己所在的地市（交叉检查）；各督导员工作量均衡。',
        'Propose who visits what in ROUND and write it as a CSV to edit, then issue with `office assign '
        '--plan`. Most needed first (an open severe problem, an overdue one, then longest unvisited); never '
        "an inspector's own city (交叉检查); balanced across inspectors.",
    ),
    'help.office round plan --inspector': (
        '只为这些督导员做计划（可重复；默认：全部已登记的）。',
        'Plan for these inspectors only (repeat; default: every enrolled one).',
    ),
    'help.office round plan --per-inspector': (
        '每人最多 N 个项目（默认：分配全部项目）。',
        'At most N projects each (default: every project is placed).',
    ),
    'help.office round plan --output': (
        '计划写到哪里（默认：当前文件夹下的 plan-<轮次>.csv）。',
        'Where to write the plan (default: plan-<ROUND>.csv here).',
    ),
    'help.office status': (
        '督导员、每人最后一个同步包、缺少的序号、暂存的包和冲突。',
        'Inspectors, the last bundle of each, gaps, held bundles and conflicts.',
    ),
    'help.office status --conflicts': (
        '同时列出所有未处理的冲突。',
        'List every open conflict too.',
    ),
    'help.office templates': (
        '办公室下发的检查表模板（及其版本）。',
        'The checklist templates (and their versions) the office hands out.',
    ),
    'help.office templates import': (
        '从 JSON '
        '文件新增检查表模板版本（每个文件一个模板）。已发布的版本从不改变：编号和版本相同而内容不同的会被拒收；修改请作为新版本下发。',
        'Add checklist template versions from JSON files (one template a file). A published version never '
        'changes: the same id and version with other content is refused; issue the edit as a new version.',
    ),
}

MESSAGES = {
    "zh": {key: zh for key, (zh, _) in _HELP.items()},
    "en": {key: en for key, (_, en) in _HELP.items()},
}
