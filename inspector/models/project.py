"""A future-community project as the office describes it."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from .base import Model
from .vocab import City, CreationType, Orientation, Scenario, ScenarioRole

Code = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class DeclaredScenario(Model):
    scenario: Scenario
    role: ScenarioRole


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
    city: City
    district: Text = Field(description="District or county (区/县/市) as named when the project was listed")
    creation_type: CreationType
    orientation: Orientation | None = Field(default=None, description="引领型/普惠型, from 2022")
    batch: Text = Field(description="e.g. 试点第一批, 2021创建")
    rural: bool = False
    scenarios: list[DeclaredScenario] = Field(default_factory=list)
    lead_unit: Text | None = None
    contact: Contact | None = None
    operator: Text | None = None
    households: int | None = Field(default=None, ge=0, le=1_000_000)
    investment_wan: Decimal | None = Field(
        default=None, ge=0, le=100_000_000, description="Investment in 万元 (10,000 CNY)"
    )
    location: Location | None = None

    @model_validator(mode="after")
    def _scenarios_unique(self) -> "Project":
        seen: set[Scenario] = set()
        for declared in self.scenarios:
            if declared.scenario in seen:
                raise ValueError(f"scenario '{declared.scenario}' declared twice")
            seen.add(declared.scenario)
        return self

    def declared_role(self, scenario: Scenario) -> ScenarioRole | None:
        for declared in self.scenarios:
            if declared.scenario == scenario:
                return declared.role
        return None
