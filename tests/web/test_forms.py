"""Forms as the pages send them, turned into the schemas the services take."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from jobwise.web.forms import Direction, ExperienceForm, JobForm, SkillsForm, apply_bullet_action


@pytest.mark.parametrize(
    ("action", "after"),
    [
        (None, ["a", "b", "c"]),
        ("add_bullet", ["a", "b", "c", ""]),
        ("remove:1", ["a", "c"]),
        ("up:1", ["b", "a", "c"]),
        ("up:0", ["a", "b", "c"]),
        ("down:1", ["a", "c", "b"]),
        ("down:2", ["a", "b", "c"]),
        ("remove:9", ["a", "b", "c"]),
        # A drag: the bullet taken from one place and put at another.
        ("to:2:0", ["c", "a", "b"]),
        ("to:0:2", ["b", "c", "a"]),
        ("to:0:99", ["b", "c", "a"]),
        ("to:9:0", ["a", "b", "c"]),
    ],
)
def test_bullet_actions_move_add_and_remove(action: str | None, after: list[str]) -> None:
    assert apply_bullet_action(["a", "b", "c"], action) == after


def test_an_unknown_bullet_action_is_refused() -> None:
    with pytest.raises(ValidationError):
        ExperienceForm.model_validate({"action": "explode:1"})


@pytest.mark.parametrize("sent", [{}, {"direction": "up", "to": "1"}, {"to": "-1"}, {"direction": "left"}])
def test_a_move_says_up_down_or_a_position_and_only_one(sent: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        Direction.model_validate(sent)


def test_empty_bullets_are_not_saved_and_a_current_role_has_no_end() -> None:
    form = ExperienceForm(
        title="Engineer",
        company="Acme",
        start_date="2020-01",
        end_date="2021",
        is_current=True,
        bullets=["Built things", "  ", ""],
        technologies="Python, SQL;Go",
    )
    update = form.to_update()
    assert update.bullets == ["Built things"]
    assert update.end_date is None
    assert update.technologies == ["Python", "SQL", "Go"]


def test_skills_kept_from_before_keep_their_level_and_keywords() -> None:
    current = [{"name": "Python", "level": "Expert", "keywords": ["FastAPI"]}]
    update = SkillsForm(skills="python, Go, Go").to_update(current)
    assert update.skills is not None
    assert [skill.model_dump(exclude_none=True) for skill in update.skills] == [
        {"name": "Python", "level": "Expert", "keywords": ["FastAPI"]},
        {"name": "Go"},
    ]


def test_a_job_form_sends_lists_one_per_line_and_keywords_by_comma() -> None:
    update = JobForm(
        title="Engineer", company="Acme", requirements="Python\n\n SQL \n", keywords="Python, SQL", remote=""
    ).to_update()
    assert update.requirements == ["Python", "SQL"]
    assert update.parsed_keywords == ["Python", "SQL"]
    assert update.remote is None
