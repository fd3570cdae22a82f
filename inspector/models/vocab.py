"""Closed vocabularies of the domain. Codes are stable ASCII; labels for people
live in inspector.i18n, so renaming a label never breaks a stored file."""

from __future__ import annotations

from enum import StrEnum


class City(StrEnum):
    hangzhou = "hangzhou"
    ningbo = "ningbo"
    wenzhou = "wenzhou"
    jiaxing = "jiaxing"
    huzhou = "huzhou"
    shaoxing = "shaoxing"
    jinhua = "jinhua"
    quzhou = "quzhou"
    zhoushan = "zhoushan"
    taizhou = "taizhou"
    lishui = "lishui"


class CreationType(StrEnum):
    # 2021 creation types
    integrate_improve = "integrate_improve"  # 整合提升类
    partial_demolition = "partial_demolition"  # 拆改结合类
    demolish_rebuild = "demolish_rebuild"  # 拆除重建类
    planned_new = "planned_new"  # 规划新建类
    whole_area = "whole_area"  # 全域类
    # From late 2021
    new_build = "new_build"  # 新建类
    renovation = "renovation"  # 旧改类


class Orientation(StrEnum):
    """From 2022: 引领型 / 普惠型."""

    leading = "leading"
    broad_benefit = "broad_benefit"


class Scenario(StrEnum):
    neighbourhood = "neighbourhood"
    education = "education"
    health = "health"
    entrepreneurship = "entrepreneurship"
    architecture = "architecture"
    transport = "transport"
    low_carbon = "low_carbon"
    services = "services"
    governance = "governance"
    party_building = "party_building"
    general = "general"


NINE_SCENARIOS: tuple[Scenario, ...] = tuple(Scenario)[:9]


class ScenarioRole(StrEnum):
    standard = "standard"  # 标配
    optional = "optional"  # 选配


class EvidenceType(StrEnum):
    on_site = "on_site"  # 现场核查
    resident_interview = "resident_interview"  # 走访群众
    ledger = "ledger"  # 查阅台账
    platform_data = "platform_data"  # 调阅平台数据


class ChecklistKind(StrEnum):
    problem = "problem"
    innovation = "innovation"


class ProblemCategory(StrEnum):
    # Named as shortcomings, not topics (a problem is what is wrong)
    talent_policy = "talent_policy"  # 人才政策未落地
    land_policy = "land_policy"  # 土地政策落地难
    spatial_planning = "spatial_planning"  # 规划衔接不畅
    funding = "funding"  # 资金保障不足
    passivity = "passivity"  # 等靠看
    responsibility = "responsibility"  # 主体责任未落实
    mass_demolition = "mass_demolition"  # 一刀切/大拆大建
    mechanical_copying = "mechanical_copying"  # 场景生搬硬套
    operation = "operation"  # 长效运营机制不健全
    public_services = "public_services"  # 一老一小、残疾人服务
    resident_participation = "resident_participation"  # 居民参与
    facility_idle = "facility_idle"  # 建而未用/关停
    space_placement = "space_placement"  # 边角/地下/高层
    digital_platform = "digital_platform"  # 数字化应用不实（平台使用率低）
    schedule = "schedule"  # 进度滞后
    # The four tendencies, one category each so reports can count each;
    # `tendency` (all four in one) stays so records made before still show their name.
    tendency = "tendency"  # 四化倾向 (before checklist v2)
    generalisation = "generalisation"  # 一般化
    real_estate = "real_estate"  # 房地产化
    luxury = "luxury"  # 贵族化
    bonsai = "bonsai"  # 盆景化
    safety = "safety"  # 安全隐患 (飞线充电, 消防通道堵塞)
    negative_list = "negative_list"  # 负面清单
    other = "other"


class InnovationCategory(StrEnum):
    land = "land"
    operation = "operation"
    compound_space = "compound_space"  # 复合空间 / TOD
    digital = "digital"
    health_services = "health_services"
    group_services = "group_services"  # 特定人群服务
    governance = "governance"
    other = "other"


class Severity(StrEnum):
    minor = "minor"  # 一般
    major = "major"  # 较重
    severe = "severe"  # 严重


class ProblemStatus(StrEnum):
    open = "open"
    rectifying = "rectifying"
    rectified = "rectified"
    verified = "verified"
    closed = "closed"


class Verdict(StrEnum):
    rectified = "rectified"
    partly_rectified = "partly_rectified"
    not_rectified = "not_rectified"
    not_applicable = "not_applicable"


class PassFail(StrEnum):
    passed = "pass"
    failed = "fail"
    not_applicable = "na"


def codes(vocabulary: type[StrEnum]):
    """The vocabulary as a Literal type for model fields. Validating a Literal
    stays inside pydantic-core; an Enum calls back into Python for every value,
    which made loading 10,000 projects a third slower."""
    from typing import Literal

    return Literal[tuple(member.value for member in vocabulary)]  # type: ignore[valid-type]


CityCode = codes(City)
CreationTypeCode = codes(CreationType)
OrientationCode = codes(Orientation)
ScenarioCode = codes(Scenario)
ScenarioRoleCode = codes(ScenarioRole)
EvidenceTypeCode = codes(EvidenceType)
ChecklistKindCode = codes(ChecklistKind)
ProblemCategoryCode = codes(ProblemCategory)
InnovationCategoryCode = codes(InnovationCategory)
SeverityCode = codes(Severity)
ProblemStatusCode = codes(ProblemStatus)
VerdictCode = codes(Verdict)
