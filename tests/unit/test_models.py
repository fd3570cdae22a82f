from __future__ import annotations

import pytest
from pydantic import ValidationError

import factories
from inspector.models import Assignment, ChecklistTemplate, Problem, Project
from inspector.models.vocab import City, NINE_SCENARIOS


def test_factory_assignment_is_valid():
    assignment = Assignment.model_validate(factories.assignment())
    assert assignment.projects[0].city == City.hangzhou == "hangzhou"
    assert len(NINE_SCENARIOS) == 9


def test_unknown_fields_are_refused():
    data = factories.project(colour="red")
    with pytest.raises(ValidationError, match="colour"):
        Project.model_validate(data)


@pytest.mark.parametrize(
    "change, needle",
    [
        ({"city": "beijing"}, "city"),
        ({"code": "bad code!"}, "code"),
        ({"households": -1}, "households"),
        ({"scenarios": {"health": "required"}}, "scenarios.health"),
        ({"scenarios": {"sports": "standard"}}, "scenarios.sports"),
        ({"location": {"lat": 45.0, "lon": 120.0}}, "lat"),
    ],
)
def test_project_rejects(change, needle):
    with pytest.raises(ValidationError, match=needle):
        Project.model_validate(factories.project(**change))


def test_template_item_ids_must_be_unique():
    data = factories.template()
    data["sections"][0]["items"][1]["id"] = "lin-01"
    with pytest.raises(ValidationError, match="item id 'lin-01' used twice"):
        ChecklistTemplate.model_validate(data)


def test_score_range_must_fit_max_score():
    data = factories.template()
    data["sections"][0]["items"][0]["answer"] = {"type": "score", "min": 0, "max": 10}
    data["sections"][0]["items"][0]["max_score"] = 5
    with pytest.raises(ValidationError, match="exceeds max_score"):
        ChecklistTemplate.model_validate(data)


def test_choice_values_must_be_unique():
    data = factories.template()
    data["sections"][0]["items"][1]["answer"]["options"][1]["value"] = "none"
    with pytest.raises(ValidationError, match="used twice"):
        ChecklistTemplate.model_validate(data)


def test_problem_status_must_match_history():
    with pytest.raises(ValidationError, match="last history entry"):
        Problem.model_validate(factories.problem(status="rectified"))


def test_timestamps_need_a_time_zone():
    with pytest.raises(ValidationError, match="time zone"):
        Problem.model_validate(factories.problem(created_at="2026-06-01T10:00:00"))


def test_applicability_reasons():
    template = ChecklistTemplate.model_validate(factories.template())
    item = template.item("lin-01")
    project = Project.model_validate(factories.project())
    assert item.applies.reasons_not_applicable(project) == []

    rural_only = item.applies.model_copy(update={"setting": "rural"})
    assert rural_only.reasons_not_applicable(project) == ["urban"]

    needs_health = item.applies.model_copy(update={"declared_scenario": "health"})
    assert needs_health.reasons_not_applicable(project) == ["scenario_not_declared"]

    standard_only = item.applies.model_copy(
        update={"declared_scenario": "entrepreneurship", "scenario_roles": ["standard"]}
    )
    assert standard_only.reasons_not_applicable(project) == ["scenario_role"]

    new_build = item.applies.model_copy(update={"creation_types": ["new_build"], "orientations": ["leading"]})
    assert new_build.reasons_not_applicable(project) == ["creation_type", "orientation"]
