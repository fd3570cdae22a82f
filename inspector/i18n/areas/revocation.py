"""Words of a lost or replaced laptop: office/revocation.py, `office revoke`,
the bundle refusal of a revoked device and the status column."""

_HELP = {
    "help.office revoke": (
        "丢失或更换的电脑：不再接收它编号大于 N 的同步包（此前发来的都保留）。更换的电脑照常用新密钥登记"
        "（inspector office enrol … --replace），旧密钥从此也不能再签名。",
        "A lost or replaced laptop: its bundles numbered after N are refused from now on (what it sent before "
        "stays). Enrol the replacement laptop's new key as usual (inspector office enrol … --replace): the old key "
        "then signs nothing the office accepts.",
    ),
    "help.office revoke --inspector": ("督导员编号。", "The inspector's id."),
    "help.office revoke --device": ("电脑的设备编号（inspector office status 中可见）。",
                                    "The laptop's device id (shown by inspector office status)."),
    "help.office revoke --after": ("此编号之后的同步包都拒收（默认：办公室已收到的该电脑的最大编号）。",
                                   "Refuse its bundles numbered after this (default: the highest the office holds "
                                   "from that laptop)."),
    "help.office revoke --reason": ("原因（记入操作日志）。", "Why (kept in the audit log)."),
}

MESSAGES = {
    "zh": {
        "revoke.unknown_inspector": "没有登记编号为“{inspector}”的督导员",
        "revoke.unknown_device": "办公室没有收到过督导员 {inspector} 的设备“{device}”发来的同步包；已知设备：{devices}",
        "revoke.bad_after": "--after 不能为负数（{after}）",
        "revoke.already": "{inspector} 的设备 {device} 已于 {at} 由 {by} 停用（编号 {after} 之后的拒收）",
        "revoke.done": "已停用 {inspector} 的设备 {device}：编号 {after} 之后的同步包都将拒收，此前收到的保留",
        "revoke.hint": "请为更换的电脑登记新密钥（inspector office enrol --id {inspector} … --replace），旧密钥从此不再被接受。",
        "load.bundle_device_revoked": "{where}：{inspector} 的设备 {device} 已于 {at} 停用，编号 {after} 之后的同步包"
                                      "不再接收（本包编号 {sequence}）",
        "audit.action.device.revoke": "停用电脑",
        "office.status.revoked": "已停用（编号 {after} 之后拒收）",
        **{key: zh for key, (zh, _) in _HELP.items()},
    },
    "en": {
        "revoke.unknown_inspector": "no inspector \"{inspector}\" is enrolled",
        "revoke.unknown_device": "the office has no bundle from device \"{device}\" of {inspector}; devices known: "
                                 "{devices}",
        "revoke.bad_after": "--after cannot be negative ({after})",
        "revoke.already": "device {device} of {inspector} was revoked on {at} by {by} (bundles after {after} refused)",
        "revoke.done": "device {device} of {inspector} revoked: its bundles numbered after {after} will be refused; "
                       "what came before stays",
        "revoke.hint": "Enrol the replacement laptop's new key (inspector office enrol --id {inspector} … --replace): "
                       "the old key is then no longer accepted.",
        "load.bundle_device_revoked": "{where}: device {device} of {inspector} was revoked on {at}; its bundles "
                                      "numbered after {after} are refused (this one is {sequence})",
        "audit.action.device.revoke": "Revoke a laptop",
        "office.status.revoked": "revoked (after {after})",
        **{key: en for key, (_, en) in _HELP.items()},
    },
}
