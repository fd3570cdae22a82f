"""Refusals of the laptop's store (loading an assignment, records of a visit,
sent-back records), said from StoreError's code (store/errors.py)."""

MESSAGES = {
    "zh": {
        # where in the file, then what is wrong (an assignment refused as it is loaded)
        "store.at": "{where}：{error}",
        "store.no_template": "检查表 {template} 第 {version} 版不在本机",
        "store.no_item": "检查表 {template} 第 {version} 版中没有检查项 {item}",
        "store.unknown_project": "没有项目 {project}",
        "store.assignment_changed": "编号为 {assignment} 的任务包已经载入过，内容却不同；办公室须以新的编号下发修改",
        "store.assignment_not_newer": "不比本轮已载入的任务包 {loaded}（签发于 {issued}）新",
        "store.template_changed": "与本机已存的检查表 {template} 第 {version} 版不同；已发布的版本不能再改，修改须作为第 {next} 版下发",
        "store.problem_template_missing": "检查表 {template} 第 {version} 版既不在文件中，也没有载入过",
        "store.problem_item_missing": "检查表 {template} 第 {version} 版中没有检查项 {item}",
        "store.problem_rev_changed": "第 {rev} 次修订与本机已存的不同",
        "store.not_theirs": "本机保存的这条记录来自督导员 {holder}：退回给 {me} 的只能是其本人的记录",
        "store.unknown_assignment": "本机没有载入任务包 {assignment}",
        "store.unexported_work": "任务包 {assignment} 的项目上有 {count} 条记录尚未被办公室确认收到",
        "store.visit_open": "{project} 于 {date} 的检查尚未完成",
        # a day refused as a record is saved (inspection/dates.py's codes, said as the store's)
        "store.date": "日期格式应为 年-月-日，如 2026-12-01",
        "store.visit_in_future": "督导日期 {date} 晚于今天（{today}）",
    },
    "en": {
        "store.at": "{where}: {error}",
        "store.no_template": "checklist {template} version {version} is not on this laptop",
        "store.no_item": "checklist {template} version {version} has no item {item}",
        "store.unknown_project": "no project {project}",
        "store.assignment_changed": "an assignment with id {assignment} was loaded already with different content; the office must issue changes under a new id",
        "store.assignment_not_newer": "not newer than assignment {loaded}, loaded already for this round (issued {issued})",
        "store.template_changed": "differs from the stored checklist {template} version {version}; a published version never changes, so the edit must be issued as version {next}",
        "store.problem_template_missing": "checklist {template} version {version} is neither in the file nor loaded before",
        "store.problem_item_missing": "checklist {template} version {version} has no item {item}",
        "store.problem_rev_changed": "revision {rev} differs from the one stored here",
        "store.not_theirs": "this laptop holds this record from inspector {holder}: only {me}'s own records are sent back to them",
        "store.unknown_assignment": "no assignment {assignment} is loaded here",
        "store.unexported_work": "{count} records made on the projects of assignment {assignment} are not acknowledged by the office",
        "store.visit_open": "the visit to {project} on {date} is not finished",
        "store.date": "expected a date as YYYY-MM-DD, e.g. 2026-12-01",
        "store.visit_in_future": "the visit date {date} is after today ({today})",
    },
}
