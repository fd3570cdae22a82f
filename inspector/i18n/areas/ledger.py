"""Words of the problem ledger (office/ledger)."""

MESSAGES = {"zh": {}, "en": {}}

LABELS = {
    "zh": {"Rectification": {"immediate": "立行立改", "deadline": "限期整改", "ongoing": "持续整改"},
           "LedgerStatus": {"pending": "待整改", "rectifying": "整改中", "close_requested": "申请销号",
                            "closed": "已销号", "returned": "退回整改"},
           "UnitRole": {"lead": "牵头部门", "local": "属地政府", "implementer": "实施单位"},
           "InnovationGrade": {"replicable": "可复制推广", "notable": "值得关注", "ordinary": "一般"}},
    "en": {"Rectification": {"immediate": "fix at once", "deadline": "fix by a deadline", "ongoing": "long-term"},
           "LedgerStatus": {"pending": "to rectify", "rectifying": "rectifying", "close_requested": "closure requested",
                            "closed": "closed", "returned": "returned for rectification"},
           "UnitRole": {"lead": "lead department", "local": "local government", "implementer": "implementing unit"},
           "InnovationGrade": {"replicable": "replicable", "notable": "worth watching", "ordinary": "ordinary"}},
}
