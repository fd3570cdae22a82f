"""Help texts of every command and option of the command line, in both
languages (cli/words.py puts them on the command tree before click parses).
Keys: `help.<command path>` and `help.<command path> <option>`; `help.* <option>`
is an option's text wherever that command has no text of its own."""

_HELP = {
    # key: (zh, en)
    'help.* --as': (
        '操作的办公室工作人员（其编号；或环境变量 INSPECTOR_OFFICE_USER）。',
        'The member of office staff acting (their id; or INSPECTOR_OFFICE_USER).',
    ),
    'help.* --office-db': (
        '办公室数据库（默认：数据文件夹中的 office.db；或环境变量 INSPECTOR_OFFICE_DB）。',
        'Office database (default: office.db in the data folder; or INSPECTOR_OFFICE_DB).',
    ),
    'help.* --state': (
        '审核状态（received、待审核、query 等）；可重复。',
        'Review state (received, 待审核, query …); repeat.',
    ),
    'help.* --kind': (
        'visit、problem、innovation、follow_up（或 问题 等）；可重复。',
        'visit, problem, innovation, follow_up (or 问题 …); repeat.',
    ),
    'help.* --city': (
        '地市（hangzhou 或 杭州）；可重复。',
        'City (hangzhou or 杭州); repeat.',
    ),
    'help.* --inspector': (
        '督导员编号或姓名；可重复。',
        'Inspector id or name; repeat.',
    ),
    'help.* --text': (
        '须全部出现的词（项目、名称、拼音首字母、正文）。',
        'Words that must all appear (project, name, pinyin initials, text).',
    ),
    'help.* --comment': (
        '办公室的意见（督导员会看到）；询问或退回时必填。',
        'What the office says (the inspector reads it); needed to query or send back.',
    ),
    'help.* --reason': (
        '原因（不予采纳时必填）；与 --comment 相同。',
        'Why (needed to reject); the same as --comment.',
    ),
    'help.* --all-matching': (
        '按筛选条件匹配的全部记录，而不是指定的编号。',
        'Every record the filter options match, instead of IDS.',
    ),
    'help.* --yes': (
        '不再询问确认（与 --all-matching 一起用）。',
        'Do not ask for confirmation (with --all-matching).',
    ),
    'help.* --name': (
        '单位名称。',
        '单位名称.',
    ),
    'help.* --role': (
        '牵头部门 / 属地政府 / 实施单位（lead、local、implementer）。',
        '牵头部门 / 属地政府 / 实施单位 (lead, local, implementer).',
    ),
    'help.inspector': (
        '未来社区督导：离线督导未来社区建设项目。',
        'Future-community supervision: offline inspection of future-community projects.',
    ),
    'help.inspector --db': (
        '数据库文件（默认：用户数据文件夹中）。',
        'Database file (default: in the user data folder).',
    ),
    'help.inspector --lang': (
        '界面语言（默认 zh 中文，en 英文）。',
        'Language of the interface (zh default, en).',
    ),
    'help.inspector --version': (
        '显示版本并退出。',
        'Show the version and exit.',
    ),
    'help.assignments': (
        '列出本机已载入的任务包：督导轮次、督导员、项目，以及其中办公室尚未确认的记录。',
        'List the assignments loaded here: round, inspector, projects, and the records on them the office '
        'has not acknowledged.',
    ),
    'help.assignments remove': (
        '删除办公室已确认其工作的任务包。现场填写的记录从不删除；其项目、检查表和问题只在没有其他任务包用到、'
        '本机也没有在上面记录时才删除。',
        'Remove an assignment whose work the office has acknowledged. Records made on site are never '
        'removed; its projects, checklists and problems go only where no other assignment holds them and '
        'nothing was recorded on them here.',
    ),
    'help.assignments remove --yes': (
        '不再询问确认。',
        'Do not ask for confirmation.',
    ),
    'help.checklists': (
        '在办公室数据库上打开检查表编辑器（同：office checklists edit）。',
        'Open the checklist editor on the office database (same as: office checklists edit).',
    ),
    'help.checklists --office-db': (
        '办公室数据库（默认：数据文件夹中的 office.db）。',
        'Office database (default: office.db in the data folder).',
    ),
    'help.demo': (
        '在临时数据库中用自带的示例任务包打开界面。',
        'Open the interface on the bundled sample assignment, in a throwaway database.',
    ),
    'help.export': (
        '为办公室生成同步包：尚未被确认的内容。',
        'Write a sync bundle for the office: what it has not acknowledged yet.',
    ),
    'help.export --out': (
        '同步包写入的文件夹（默认：数据文件夹中的 bundles）。',
        'Folder to write the bundle in (default: bundles in the data folder).',
    ),
    'help.export --all': (
        '本机记录的全部内容，包括办公室已确认的。',
        'Everything recorded here, even what the office acknowledged.',
    ),
    'help.identity': (
        '本督导员的身份：给同步包签名的密钥对。',
        "This inspector's identity: the key pair bundles are signed with.",
    ),
    'help.identity init': (
        '在数据文件夹中建立身份及其 Ed25519 密钥对。编号须是本机所载任务包的督导员编号。',
        'Create the identity and its Ed25519 key pair in the data folder. The id must be that of the '
        'inspector whose assignments are loaded here.',
    ),
    'help.identity init --id': (
        '督导员编号，与办公室登记的一致（如 zhangwei）。',
        'Inspector id, as the office knows it (e.g. zhangwei).',
    ),
    'help.identity init --name': (
        '姓名（如 张伟）。',
        'Full name (e.g. 张伟).',
    ),
    'help.identity init --replace': (
        '即使已有密钥对也重新生成（办公室须重新登记）。',
        'Make a new key pair even though one exists (the office must enrol it again).',
    ),
    'help.identity show': (
        '显示公钥及其指纹，交给办公室。',
        'Print the public key and its fingerprint, to hand to the office.',
    ),
    'help.load': (
        '把任务包文件（.json，或内含一个 .json 的 '
        '.zip）载入数据库。每个文件要么整个载入，要么完全不载入；被拒收的文件不改变任何内容。',
        'Load assignment files (.json, or a .zip holding one) into the database. Each file is loaded whole '
        'or not at all; a refused file changes nothing.',
    ),
    'help.office': (
        '专班办公室：密钥、督导员、项目、检查表、任务包，以及督导员发回的内容。每条命令都以一名具名的工作人员'
        '身份执行（--as）。不带命令时打开办公室界面（轮次总览、审核队列、完整记录）。',
        'The central office: its key, inspectors, projects, checklists, assignments and what '
        'inspectors sent. Every command acts as a named member of staff (--as). With no command: the office '
        'interface (round dashboard, review queue, records in full).',
    ),
    'help.trust': (
        '查看或设置本机信任的办公室（只载入其签名的任务包）。不带选项时显示。尚未信任任何办公室的电脑会信任第'
        '一份载入的任务包的签名人，并显示其指纹。',
        'Show or set the office whose signed assignments this laptop loads. Without options: show it. A '
        'laptop that trusts no office yet trusts the signer of the first assignment loaded, and prints its '
        'fingerprint.',
    ),
    'help.trust --office-key': (
        '办公室的公钥（base64），照办公室给出的填写。',
        "The office's public key (base64), as the office gives it.",
    ),
    'help.trust --office-key-file': (
        '办公室公开的 identity.json（在其 office-identity 文件夹中）。',
        "The office's public identity.json (from its office-identity folder).",
    ),
    'help.trust --name': (
        '办公室名称，用于提示信息。',
        "The office's name, to show in messages.",
    ),
    'help.trust --replace': (
        '替换现在信任的办公室（办公室换了密钥时）。',
        'Replace the office trusted now (the office changed its key).',
    ),
    'help.tui': (
        '在数据库上打开终端界面。',
        'Open the terminal interface on the database.',
    ),
}

MESSAGES = {
    "zh": {key: zh for key, (zh, _) in _HELP.items()},
    "en": {key: en for key, (_, en) in _HELP.items()},
}
