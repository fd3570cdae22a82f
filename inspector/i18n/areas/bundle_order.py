"""Words of a bundle out of order with what the office holds from its laptop
(office/ingest.py `_check_order`)."""

MESSAGES = {
    "zh": {
        "load.bundle_previous_mismatch": "{where}：第 {sequence} 号同步包所说的前一个包（{previous}）不是办公室收到的"
                                         "第 {sequence} 号之前的那个（{held}）；它不是这台电脑接着导出的",
        "load.bundle_sequence_too_far": "{where}：编号 {sequence} 远超办公室已收到的这台电脑的最大编号 {top}"
                                        "（最多只能领先 {ahead}）",
    },
    "en": {
        "load.bundle_previous_mismatch": "{where}: bundle {sequence} names {previous} as the one before it, but the "
                                         "office holds {held} for that number: it is not what this laptop exported next",
        "load.bundle_sequence_too_far": "{where}: sequence {sequence} is far beyond the highest the office holds from "
                                        "this laptop, {top} (at most {ahead} ahead)",
    },
}
