"""The JSON Resume mapping on its own (no HTTP): import then export gives the same document."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from jobwise.models import Education, Experience, Profile, ProfileEntry, Project
from jobwise.profiles import jsonresume
from jobwise.profiles.jsonresume import InvalidJsonResume, JsonResumeTooLarge
from jobwise.profiles.schemas import JSON_RESUME_KEY
from tests.conftest import TEST_DATA
from tests.profiles.conftest import HAND_WRITTEN, SAMPLE, nested


def imported_profile(document: dict[str, Any]) -> Profile:
    """The rows an import stores, built in memory as the service would."""
    imported = jsonresume.parse(document)
    custom = {JSON_RESUME_KEY: imported.kept} if imported.kept else {}
    profile = Profile(
        personal_info=imported.personal_info,
        professional_summary=imported.professional_summary,
        skills=imported.skills,
        custom_fields=custom,
    )
    profile.experiences = [Experience(**columns) for columns in imported.experiences]
    profile.projects = [Project(**columns) for columns in imported.projects]
    profile.education = [Education(**columns) for columns in imported.education]
    profile.entries = [
        ProfileEntry(section=section, data=data, display_order=index)
        for section, entries in imported.entries.items()
        for index, data in enumerate(entries)
    ]
    return profile


def round_trip(document: dict[str, Any]) -> dict[str, Any]:
    # Through JSON, as the database stores the JSON columns.
    profile = imported_profile(json.loads(json.dumps(document)))
    return jsonresume.export(profile)


def test_the_json_resume_sample_round_trips() -> None:
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    assert round_trip(copy.deepcopy(sample)) == sample


def test_a_hand_written_document_round_trips() -> None:
    assert round_trip(copy.deepcopy(HAND_WRITTEN)) == HAND_WRITTEN


@pytest.mark.parametrize(
    "document",
    [
        {},
        {"basics": {}},
        {"work": [], "projects": [], "education": [], "skills": []},
        {"basics": {"summary": "Only a summary"}},
        {"work": [{"location": ""}]},
        {"education": [{"score": ""}, {"score": "3"}, {"score": "3.50"}, {"score": "101"}]},
    ],
)
def test_edge_documents_round_trip(document: dict[str, Any]) -> None:
    assert round_trip(copy.deepcopy(document)) == document


def test_how_the_hand_written_document_is_stored() -> None:
    profile = imported_profile(copy.deepcopy(HAND_WRITTEN))
    assert profile.personal_info["name"] == "Grace Hopper"
    assert "summary" not in profile.personal_info
    assert profile.professional_summary == ""
    navy, rand, consultant, empty = profile.experiences
    assert (navy.title, navy.company, navy.location) == ("Rear Admiral", "US Navy", "Arlington, VA")
    assert (navy.start_date, navy.end_date, navy.is_current) == ("1943", "1986-08", False)
    assert navy.description == "Led the COBOL effort\n"
    assert navy.extra is not None and navy.extra["keys"] == {
        "summary": "Computing pioneer",
        "x-work": {"nested": ["value"]},
    }
    # An object location becomes readable text; the object itself is kept for export.
    assert rand.location == "Philadelphia, PA"
    assert rand.is_current is True and rand.description is None
    # Missing required columns: empty text, never invented values.
    assert (consultant.title, consultant.company, consultant.start_date) == ("Consultant", "", "")
    assert (empty.title, empty.company) == ("", "")
    yale, vassar, unnamed = profile.education
    assert (yale.degree, yale.field_of_study, yale.gpa) == ("PhD", "Mathematics", None)
    assert vassar.gpa == 4.0 and unnamed.gpa == 12.0 and unnamed.institution == ""
    assert profile.projects[0].technologies == [] and profile.projects[1].name == ""
    kept = (profile.custom_fields or {})[JSON_RESUME_KEY]
    assert set(kept["keys"]) == {"$schema", "x-top", "meta"}
    # Other sections are entries; one present but empty comes back empty.
    assert [(row.section, row.data) for row in profile.entries] == [
        ("languages", {"language": "English", "fluency": "Native"})
    ]
    assert "volunteer" in kept["present_empty"]


def test_edits_made_after_an_import_win_over_the_kept_originals() -> None:
    profile = imported_profile(copy.deepcopy(HAND_WRITTEN))
    _, rand, consultant, _ = profile.experiences
    rand.location = "Remote"
    consultant.company = "Self-employed"
    consultant.start_date = "1967"
    vassar = profile.education[1]
    vassar.gpa = 3.9
    exported = jsonresume.export(profile)
    assert exported["work"][1]["location"] == "Remote"
    assert exported["work"][2] == {"name": "Self-employed", "position": "Consultant", "startDate": "1967"}
    assert exported["education"][1]["score"] == "3.9"
    # Untouched entries still come back exactly.
    assert exported["work"][0] == HAND_WRITTEN["work"][0]


def test_a_profile_made_through_the_api_exports_a_document_that_imports_back() -> None:
    profile = Profile(
        personal_info={"name": "Ada", "location": "London", "links": ["https://ada.example"]},
        professional_summary="Writes careful software.",
        skills=[{"name": "Python"}],
        custom_fields={"pronouns": "she/her"},
    )
    profile.experiences = [
        Experience(
            title="Engineer",
            company="Acme",
            location=None,
            start_date="2020-03",
            end_date="2023",
            is_current=False,
            description="Built things\nShipped things",
            technologies=["Python"],
        )
    ]
    profile.projects = [
        Project(name="jobwise", description=None, technologies=[], github_url="https://g.example")
    ]
    profile.education = [
        Education(institution="MIT", degree="BSc", gpa=3.5, relevant_coursework=["Algorithms"])
    ]
    exported = jsonresume.export(profile)
    assert exported == {
        "basics": {
            "name": "Ada",
            "location": "London",
            "links": ["https://ada.example"],
            "summary": "Writes careful software.",
        },
        "work": [
            {
                "name": "Acme",
                "position": "Engineer",
                "startDate": "2020-03",
                "endDate": "2023",
                "highlights": ["Built things", "Shipped things"],
                "technologies": ["Python"],
            }
        ],
        "education": [{"institution": "MIT", "studyType": "BSc", "score": "3.5", "courses": ["Algorithms"]}],
        "skills": [{"name": "Python"}],
        "projects": [{"name": "jobwise", "githubUrl": "https://g.example"}],
    }
    assert list(exported) == ["basics", "work", "education", "skills", "projects"]
    assert round_trip(exported) == exported


INVALID: list[tuple[Any, str]] = [
    ({"work": [{"startDate": "2013-13-01"}]}, "work[0].startDate"),
    ({"work": [{"startDate": "2013/01"}]}, "work[0].startDate"),
    ({"education": [{"endDate": "2021-02-30"}]}, "education[0].endDate"),
    ({"projects": [{"startDate": "2021-01-01\n"}]}, "projects[0].startDate"),
    ({"work": [{"startDate": "2014", "endDate": "2013-12"}]}, "work[0].endDate"),
    ({"basics": {"name": 5}}, "basics.name"),
    ({"basics": {"location": 5}}, "basics.location"),
    ({"basics": {"summary": "s" * 5_001}}, "basics.summary"),
    ({"basics": {"profiles": [{}] * 21}}, "basics.profiles"),
    ({"work": "not a list"}, "work"),
    ({"work": [{}] * 51}, "work"),
    ({"work": [{"position": "p" * 201}]}, "work[0].position"),
    ({"work": [{"location": {"city": "c" * 91}}]}, "work[0].location.city"),
    ({"work": [{"highlights": ["a\nb"]}]}, "work[0].highlights[0]"),
    ({"work": [{"highlights": ["h"] * 31}]}, "work[0].highlights"),
    ({"work": [{"highlights": ["h" * 501]}]}, "work[0].highlights[0]"),
    ({"projects": [{"keywords": ["k"] * 51}]}, "projects[0].keywords"),
    ({"education": [{"courses": [1]}]}, "education[0].courses[0]"),
    ({"skills": [{}] * 101}, "skills"),
    ({"skills": ["Python"]}, "skills[0]"),
    ({"volunteer": [{}] * 51}, "volunteer"),
    ({"meta": "v1"}, "meta"),
    ({"meta": {"note": "nul\x00"}}, "meta.note"),
    ({"x-deep": nested(40)}, "x-deep" + "[0]" * 32),
]


@pytest.mark.parametrize(("document", "path"), INVALID)
def test_invalid_documents_name_the_path(document: dict[str, Any], path: str) -> None:
    with pytest.raises(InvalidJsonResume) as raised:
        jsonresume.parse(document)
    assert path in [detail["field"] for detail in raised.value.details], raised.value.details
    assert path in raised.value.message


def test_a_document_is_bounded_in_size() -> None:
    document = {"meta": {"notes": "x" * (jsonresume.MAX_DOCUMENT_BYTES + 1)}}
    with pytest.raises(JsonResumeTooLarge):
        jsonresume.parse(document)


def test_the_shipped_schema_is_the_json_resume_schema() -> None:
    schema = json.loads(jsonresume.SCHEMA_PATH.read_text(encoding="utf-8"))
    assert set(schema["properties"]) >= {"basics", "work", "volunteer", "meta", "certificates"}
    assert jsonresume.SCHEMA_PATH.with_name("jsonresume_schema.LICENSE.txt").exists()
    upstream = TEST_DATA / "jsonresume" / "schema.json"
    assert schema == json.loads(upstream.read_text(encoding="utf-8"))


def test_an_education_score_may_be_a_dissertation_title() -> None:
    # The JSON Resume senior-engineer example holds a 71-character title in education[0].score.
    title = "Dissertation: Consistency models for geo-replicated collaborative editors"
    document = {"education": [{"institution": "ETH Zürich", "studyType": "PhD", "score": title}]}
    assert round_trip(copy.deepcopy(document)) == document


@pytest.mark.parametrize(
    "document",
    [
        {"personalInfo": {"fullName": "Ada"}, "workExperience": [{"company": "Acme"}]},
        {"resume": {"basics": {"name": "Ada"}}},
    ],
)
def test_a_document_of_another_format_is_refused_naming_what_is_missing(document: dict[str, Any]) -> None:
    with pytest.raises(InvalidJsonResume) as raised:
        jsonresume.parse(document)
    assert raised.value.details[0]["field"] == "basics"
    assert "basics" in raised.value.message and sorted(document)[0] in raised.value.message


@pytest.mark.parametrize("url", ["https://ada.dev", "github.com/ada", "ada.dev", ""])
def test_a_url_without_a_scheme_is_kept_as_given(url: str) -> None:
    document = {"basics": {"url": url, "profiles": [{"url": url}]}, "projects": [{"name": "p", "url": url}]}
    assert round_trip(copy.deepcopy(document)) == document


@pytest.mark.parametrize("url", ["ftp://x", "not a url", "javascript:alert(1)"])
def test_a_url_the_api_refuses_is_refused_on_import_too(url: str) -> None:
    with pytest.raises(InvalidJsonResume) as raised:
        jsonresume.parse({"basics": {"url": url}})
    assert raised.value.details[0]["field"] == "basics.url"
