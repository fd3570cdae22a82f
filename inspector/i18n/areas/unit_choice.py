"""Words of the responsible unit chosen from the assignment's unit directory
(tui/dialogs/problem_form.py)."""

MESSAGES = {
    "zh": {
        "problem.unit_other": "其他单位（手动填写）",
        "problem.unit_other_placeholder": "单位全称",
    },
    "en": {
        "problem.unit_other": "Another unit (type it)",
        "problem.unit_other_placeholder": "the unit's full name",
    },
}
