"""JSON Resume import and export, lossless in both directions.

Importing a document and exporting it gives back an equal document. What the tables model is
mapped onto their columns (basics -> personal info and summary, work -> experiences, projects,
education, skills); everything else is kept where export finds it again:

- volunteer, awards, certificates, publications, languages and interests become profile entries,
  each holding its object as given;
- top-level sections and keys the tables don't model (references, `$schema`, `meta`, unknown keys)
  go into the profile's custom_fields under JSON_RESUME_KEY;
- an entry's keys its table doesn't model (work.summary, work.url, project roles...) go into the
  item's `extra["keys"]`;
- when a column cannot hold a value exactly as given (a work location object, the score "4.0",
  a missing position kept as an empty title, an empty highlights list), `extra["raw"]` keeps the
  original next to the column value it was stored as. Export uses the original only while the
  column still holds that value, so an edit made later through the API wins.

Documents are validated against the JSON Resume schema (a verbatim copy ships next to this module,
relaxed here so that work.location and basics.location may each be a string or an object) and
against JobWise's limits, which are the API's limits for the fields JobWise maps. Errors name the
path ("work[0].startDate"). Formats such as "uri" and "email" are annotations in draft-07 and are
not asserted: real documents often hold an empty url, and refusing them would lose data.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from jsonschema import Draft7Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from jobwise.errors import InvalidInput, PayloadTooLarge
from jobwise.models import SECTIONS, Education, Experience, Profile, Project
from jobwise.profiles.schemas import (
    JSON_RESUME_KEY,
    MAX_ADDRESS_CHARS,
    MAX_BULLET_CHARS,
    MAX_BULLETS,
    MAX_CITY_CHARS,
    MAX_COUNTRY_CODE_CHARS,
    MAX_COURSE_CHARS,
    MAX_EMAIL_CHARS,
    MAX_GPA,
    MAX_HONORS_CHARS,
    MAX_ITEMS,
    MAX_LEVEL_CHARS,
    MAX_LINKS,
    MAX_NAME_CHARS,
    MAX_NETWORK_CHARS,
    MAX_PHONE_CHARS,
    MAX_POSTAL_CODE_CHARS,
    MAX_SCORE_CHARS,
    MAX_SKILL_KEYWORDS,
    MAX_SKILLS,
    MAX_SUMMARY_CHARS,
    MAX_TERM_CHARS,
    MAX_TERMS,
    MAX_URL_CHARS,
    MAX_USERNAME_CHARS,
    URL_PATTERN,
    check_partial_date,
    date_is_before,
    json_path,
)
from jobwise.profiles.versions import join_bullets, split_bullets
from jobwise.text.safe import json_problem

SCHEMA_PATH = Path(__file__).with_name("jsonresume_schema.json")
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
MAX_REPORTED_ERRORS = 50

# Stored as entries (models/profile_entry.py), each object as given.
ENTRY_SECTIONS: Final = SECTIONS
MODELLED_SECTIONS: Final = ("basics", "work", "education", "skills", "projects", *ENTRY_SECTIONS)
OTHER_SECTIONS: Final = ("references",)
# The order of the JSON Resume schema, so exports read like the documents people write.
_CANONICAL_ORDER: Final = (
    "$schema",
    "basics",
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
    "meta",
)


class InvalidJsonResume(InvalidInput):
    code = "invalid_json_resume"


class JsonResumeTooLarge(PayloadTooLarge):
    code = "json_resume_too_large"


# --- validation ------------------------------------------------------------------------------

_FORMATS = FormatChecker(formats=())


@_FORMATS.checks("partial-date", raises=ValueError)
def _is_partial_date(value: object) -> bool:
    if isinstance(value, str):
        check_partial_date(value)
    return True


@_FORMATS.checks("single-line", raises=ValueError)
def _is_single_line(value: object) -> bool:
    if isinstance(value, str) and ("\n" in value or "\r" in value):
        raise ValueError("a highlight is one line: JobWise stores highlights as lines of text")
    return True


def _chars(limit: int) -> dict[str, Any]:
    return {"maxLength": limit}


def _list(limit: int, chars: int) -> dict[str, Any]:
    return {"maxItems": limit, "items": {"maxLength": chars}}


_DATE: Final = {"format": "partial-date"}
# The API's rule for a web address; an empty one (which real documents hold) means none.
_URL: Final = {"maxLength": MAX_URL_CHARS, "pattern": f"^$|{URL_PATTERN}"}
_BULLETS: Final = {"maxItems": MAX_BULLETS, "items": {"maxLength": MAX_BULLET_CHARS, "format": "single-line"}}
# maxLength applies to the text form, properties to the object form.
_LOCATION: Final = {
    "maxLength": MAX_NAME_CHARS,
    "properties": {
        "address": _chars(MAX_ADDRESS_CHARS),
        "postalCode": _chars(MAX_POSTAL_CODE_CHARS),
        "city": _chars(MAX_CITY_CHARS),
        "countryCode": _chars(MAX_COUNTRY_CODE_CHARS),
        "region": _chars(MAX_CITY_CHARS),
    },
}


def _section(**properties: dict[str, Any]) -> dict[str, Any]:
    return {"maxItems": MAX_ITEMS, "items": {"properties": properties}}


# JobWise's limits on what it maps, the same as the API's; the size bound covers the rest.
LIMITS_SCHEMA: Final[dict[str, Any]] = {
    "properties": {
        "basics": {
            "properties": {
                "name": _chars(MAX_NAME_CHARS),
                "label": _chars(MAX_NAME_CHARS),
                "image": _URL,
                "email": _chars(MAX_EMAIL_CHARS),
                "phone": _chars(MAX_PHONE_CHARS),
                "url": _URL,
                "summary": _chars(MAX_SUMMARY_CHARS),
                "location": _LOCATION,
                "profiles": {
                    "maxItems": MAX_LINKS,
                    "items": {
                        "properties": {
                            "network": _chars(MAX_NETWORK_CHARS),
                            "username": _chars(MAX_USERNAME_CHARS),
                            "url": _URL,
                        }
                    },
                },
            }
        },
        "work": _section(
            name=_chars(MAX_NAME_CHARS),
            position=_chars(MAX_NAME_CHARS),
            location=_LOCATION,
            startDate=_DATE,
            endDate=_DATE,
            highlights=_BULLETS,
            technologies=_list(MAX_TERMS, MAX_TERM_CHARS),
        ),
        "projects": _section(
            name=_chars(MAX_NAME_CHARS),
            highlights=_BULLETS,
            keywords=_list(MAX_TERMS, MAX_TERM_CHARS),
            url=_URL,
            githubUrl=_URL,
            startDate=_DATE,
            endDate=_DATE,
        ),
        "education": _section(
            institution=_chars(MAX_NAME_CHARS),
            studyType=_chars(MAX_NAME_CHARS),
            area=_chars(MAX_NAME_CHARS),
            location=_chars(MAX_NAME_CHARS),
            score=_chars(MAX_SCORE_CHARS),
            courses=_list(MAX_TERMS, MAX_COURSE_CHARS),
            honors=_chars(MAX_HONORS_CHARS),
            startDate=_DATE,
            endDate=_DATE,
        ),
        "skills": {
            "maxItems": MAX_SKILLS,
            "items": {
                "properties": {
                    "name": _chars(MAX_TERM_CHARS),
                    "level": _chars(MAX_LEVEL_CHARS),
                    "keywords": _list(MAX_SKILL_KEYWORDS, MAX_TERM_CHARS),
                }
            },
        },
        "volunteer": _section(
            organization=_chars(MAX_NAME_CHARS),
            position=_chars(MAX_NAME_CHARS),
            url=_URL,
            startDate=_DATE,
            endDate=_DATE,
            summary=_chars(MAX_SUMMARY_CHARS),
            highlights=_BULLETS,
        ),
        "awards": _section(
            title=_chars(MAX_NAME_CHARS),
            date=_DATE,
            awarder=_chars(MAX_NAME_CHARS),
            summary=_chars(MAX_SUMMARY_CHARS),
        ),
        "certificates": _section(
            name=_chars(MAX_NAME_CHARS), date=_DATE, issuer=_chars(MAX_NAME_CHARS), url=_URL
        ),
        "publications": _section(
            name=_chars(MAX_NAME_CHARS),
            publisher=_chars(MAX_NAME_CHARS),
            releaseDate=_DATE,
            url=_URL,
            summary=_chars(MAX_SUMMARY_CHARS),
        ),
        "languages": _section(language=_chars(MAX_TERM_CHARS), fluency=_chars(MAX_LEVEL_CHARS)),
        "interests": _section(
            name=_chars(MAX_TERM_CHARS), keywords=_list(MAX_SKILL_KEYWORDS, MAX_TERM_CHARS)
        ),
        **{name: {"maxItems": MAX_ITEMS} for name in OTHER_SECTIONS},
    }
}


def json_resume_schema() -> dict[str, Any]:
    """The JSON Resume schema as JobWise applies it: both forms of a location are accepted."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    properties = schema["properties"]
    basics_location = properties["basics"]["properties"]["location"]
    properties["basics"]["properties"]["location"] = {"anyOf": [basics_location, {"type": "string"}]}
    work_location = properties["work"]["items"]["properties"]["location"]
    properties["work"]["items"]["properties"]["location"] = {
        "anyOf": [work_location, {"type": "object", "additionalProperties": True}]
    }
    return schema


