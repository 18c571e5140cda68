"""Prompts: loaded from ai/prompts/*.json (or PROMPTS_DIR), validated at start, rendered by name.

Each prompt has a system and a user template with named placeholders ({job_posting}); literal
braces are written {{ and }}. The code declares below which prompts it needs and which
placeholders it fills, so a missing file, a missing prompt, a placeholder the code does not
fill or one it fills that the template forgets stops the start with a message that names it.

Untrusted text (job postings, uploaded samples, anything derived from them) is data, never
instructions: its placeholder must sit inside a tag of the same name (<job_posting>{job_posting}
</job_posting>), the system prompt says never to follow instructions inside such tags, and
rendering escapes those tags inside the values, so a posting cannot close its block early and
speak as the prompt.
"""

from __future__ import annotations

import json
import re
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from jobwise.config import ConfigurationError, Settings

PACKAGED_DIR = Path(__file__).resolve().parent / "prompts"
Tier = Literal["fast", "quality"]


@dataclass(frozen=True)
class PromptSpec:
    """What the code fills in: every placeholder, and which of them hold untrusted text."""

    placeholders: frozenset[str]
    untrusted: frozenset[str] = frozenset()


def _spec(*placeholders: str, untrusted: tuple[str, ...] = ()) -> PromptSpec:
    return PromptSpec(frozenset(placeholders), frozenset(untrusted))


# The prompts the code uses, by file (the seed's three plus parsing). The seed's style notes
# prompt is gone: the deterministic style profile (samples/style.py) is what the prompts use.
REQUIRED: dict[str, dict[str, PromptSpec]] = {
    "parsing_prompts.json": {
        "parse_job": _spec("job_posting", untrusted=("job_posting",)),
    },
    "enhancement_prompts.json": {
        "enhance_summary": _spec("original_text", "style_guide", "feedback", untrusted=("style_guide",)),
        "enhance_bullet": _spec(
            "original_text", "context", "tense", "style_guide", "feedback", untrusted=("style_guide",)
        ),
        "enhance_texts": _spec("texts", "style_guide", untrusted=("style_guide",)),
    },
    "ranking_prompts.json": {
        "rerank_evidence": _spec("requirement", "candidates", untrusted=("requirement",)),
    },
    "generation_prompts.json": {
        "cover_letter": _spec(
            "candidate_name",
            "summary",
            "about_candidate",
            "evidence",
            "job_posting",
            "style_guide",
            "min_words",
            "max_words",
            "feedback",
            untrusted=("job_posting", "style_guide"),
        ),
    },
}


def _join_lines(value: object) -> object:
    # A template may be written as a list of lines: JSON has no multi-line strings.
    if isinstance(value, list) and all(isinstance(line, str) for line in value):
        return "\n".join(value)
    return value


Template = Annotated[str, BeforeValidator(_join_lines), Field(min_length=1, max_length=20_000)]


class PromptEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: str = ""
    system: Template
    user: Template
    # Which configured model answers: the fast one (parsing, ranking) or the quality one (writing).
    model: Tier = "fast"
    temperature: float = Field(default=0.0, ge=0, le=2)
    # Reasoning models count their reasoning against this: leave room.
    max_tokens: int = Field(default=2048, ge=16, le=32_768)


@dataclass(frozen=True)
class Prompt:
    name: str
    system: str
    user: str
    tier: Tier
    temperature: float
    max_tokens: int
    spec: PromptSpec
    # Tag names used as delimiters in the templates; escaped inside every value.
    tags: frozenset[str]

    def render(self, values: dict[str, str]) -> tuple[str, str]:
        given = set(values)
        if given != self.spec.placeholders:
            missing = sorted(self.spec.placeholders - given)
            extra = sorted(given - self.spec.placeholders)
            raise ValueError(f"prompt {self.name}: missing values {missing}, unexpected {extra}")
        safe = {name: escape_tags(value, self.tags) for name, value in values.items()}
        return self.system.format_map(safe), self.user.format_map(safe)


class PromptLibrary:
    def __init__(self, prompts: dict[str, Prompt], directory: Path) -> None:
        self._prompts = prompts
        self.directory = directory

    def get(self, name: str) -> Prompt:
        try:
            return self._prompts[name]
        except KeyError:
            raise KeyError(f"no prompt named {name!r} (known: {sorted(self._prompts)})") from None

    def __contains__(self, name: object) -> bool:
        return name in self._prompts

    def names(self) -> list[str]:
        return sorted(self._prompts)


