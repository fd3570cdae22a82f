"""Words of the office's key rotation: office/rotation.py, `office key
rotate`, and the laptop following a handover (assignment/trust.py)."""

_HELP = {
    "help.office key": ("办公室自己的密钥对。", "The office's own key pair."),
    "help.office key rotate": (
        "生成新的密钥对（和新的加密密钥），并用旧密钥签署交接声明：此后签发的任务包都带上它，督导员电脑载入后自动改用新密钥"
        "（显示新旧指纹），无需电话核对。旧密钥对保存在 retired/ 中，之前的回执仍然有效。",
        "Make a new key pair (and a new encryption key) and a handover signed with the old key: every assignment "
        "issued from now on carries it, and a laptop that loads one moves to the new key by itself (printing both "
        "fingerprints), with no phone call. The old pair is kept under retired/; receipts issued before stay valid.",
    ),
}

MESSAGES = {
    "zh": {
        "identity.rotation_unfinished": "办公室密钥的更换没有完成（{folder} 中有 rotation.json）；请再运行一次 "
                                        "inspector office key rotate 完成它，在此之前不签署任何文件",
        "rotate.no_key": "{path} 旁没有办公室密钥；先运行 inspector office init",
        "rotate.finished_earlier": "上次中断的密钥更换已完成（没有再换一次）。",
        "rotate.done": "办公室已改用新密钥：指纹 {old} → {new}。旧密钥对保存在 {retired}。此后签发的任务包带有"
                       "旧密钥签署的交接声明，督导员电脑载入后会自动改用新密钥。",
        "audit.action.office.key_rotate": "更换办公室密钥",
        "load.key_moved": "办公室已更换密钥：指纹 {old} → {new}（由本电脑信任的旧密钥签署的交接声明确认），此后只接受新密钥。",
        "load.handover_refused": "{file}：任务包中的密钥交接声明不是由本电脑信任的办公室密钥（指纹 {trusted}）签署的，"
                                 "或已被改动；拒收（{problem}）",
        **{key: zh for key, (zh, _) in _HELP.items()},
    },
    "en": {
        "identity.rotation_unfinished": "a change of the office's key is unfinished (rotation.json in {folder}); run "
                                        "inspector office key rotate again to finish it; nothing is signed until then",
        "rotate.no_key": "there is no office key beside {path}; run inspector office init first",
        "rotate.finished_earlier": "The key change an earlier run started is finished (no second change made).",
        "rotate.done": "The office now uses its new key: fingerprint {old} -> {new}. The old pair is kept in "
                       "{retired}. Assignments issued from now on carry the handover signed with the old key; "
                       "laptops that load one move to the new key by themselves.",
        "audit.action.office.key_rotate": "Change the office's key",
        "load.key_moved": "The office changed its key: fingerprint {old} -> {new} (confirmed by a handover signed "
                          "with the old key this laptop trusted); only the new key is accepted from now on.",
        "load.handover_refused": "{file}: a key handover in the assignment is not signed by the office key this "
                                 "laptop trusts (fingerprint {trusted}), or was altered; refused ({problem})",
        **{key: en for key, (_, en) in _HELP.items()},
    },
}