def load_validators() -> None:
    """Build the validators now (about 0.4 s, once), rather than inside the first import."""
    _validators()


@lru_cache(maxsize=1)
def _validators() -> tuple[Draft7Validator, Draft7Validator]:
    schema = json_resume_schema()
    Draft7Validator.check_schema(schema)
    Draft7Validator.check_schema(LIMITS_SCHEMA)
    return Draft7Validator(schema), Draft7Validator(LIMITS_SCHEMA, format_checker=_FORMATS)


def _path(parts: Iterable[str | int]) -> str:
    return json_path(list(parts)) or "(document)"


_TYPE_NAMES: Final = {"object": "an object", "array": "a list", "string": "a string", "integer": "an integer"}


def _message(error: ValidationError) -> str:
    value = error.validator_value
    if error.validator == "type":
        kinds = value if isinstance(value, list) else [value]
        return "must be " + " or ".join(_TYPE_NAMES.get(str(kind), f"a {kind}") for kind in kinds)
    if error.validator == "maxLength" and isinstance(error.instance, str):
        return f"must be at most {value} characters (got {len(error.instance)})"
    if error.validator == "maxItems" and isinstance(error.instance, list):
        return f"must have at most {value} items (got {len(error.instance)})"
    if error.validator == "format" and error.cause is not None:
        return str(error.cause)
    last = str(error.path[-1] if error.path else "")
    if error.validator == "pattern" and last.endswith("Date"):
        return "must be a date as YYYY, YYYY-MM or YYYY-MM-DD"
    if error.validator == "pattern" and last in {"url", "githubUrl", "image"}:
        return "must be a web address: https://example.com or example.com"
    if error.validator == "anyOf":
        return "must be a string or an object"
    return error.message if len(error.message) <= 200 else error.message[:200] + "…"


