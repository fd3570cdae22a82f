from __future__ import annotations

from inspector.i18n import LANGS, label, t
from inspector.models.vocab import City, Scenario, Severity
from inspector.pinyin import initials


def test_pinyin_initials():
    assert initials("瓜沥七彩") == "glqc"
    assert initials("始版桥 A1") == "sbqa1"
    assert initials("鄞州区") == "yzq"
    assert initials("——") == ""


def test_committed_initials_table_matches_pypinyin():
    from inspector.pinyin import TABLE_FILE, build_table

    assert TABLE_FILE.read_text(encoding="ascii") == build_table(), "run: python -m inspector.pinyin"


def test_both_languages_have_the_same_keys():
    zh, en = LANGS["zh"], LANGS["en"]
    assert set(zh.MESSAGES) == set(en.MESSAGES)
    assert set(zh.LABELS) == set(en.LABELS)
    for kind in zh.LABELS:
        assert set(zh.LABELS[kind]) == set(en.LABELS[kind]), kind


def test_every_vocabulary_code_has_a_label():
    from inspector.models import vocab

    for enum in (vocab.City, vocab.CreationType, vocab.Orientation, vocab.Scenario, vocab.ScenarioRole,
                 vocab.EvidenceType, vocab.ChecklistKind, vocab.ProblemCategory, vocab.InnovationCategory,
                 vocab.Severity, vocab.ProblemStatus, vocab.Verdict):
        for member in enum:
            for lang in LANGS:
                assert label(enum, member.value, lang)


def test_labels_and_messages():
    assert label(City, "ningbo") == "宁波"
    assert label(Scenario, "low_carbon", "en") == "Low carbon"
    assert label("Severity", "severe") == "严重"
    assert label(City, None) == ""
    assert t("list.count", "en", shown=1, total=2) == "1 / 2 projects"


def test_photo_options_from_the_environment(monkeypatch):
    from inspector.settings import PhotoOptions

    assert PhotoOptions.from_env() == PhotoOptions(1600, 85, False)
    monkeypatch.setenv("INSPECTOR_PHOTO_LONG_EDGE", "1200")
    monkeypatch.setenv("INSPECTOR_PHOTO_QUALITY", "nonsense")
    monkeypatch.setenv("INSPECTOR_PHOTO_KEEP_GPS", "1")
    assert PhotoOptions.from_env() == PhotoOptions(1200, 85, True)


def test_text_is_fitted_to_cells_with_an_ellipsis():
    from rich.cells import cell_len
    from rich.text import Text

    from inspector.tui.widgets.cells import clip, clip_text

    assert clip("严重程度", 8) == "严重程度"  # fits: untouched
    assert clip("主体责任未落实", 12) == "主体责任未⋯"  # 10 + 1 cells: never half a character
    assert clip("主体责任未落实", 11) == "主体责任未⋯"
    assert clip("Rectifying", 8) == "Rectify⋯"
    assert clip("Partly rectified", 8) == "Partly⋯"  # no space before the ellipsis
    assert clip("瓜沥", 1) == "⋯" and clip("abc", 0) == ""
    for text in ("主体责任未落实", "Responsibility not taken", "复合空间/TOD 方案"):
        for width in range(1, 30):
            assert cell_len(clip(text, width)) <= width
    styled = clip_text(Text("严重程度", style="bold red"), 5)
    assert styled.plain == "严重⋯" and styled.style == "bold red"
