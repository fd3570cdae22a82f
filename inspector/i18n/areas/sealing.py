"""Words of sealed (encrypted) bundles: identity/sealing.py's refusals, the
bundle refusals of a sealed file at the office (load.bundle_sealed_*), and
the office's plain-bundle setting."""

_SEALED = {
    # code: (zh, en); each starts with {where}: the file
    "sealed_not_ours": ("这个同步包是加密给另一个办公室的（本办公室的密钥打不开）；请确认督导员使用的是本办公室签发的任务包",
                        "this bundle is encrypted to another office (no key of this office opens it); check that the "
                        "inspector works from an assignment this office issued"),
    "sealed_damaged": ("加密数据不完整或已被改动（校验未通过）；请让督导员重新导出或重新拷贝",
                       "the encrypted data is truncated or altered (authentication failed); ask the inspector to "
                       "export or copy it again"),
    "sealed_too_big": ("解密后超过 {limit_mb:,} MB 的上限", "it decrypts to more than the {limit_mb:,} MB limit"),
    "sealed_no_key": ("这是加密的同步包，但本办公室没有解密密钥（{key}）", "this bundle is encrypted but this office has "
                      "no key to open it ({key})"),
    "plain_refused": ("这是未加密的同步包，本办公室只接收加密的同步包；请让督导员先载入本办公室新签发的任务包再导出"
                      "（过渡期可用 inspector office plain-bundles allow 暂时接收）",
                      "this bundle is not encrypted and this office accepts only encrypted bundles; ask the inspector to "
                      "load an assignment this office issued since and export again (during a transition: "
                      "inspector office plain-bundles allow)"),
}

_HELP = {
    "help.office init --plain-bundles": (
        "过渡期：也接收未加密的同步包（以后可用 inspector office plain-bundles refuse 关闭）。",
        "A transition: accept plain bundles too (turn it off later with inspector office plain-bundles refuse).",
    ),
    "help.office plain-bundles": (
        "不带参数：本办公室接收什么样的同步包，以及加密公钥。allow：也接收未加密的（过渡期）；refuse：只接收加密的。"
        "任务包始终带有本办公室的加密公钥，载入后督导员电脑导出的同步包都会加密。",
        "Without an argument: what bundles this office accepts, and its encryption key. allow: plain ones too (a "
        "transition); refuse: encrypted only. Assignments always carry the office's encryption key: a laptop that "
        "loaded one encrypts every bundle it exports.",
    ),
}

MESSAGES = {
    "zh": {
        **{f"load.bundle_{code}": "{where}：" + zh for code, (zh, _) in _SEALED.items()},
        "seal.key_unreadable": "无法读取加密密钥 {file}（{cause}）",
        "seal.key_damaged": "加密密钥 {file} 已损坏（不是 age 密钥）",
        "seal.no_key": "没有加密密钥 {file}",
        "seal.bad_recipient": "任务包中办公室的加密公钥“{recipient}”无效",
        "seal.no_opening_key": "{file}：本办公室没有任何解密密钥",
        "seal.not_ours": "{file}：加密给了另一个办公室",
        "seal.damaged": "{file}：加密数据不完整或已被改动",
        "seal.too_big": "{file}：解密后超过 {limit_mb:,} MB 的上限",
        "office.plain.allowed": "本办公室暂时也接收未加密的同步包（过渡期：尚未载入新任务包的电脑仍可发送）；任务包照常带有加密公钥",
        "office.plain.refused": "本办公室只接收加密的同步包",
        "office.plain.status_allowed": "同步包：加密或未加密均接收（过渡期）；加密公钥 {recipient}",
        "office.plain.status_refused": "同步包：只接收加密的；加密公钥 {recipient}",
        "export.sealed": "已加密给 {office}（只有该办公室能打开）",
        "assign.no_sealing_key": "无法取得办公室的加密密钥：{reason}",
        "audit.action.office.plain_bundles": "设置是否接收未加密的同步包",
        "export.refused.seal": "无法加密同步包：{cause}",
        "office.ingest.waiting": "另一个接收正在进行，等它完成后接着接收……（Ctrl+C 放弃）",
        "export.refused.busy": "这台电脑上另一个导出正在进行；请等它完成后再导出（两个导出同时进行会拿到同一个编号）",
    },
    "en": {
        **{f"load.bundle_{code}": "{where}: " + en for code, (_, en) in _SEALED.items()},
        "seal.key_unreadable": "cannot read the sealing key {file} ({cause})",
        "seal.key_damaged": "the sealing key {file} is damaged (not an age key)",
        "seal.no_key": "there is no sealing key {file}",
        "seal.bad_recipient": "the office's encryption key in the assignment, \"{recipient}\", is not valid",
        "seal.no_opening_key": "{file}: this office has no key to open sealed bundles",
        "seal.not_ours": "{file}: sealed to another office",
        "seal.damaged": "{file}: the encrypted data is truncated or altered",
        "seal.too_big": "{file}: it decrypts to more than the {limit_mb:,} MB limit",
        "office.plain.allowed": "this office accepts plain bundles too for now (a transition: laptops that have not "
                                "loaded a new assignment can still send); assignments carry its encryption key as ever",
        "office.plain.refused": "this office accepts only encrypted bundles",
        "office.plain.status_allowed": "bundles: encrypted or plain accepted (transition); encryption key {recipient}",
        "office.plain.status_refused": "bundles: encrypted only; encryption key {recipient}",
        "export.sealed": "encrypted to {office} (only that office can open it)",
        "assign.no_sealing_key": "cannot get the office's encryption key: {reason}",
        "audit.action.office.plain_bundles": "Set whether plain bundles are accepted",
        "export.refused.seal": "cannot encrypt the bundle: {cause}",
        "office.ingest.waiting": "another ingest is running; waiting for it to finish... (Ctrl+C gives up)",
        "export.refused.busy": "another export is running on this laptop; export again once it is done (two at "
                               "once would take the same number)",
    },
}
MESSAGES["zh"].update({key: zh for key, (zh, _) in _HELP.items()})
MESSAGES["en"].update({key: en for key, (_, en) in _HELP.items()})