def validate(document: dict[str, Any]) -> None:
    """Raise InvalidJsonResume (naming every bad path) or JsonResumeTooLarge."""
    # First, before anything walks the document recursively.
    found = json_problem(document)
    if found:
        parts, problem = found
        detail = {"field": _path(parts), "message": problem, "type": "json"}
        raise InvalidJsonResume(
            f"Not a valid JSON Resume document: {detail['field']}: {problem}", details=[detail]
        )
    size = len(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode())
    if size > MAX_DOCUMENT_BYTES:
        raise JsonResumeTooLarge(
            f"The JSON Resume document is {size} bytes; the limit is {MAX_DOCUMENT_BYTES}",
            details={"size": size, "limit": MAX_DOCUMENT_BYTES},
        )
    _refuse_other_formats(document)
    problems: dict[str, dict[str, str]] = {}
    for validator in _validators():
        for error in validator.iter_errors(document):
            where = _path(error.absolute_path)
            # One problem per path: the schema's pattern and JobWise's date check often agree.
            problems.setdefault(
                where, {"field": where, "message": _message(error), "type": str(error.validator)}
            )
    if not problems:
        problems = _date_order_problems(document)
    if problems:
        details = list(problems.values())[:MAX_REPORTED_ERRORS]
        summary = "; ".join(f"{p['field']}: {p['message']}" for p in details[:5])
        raise InvalidJsonResume(f"Not a valid JSON Resume document: {summary}", details=details)


