"""A future-community project as the office describes it."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field, StringConstraints

from .base import Model
from .vocab import (
    CityCode,
    CreationTypeCode,
    OrientationCode,
    ScenarioCode,
    ScenarioRoleCode,
)

Code = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class Contact(Model):
    name: Text
    phone: Annotated[str, StringConstraints(max_length=40)] | None = None


class Location(Model):
    address: Annotated[str, StringConstraints(max_length=300)] | None = None
    # WGS-84; Zhejiang lies well inside these bounds, anything else is a typo.
    lat: float | None = Field(default=None, ge=26.0, le=32.0)
    lon: float | None = Field(default=None, ge=117.0, le=124.0)


class Project(Model):
    code: Code = Field(description="Stable project code assigned by the office")
    name: Text
    city: CityCode
    district: Text = Field(description="District or county (区/县/市) as named when the project was listed")
    creation_type: CreationTypeCode
    orientation: OrientationCode | None = Field(default=None, description="引领型/普惠型, from 2022")
    batch: Text = Field(description="e.g. 试点第一批, 2021创建")
    rural: bool = False
    scenarios: dict[ScenarioCode, ScenarioRoleCode] = Field(
        default_factory=dict,
        description="Declared scenarios, each standard (标配) or optional (选配), e.g. {\"health\": \"standard\"}",
    )
    lead_unit: Text | None = None
    contact: Contact | None = None
    operator: Text | None = None
    households: int | None = Field(default=None, ge=0, le=1_000_000)
    investment_wan: Decimal | None = Field(
        default=None, ge=0, le=100_000_000, description="Investment in 万元 (10,000 CNY)"
    )
    location: Location | None = None

    def declared_role(self, scenario: str) -> str | None:
        """标配/选配 where the project declared `scenario`, else None."""
        return self.scenarios.get(scenario)
