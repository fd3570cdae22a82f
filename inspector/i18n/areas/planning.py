"""Words of planning the next round: home cities, the proposed plan, the plan
file and issuing it (office/planning/, cli/planning.py)."""

MESSAGES = {
    "zh": {
        "audit.action.inspector.home_city": "设置督导员常住城市",
        "audit.action.plan.write": "生成督导计划",
        "audit.action.plan.issue": "按计划下发任务",
        "planning.unknown_city": "没有名为“{city}”的城市（可写 hangzhou、杭州 或 杭州市）",
        "planning.unknown_inspector": "没有登记编号为 {inspector} 的督导员",
        "planning.no_inspectors": "没有可派的督导员（请先用 office enrol 登记）",
        "planning.bad_per_inspector": "--per-inspector 须为正整数（给出的是 {count}）",
        "planning.city_or_clear": "请给出城市，或用 --clear 清除常住城市（二者选一）",
        "planning.home_city_set": "督导员 {inspector} 的常住城市：{city}（计划不会派其检查本市项目）",
        "planning.home_city_cleared": "已清除督导员 {inspector} 的常住城市（可派往任何城市）",
    },
    "en": {
        "audit.action.inspector.home_city": "set an inspector's home city",
        "audit.action.plan.write": "wrote a round plan",
        "audit.action.plan.issue": "issued a round plan",
        "planning.unknown_city": "there is no city called \"{city}\" (write hangzhou, 杭州 or Hangzhou)",
        "planning.unknown_inspector": "no inspector {inspector} is enrolled",
        "planning.no_inspectors": "no inspector to send (enrol them first: office enrol)",
        "planning.bad_per_inspector": "--per-inspector must be a positive whole number (it was {count})",
        "planning.city_or_clear": "give a city, or --clear to forget the home city (one of the two)",
        "planning.home_city_set": "Inspector {inspector}'s home city: {city} (plans never send them to its projects)",
        "planning.home_city_cleared": "Inspector {inspector}'s home city is cleared (they may go to any city)",
    },
}