def _refuse_other_formats(document: dict[str, Any]) -> None:
    """A document with keys but none of JSON Resume's is another format, not an empty résumé.

    Taking it would store an empty profile and report success; naming the sections JSON Resume
    expects tells the person what to convert.
    """
    if not isinstance(document, dict) or not document:
        return
    if any(key in _CANONICAL_ORDER for key in document):
        return
    found = ", ".join(sorted(document)[:10])
    expected = ", ".join(name for name in (*MODELLED_SECTIONS, *OTHER_SECTIONS))
    message = f"no JSON Resume section found (expected basics, work, ...; the document has {found})"
    details = [
        {"field": "basics", "message": f"is missing: {message}", "type": "required"},
        {"field": "(document)", "message": f"JSON Resume sections are {expected}", "type": "format"},
    ]
    raise InvalidJsonResume(f"Not a JSON Resume document: basics is missing; {message}", details=details)


def _date_order_problems(document: dict[str, Any]) -> dict[str, dict[str, str]]:
    problems: dict[str, dict[str, str]] = {}
    for section in ("work", "projects", "education", "volunteer"):
        for index, entry in enumerate(document.get(section) or []):
            start, end = entry.get("startDate"), entry.get("endDate")
            if isinstance(start, str) and isinstance(end, str) and date_is_before(end, start):
                where = f"{section}[{index}].endDate"
                problems[where] = {"field": where, "message": f"is before startDate {start}", "type": "order"}
    return problems


# --- field mapping ---------------------------------------------------------------------------


class _Missing:
    """A key absent from a document (distinct from null, which JSON Resume has no use for)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()


@dataclass(frozen=True)
class _Field:
    key: str  # the JSON Resume key
    column: str  # the model attribute
    load: Callable[[Any], Any]  # document value (or MISSING) -> column value
    dump: Callable[[Any], Any]  # column value -> document value (or MISSING: leave the key out)


def _text_or_empty(value: object) -> str:
    # A required column without a value: an empty string, and the absence kept in extra["raw"].
    return value if isinstance(value, str) else ""


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _location_text(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        parts = [value.get(key) for key in ("city", "region", "countryCode")]
        return ", ".join(part for part in parts if isinstance(part, str) and part) or None
    return None


def _bullets(value: object) -> str | None:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return join_bullets(value)
    return None


def _terms(value: object) -> list[str] | None:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    return None


_PLAIN_NUMBER = re.compile(r"[0-9]{1,3}(\.[0-9]{1,6})?")


def _gpa(value: object) -> float | None:
    if isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value) and float(value) <= MAX_GPA:
        return float(value)
    return None


def _always(value: Any) -> Any:
    return value


def _unless_none(value: Any) -> Any:
    return MISSING if value is None else value


def _unless_empty(value: Any) -> Any:
    return value if value else MISSING


def _dump_bullets(value: str | None) -> Any:
    return MISSING if value is None else split_bullets(value)


def _dump_gpa(value: float | None) -> Any:
    return MISSING if value is None else f"{value:g}"


WORK_FIELDS: Final = (
    _Field("name", "company", _text_or_empty, _always),
    _Field("position", "title", _text_or_empty, _always),
    _Field("location", "location", _location_text, _unless_none),
    _Field("startDate", "start_date", _text_or_empty, _unless_empty),
    _Field("endDate", "end_date", _text, _unless_none),
    _Field("highlights", "description", _bullets, _dump_bullets),
    # Not JSON Resume keys: they carry the columns JSON Resume has no place for.
    _Field("technologies", "technologies", _terms, _unless_empty),
)
PROJECT_FIELDS: Final = (
    _Field("name", "name", _text_or_empty, _always),
    _Field("highlights", "description", _bullets, _dump_bullets),
    _Field("keywords", "technologies", _terms, _unless_empty),
    _Field("url", "url", _text, _unless_none),
    _Field("startDate", "start_date", _text, _unless_none),
    _Field("endDate", "end_date", _text, _unless_none),
    _Field("githubUrl", "github_url", _text, _unless_none),
)
EDUCATION_FIELDS: Final = (
    _Field("institution", "institution", _text_or_empty, _always),
    _Field("studyType", "degree", _text_or_empty, _always),
    _Field("area", "field_of_study", _text, _unless_none),
    _Field("startDate", "start_date", _text, _unless_none),
    _Field("endDate", "end_date", _text, _unless_none),
    _Field("score", "gpa", _gpa, _dump_gpa),
    _Field("courses", "relevant_coursework", _terms, _unless_empty),
    _Field("location", "location", _text, _unless_none),
    _Field("honors", "honors", _text, _unless_none),
)


def _load_entry(entry: dict[str, Any], fields: Sequence[_Field]) -> dict[str, Any]:
    """Column values for one entry, with `extra` holding what the columns can't."""
    modelled = {f.key for f in fields}
    columns: dict[str, Any] = {}
    raw: dict[str, Any] = {}
    for f in fields:
        original = entry.get(f.key, MISSING)
        value = f.load(original)
        columns[f.column] = value
        if f.dump(value) != original:
            raw[f.key] = {"as": value} if original is MISSING else {"as": value, "value": original}
    keys = {key: value for key, value in entry.items() if key not in modelled}
    extra = {name: part for name, part in (("keys", keys), ("raw", raw)) if part}
    columns["extra"] = copy.deepcopy(extra) or None
    return columns


