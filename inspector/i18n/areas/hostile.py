"""Words of content that passes a signature and is still refused (issue 14
item 6): keys named twice, images that are not what they claim."""

MESSAGES = {
    "zh": {
        "load.bundle_duplicate_key": "{where}：同一对象里“{key}”出现了两次（两个程序会读出两样内容）",
        "signature.duplicate_key": "同一对象里“{key}”出现了两次（两个程序会读出两样内容）",
        "load.bundle_photo_not_jpeg": "{where}：不是 JPEG 照片（实为 {kind}）",
        "load.bundle_photo_too_many_pixels": "{where}：照片像素超过上限 {limit:,}（不是笔记本电脑导入的照片）",
    },
    "en": {
        "load.bundle_duplicate_key": "{where}: \"{key}\" appears twice in one object (two programs would read two "
                                     "different things)",
        "signature.duplicate_key": "\"{key}\" appears twice in one object (two programs would read two different "
                                   "things)",
        "load.bundle_photo_not_jpeg": "{where}: not a JPEG photo (it is {kind})",
        "load.bundle_photo_too_many_pixels": "{where}: the photo has more pixels than the limit of {limit:,} (no "
                                             "photo a laptop imports)",
    },
}
