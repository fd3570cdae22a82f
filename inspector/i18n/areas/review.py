"""Words of review at the office (office/review)."""

MESSAGES = {
    "zh": {
        "review.bad_state": "没有“{state}”这种审核状态",
        "review.comment_needed": "{state} 需要写明意见或理由",
        "review.nothing": "没有选中任何记录",
        "review.unknown": "办公室没有收到这条记录：{kind} {id}",
        "review.stale": "{kind} {id} 刚被他人改过（或又收到新的修订），操作未执行；请看过最新状态后再操作",
    },
    "en": {
        "review.bad_state": "there is no review state '{state}'",
        "review.comment_needed": "{state} needs a comment or a reason",
        "review.nothing": "no record is selected",
        "review.unknown": "the office has not received this record: {kind} {id}",
        "review.stale": "{kind} {id} was changed by someone else (or a newer revision arrived) since you looked: "
                        "nothing was done; look at its current state and decide again",
    },
}

LABELS = {
    "zh": {"ReviewState": {"received": "待审核", "query": "有疑问", "confirmed": "已确认", "sent_back": "退回",
                           "rejected": "不予采纳", "duplicate": "重复"},
           "RecordKind": {"visit": "走访", "problem": "问题", "innovation": "创新", "follow_up": "复查结论",
                          "answer": "回答", "photo": "照片"}},
    "en": {"ReviewState": {"received": "to review", "query": "query", "confirmed": "confirmed",
                           "sent_back": "sent back", "rejected": "rejected", "duplicate": "duplicate"},
           "RecordKind": {"visit": "visit", "problem": "problem", "innovation": "innovation",
                          "follow_up": "re-check verdict", "answer": "answer", "photo": "photo"}},
}