def _dump_entry(row: Experience | Project | Education, fields: Sequence[_Field]) -> dict[str, Any]:
    extra = row.extra or {}
    out: dict[str, Any] = copy.deepcopy(extra.get("keys") or {})
    raw: dict[str, Any] = extra.get("raw") or {}
    for f in fields:
        current = getattr(row, f.column)
        kept = raw.get(f.key)
        value = kept.get("value", MISSING) if kept is not None and kept["as"] == current else f.dump(current)
        if value is not MISSING:
            out[f.key] = copy.deepcopy(value)
    return out


# --- import and export -----------------------------------------------------------------------


@dataclass
class ImportedProfile:
    """A validated document as column values; items in document (display) order."""

    personal_info: dict[str, Any]
    professional_summary: str | None
    skills: list[dict[str, Any]]
    # What custom_fields[JSON_RESUME_KEY] holds: the unmodelled top-level keys and which
    # modelled sections were present but empty (so an empty "projects": [] comes back).
    kept: dict[str, Any] | None
    experiences: list[dict[str, Any]] = field(default_factory=list)
    projects: list[dict[str, Any]] = field(default_factory=list)
    education: list[dict[str, Any]] = field(default_factory=list)
    # volunteer, awards, certificates, publications, languages, interests: the objects as given.
    entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def parse(document: dict[str, Any]) -> ImportedProfile:
    validate(document)
    document = copy.deepcopy(document)
    basics: dict[str, Any] = document.get("basics") or {}
    summary = basics.pop("summary", None)
    keys = {key: value for key, value in document.items() if key not in MODELLED_SECTIONS}
    present_empty = [name for name in MODELLED_SECTIONS if name in document and not document[name]]
    kept = {name: part for name, part in (("keys", keys), ("present_empty", present_empty)) if part}
    experiences = []
    for entry in document.get("work") or []:
        columns = _load_entry(entry, WORK_FIELDS)
        # JSON Resume's convention: a role without an end date is the current one.
        columns["is_current"] = "endDate" not in entry
        experiences.append(columns)
    return ImportedProfile(
        personal_info=basics,
        professional_summary=summary,
        skills=list(document.get("skills") or []),
        kept=kept or None,
        experiences=experiences,
        projects=[_load_entry(entry, PROJECT_FIELDS) for entry in document.get("projects") or []],
        education=[_load_entry(entry, EDUCATION_FIELDS) for entry in document.get("education") or []],
        entries={name: list(document[name]) for name in ENTRY_SECTIONS if document.get(name)},
    )


def export(profile: Profile) -> dict[str, Any]:
    """The profile as a JSON Resume document (originals, never enhanced text). Needs the items."""
    kept: dict[str, Any] = (profile.custom_fields or {}).get(JSON_RESUME_KEY) or {}
    present_empty = set(kept.get("present_empty") or [])
    document: dict[str, Any] = copy.deepcopy(kept.get("keys") or {})
    basics = copy.deepcopy(profile.personal_info or {})
    if profile.professional_summary is not None:
        basics["summary"] = profile.professional_summary
    sections: dict[str, Any] = {
        "basics": basics,
        "work": [_dump_entry(row, WORK_FIELDS) for row in profile.experiences],
        "education": [_dump_entry(row, EDUCATION_FIELDS) for row in profile.education],
        "skills": copy.deepcopy(profile.skills or []),
        "projects": [_dump_entry(row, PROJECT_FIELDS) for row in profile.projects],
        **{
            name: [copy.deepcopy(entry.data) for entry in profile.entries_of(name)] for name in ENTRY_SECTIONS
        },
    }
    for name, value in sections.items():
        if value or name in present_empty:
            document[name] = value
    rank = {name: index for index, name in enumerate(_CANONICAL_ORDER)}
    return dict(sorted(document.items(), key=lambda item: rank.get(item[0], len(rank))))