def prompts_dir(settings: Settings) -> Path:
    return Path(settings.PROMPTS_DIR).expanduser().resolve() if settings.PROMPTS_DIR else PACKAGED_DIR


def load_prompts(directory: Path, required: dict[str, dict[str, PromptSpec]] | None = None) -> PromptLibrary:
    """Read and check every prompt file; ConfigurationError names the first problem found."""
    required = REQUIRED if required is None else required
    if not directory.is_dir():
        raise ConfigurationError(f"PROMPTS_DIR {directory} is not a directory")
    prompts: dict[str, Prompt] = {}
    for file_name, specs in required.items():
        path = directory / file_name
        where = f"prompt file {path}"
        if not path.is_file():
            raise ConfigurationError(
                f"Missing {where}; copy it from the packaged prompts ({PACKAGED_DIR}) or unset PROMPTS_DIR"
            )
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ConfigurationError(f"Cannot read {where}: {exc}") from None
        if not isinstance(raw, dict):
            raise ConfigurationError(f"{where} must hold a JSON object of prompts by name")
        for name, spec in specs.items():
            if name not in raw:
                raise ConfigurationError(f"Prompt {name!r} is missing from {path}")
            if name in prompts:
                raise ConfigurationError(f"Prompt {name!r} is defined twice (again in {path})")
            prompts[name] = _checked_prompt(name, raw[name], spec, path)
    return PromptLibrary(prompts, directory)


def load_configured_prompts(settings: Settings) -> PromptLibrary:
    return load_prompts(prompts_dir(settings))


def _checked_prompt(name: str, raw: object, spec: PromptSpec, path: Path) -> Prompt:
    where = f"prompt {name!r} in {path}"
    try:
        entry = PromptEntry.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(entry)'}: {err['msg']}" for err in exc.errors()[:3]
        )
        raise ConfigurationError(f"Invalid {where}: {problems}") from None
    used: set[str] = set()
    for part, template in (("system", entry.system), ("user", entry.user)):
        used |= _placeholders(template, f"{where} ({part})")
    unknown = sorted(used - spec.placeholders)
    if unknown:
        raise ConfigurationError(
            f"Unknown placeholder {{{unknown[0]}}} in {where}; the code fills only "
            + ", ".join(f"{{{p}}}" for p in sorted(spec.placeholders))
        )
    missing = sorted(spec.placeholders - used)
    if missing:
        raise ConfigurationError(
            f"Placeholder {{{missing[0]}}} is missing from {where}; "
            "without it the model never sees that input"
        )
    for placeholder in sorted(spec.untrusted):
        delimited = re.compile(rf"<{placeholder}>\s*\{{{placeholder}\}}\s*</{placeholder}>")
        if not delimited.search(entry.system + "\n" + entry.user):
            raise ConfigurationError(
                f"{{{placeholder}}} in {where} holds untrusted text and must be delimited as data: "
                f"<{placeholder}>{{{placeholder}}}</{placeholder}>"
            )
    tags = frozenset(re.findall(r"</([a-z_][a-z0-9_]*)>", entry.system + "\n" + entry.user))
    return Prompt(
        name=name,
        system=entry.system,
        user=entry.user,
        tier=entry.model,
        temperature=entry.temperature,
        max_tokens=entry.max_tokens,
        spec=spec,
        tags=tags | spec.untrusted,
    )


def _placeholders(template: str, where: str) -> set[str]:
    names: set[str] = set()
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise ConfigurationError(
            f"Bad template in {where}: {exc} (write literal braces as {{{{ and }}}})"
        ) from None
    for _literal, field, format_spec, conversion in parsed:
        if field is None:
            continue
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", field) or format_spec or conversion:
            # Attribute/index access and format specs are never needed and only invite surprises.
            raise ConfigurationError(
                f"Bad placeholder {{{field}{'!' + conversion if conversion else ''}"
                f"{':' + format_spec if format_spec else ''}}} in {where}: "
                "use plain names like {job_posting}"
            )
        names.add(field)
    return names


def escape_tags(text: str, tags: frozenset[str]) -> str:
    """Neutralise our delimiter tags inside a value: "</job_posting>" becomes "&lt;/job_posting>"."""
    if not tags:
        return text
    pattern = re.compile(
        r"<(\s*/?\s*(?:" + "|".join(re.escape(t) for t in sorted(tags)) + r")\b)", re.IGNORECASE
    )
    return pattern.sub(r"&lt;\1", text)
