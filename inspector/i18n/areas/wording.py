"""Words added with a supervisor's corrections (issue 13): the ledger's 持续整改
(continuing rectification), a status the office gives a problem being
rectified that cannot close within a round."""

MESSAGES = {
    "zh": {
        "ledger.step.continue": "转为持续整改",
        "audit.action.ledger.continue": "转为持续整改",
        "report.step.ledger.continue": "转为持续整改",
        "key.oled_continue": "持续整改",
        "oled.short.status.continuing": "持续整改",
        "oled.continue_title": "转为持续整改 · {number}",
        "oled.continue_label": "为什么本轮无法完成整改（记入审计日志）",
        "report_docx.s6.continuing": "另有{count}个问题经专班研究转为持续整改，仍未销号，单独统计，不计为逾期。",
    },
    "en": {
        "ledger.step.continue": "move to continuing rectification",
        "audit.action.ledger.continue": "moved to continuing rectification",
        "report.step.ledger.continue": "moved to continuing rectification",
        "key.oled_continue": "Continuing",
        "oled.short.status.continuing": "continuing",
        "oled.continue_title": "Continuing rectification · {number}",
        "oled.continue_label": "Why it cannot be rectified within this round (kept in the audit log)",
        "report_docx.s6.continuing": "Another {count} problems were moved to continuing rectification by the office: "
                                     "still open, counted apart, not as overdue.",
    },
}

LABELS = {
    "zh": {"LedgerStatus": {"continuing": "持续整改"}},
    "en": {"LedgerStatus": {"continuing": "continuing rectification"}},
}
