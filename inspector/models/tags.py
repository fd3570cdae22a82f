"""Tags an office puts on checklist items so reports can be cut by what an
item serves: the indicator (the 33 indicators of the nine scenarios), the
acceptance dimension (验收: 场景响应度 / 数字化平台落地性 / 运营可持续性 /
特色亮点塑造) and the 三化 dimension (人本化 / 生态化 / 数字化).

A tag is written `kind:code` (`dimension:operation`, `indicator:edu.childcare`)
so it says what it is wherever it travels: JSON, a spreadsheet cell, a report
filter. Codes are stable ASCII; names live in the language tables (i18n areas
`tags`). The lists here are the built-in ones an office starts from."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import StringConstraints

TAG_PATTERN = r"^[a-z]+:[a-z0-9][a-z0-9_.-]{0,47}$"
TagCode = Annotated[str, StringConstraints(pattern=TAG_PATTERN)]
KINDS = ("indicator", "dimension", "sanhua")

DIMENSIONS = ("scenario_response", "platform_adoption", "operation", "highlights")
SANHUA = ("humane", "ecological", "digital")

# The indicators per scenario. domain.md confirms there are 33 but not their
# exact names; these are the plausible ones it lists (30 of them). The office
# completes and renames the list: names may change, codes stay.
INDICATORS: dict[str, str] = {
    "nb.culture": "neighbourhood", "nb.sharing": "neighbourhood", "nb.mutual_aid": "neighbourhood",
    "edu.childcare": "education", "edu.kindergarten": "education", "edu.lifelong": "education",
    "edu.knowledge": "education",
    "hl.sports": "health", "hl.smart_health": "health", "hl.medical": "health", "hl.elderly_care": "health",
    "ent.space": "entrepreneurship", "ent.incubation": "entrepreneurship", "ent.talent": "entrepreneurship",
    "arch.cim": "architecture", "arch.intensive": "architecture", "arch.style": "architecture",
    "arch.prefab": "architecture",
    "tr.circle": "transport", "tr.parking": "transport", "tr.logistics": "transport",
    "lc.energy": "low_carbon", "lc.saving": "low_carbon", "lc.zero_waste": "low_carbon",
    "svc.property": "services", "svc.commerce": "services", "svc.security": "services",
    "gov.mechanism": "governance", "gov.participation": "governance", "gov.platform": "governance",
}

BUILT_IN: dict[str, tuple[str, ...]] = {"indicator": tuple(INDICATORS), "dimension": DIMENSIONS, "sanhua": SANHUA}


def split(tag: str) -> tuple[str, str]:
    kind, _, code = tag.partition(":")
    return kind, code


def codes(kind: str) -> tuple[str, ...]:
    """The codes of `kind` in force: the office's list as last published (the
    newest version this process has read from its database), else the
    built-in one. Retired codes are not offered."""
    from inspector.vocabularies import known

    versions = known(kind)
    if versions:
        return tuple(entry.code for entry in versions[-1].offered())
    return BUILT_IN.get(kind, ())


def is_known(tag: str) -> bool:
    kind, code = split(tag)
    return kind in KINDS and code in codes(kind)


def tag_name(tag: str, lang: str) -> str:
    """`运营可持续性` for `dimension:operation`; an unknown tag shows as written."""
    from inspector.vocabularies import name

    kind, code = split(tag)
    if kind not in KINDS:
        return tag
    said = name(kind, code, lang)  # the office's name for it, if it renamed or added it
    return tag if said == code else said


def kind_name(kind: str, lang: str) -> str:
    from inspector.i18n import has, t

    return t(f"tags.kind.{kind}", lang) if has(f"tags.kind.{kind}", lang) else kind


def parse(text: str) -> list[str]:
    """Tags as a person writes them in a cell: separated by spaces, commas or
    semicolons (either width), duplicates dropped, order kept."""
    found: list[str] = []
    for tag in re.split(r"[\s,;，；、]+", text or ""):
        if tag and tag not in found:
            found.append(tag)
    return found


def tag_from_words(text: str) -> str | None:
    """The tag a person means: its code (`dimension:operation`) or its name in
    either language (运营可持续性, Operating sustainability); None when none."""
    def normal(words: str) -> str:  # as office/names.py compares names: NFKC, case folded, no spaces
        return "".join(unicodedata.normalize("NFKC", words).casefold().split())

    text = text.strip()
    if is_known(text):
        return text
    wanted = normal(text)
    for lang in ("zh", "en"):
        for kind in KINDS:
            for code in codes(kind):
                if normal(tag_name(f"{kind}:{code}", lang)) == wanted:
                    return f"{kind}:{code}"
    return None
