"""Words of the vocabularies the office owns (office/vocabularies, the
`office vocab` commands, the vocabulary screen)."""

MESSAGES = {
    "zh": {
        "vocab.kind.problem_category": "问题类别",
        "vocab.kind.evidence_type": "佐证方式",
        "vocab.kind.rectification": "整改类型",
        "vocab.kind.unit": "责任单位名录",
        "vocab.kind.indicator": "指标",
        "vocab.kind.dimension": "验收维度",
        "vocab.kind.sanhua": "三化维度",
        "vocab.unknown_kind": "没有名为“{kind}”的词表；可选：{kinds}",
        "vocab.units_elsewhere": "责任单位名录在“单位名录”中编辑（office units …）；发布时取其当前内容",
        "vocab.bad_code": "代码“{code}”不可用：只能用小写英文字母、数字和 _ . -，以字母或数字开头，最长 64 个字符",
        "vocab.bad_name": "代码“{code}”的名称不可为空，最长 200 个字",
        "vocab.rectification_fixed": "整改类型只能改名或停用，不能新增（问题台账只认 {codes}，各有默认整改期限）",
        "vocab.code_exists": "代码“{code}”已在词表中；代码一经使用不再改变，可改名或停用",
        "vocab.no_such_code": "词表“{kind}”中没有代码“{code}”",
        "vocab.nothing_to_publish": "词表“{kind}”的草稿与第 {version} 版相同，无需发布",
        "audit.action.vocab.publish": "发布词表",
        "validation.vocabulary_code_twice": "代码“{code}”重复",
    },
    "en": {
        "vocab.kind.problem_category": "Problem categories",
        "vocab.kind.evidence_type": "Evidence types",
        "vocab.kind.rectification": "Rectification types",
        "vocab.kind.unit": "Unit directory",
        "vocab.kind.indicator": "Indicators",
        "vocab.kind.dimension": "Acceptance dimensions",
        "vocab.kind.sanhua": "Sanhua dimensions",
        "vocab.unknown_kind": "there is no vocabulary \"{kind}\"; choose one of: {kinds}",
        "vocab.units_elsewhere": "the unit directory is edited as units (inspector office units ...); publishing takes it as it stands",
        "vocab.bad_code": "code \"{code}\" cannot be used: lower-case letters, digits and _ . - only, "
                          "starting with a letter or digit, at most 64 characters",
        "vocab.bad_name": "the name of code \"{code}\" cannot be empty or longer than 200 characters",
        "vocab.rectification_fixed": "rectification types can be renamed or retired, not added "
                                     "(the ledger knows only {codes}, each with its default deadline)",
        "vocab.code_exists": "code \"{code}\" is already in the vocabulary; a code never changes once used: "
                             "rename or retire it",
        "vocab.no_such_code": "vocabulary \"{kind}\" has no code \"{code}\"",
        "vocab.nothing_to_publish": "the draft of vocabulary \"{kind}\" is the same as version {version}: "
                                    "nothing to publish",
        "audit.action.vocab.publish": "Publish vocabulary",
        "validation.vocabulary_code_twice": "code \"{code}\" appears twice",
    },
}
