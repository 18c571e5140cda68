"""A scripted model for the cover-letter matrix: the test LLM server's answer to the letter prompt.

It reads only what the prompt gives a real model (the candidate's name, the evidence with its
source, the posting's title, company and matched keywords, the style guide, the feedback on a
previous draft) and writes the letter a careful model would: an opening naming the role and the
employer, the evidence retold in the first person and the past tense with varied openers, a
paragraph on the skills the posting weighs, a closing, the signature. Its prose is plain on
purpose: the matrix measures JobWise's path (prompt, client, truth check, retry, refusal), not
the eloquence of a model.

`mode` scripts dishonesty, set before each letter:

- "honest": every draft keeps to the prompt's facts;
- "invents_once": the first draft claims INVENTED (an employer, a team size, a percentage the
  profile never states); the retry, given the truth check's feedback, drops it;
- "invents_always": every draft claims it, so the letter must be refused with the claim named.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Literal

from tests.fakes.llm_server import Recorded, Reply

from jobwise.text.verbs import verb_forms
from jobwise.text.vocabulary import get_vocabulary

Mode = Literal["honest", "invents_once", "invents_always"]
INVENTED = "Before that, I led a team of 40 engineers at Google, where I cut cloud costs by 35%."
# What a refusal of INVENTED must name (any one of them).
INVENTED_PHRASES = ("Google", "40 engineers", "35%")

_EVIDENCE = re.compile(r"^- (?P<text>.*?)(?: \((?P<source>[^()]*)\))?$")
_FIRST_PERSON_OPENERS = ("I also", "In addition, I", "Beyond that, I", "Alongside this, I")
_MORE = [
    "I would be glad to walk you through any of this work in more detail.",
    "My résumé gives the full picture of my experience and studies.",
    "Please let me know a time that suits you for a conversation.",
    "I am used to learning new tools quickly when a project needs them.",
    "I enjoy working closely with colleagues, and I try to leave things clearer than I found them.",
]


@dataclass
class Prompt:
    name: str = "the candidate"
    title: str = ""
    company: str = ""
    keywords: list[str] = field(default_factory=list)
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (text, source)
    greeting: str = "Dear Hiring Manager,"
    closing: str = "Kind regards,"
    feedback: str = ""
    summary: str = ""
    skills: list[str] = field(default_factory=list)
    studies: list[str] = field(default_factory=list)


def read_prompt(user: str) -> Prompt:
    prompt = Prompt()
    section = ""
    for line in user.splitlines():
        if line.startswith("Candidate: "):
            prompt.name = line.removeprefix("Candidate: ").strip()
        elif line.startswith("Summary:"):
            section = "summary"
        elif section == "summary" and line.strip() and line.strip() != "(none given)":
            prompt.summary = line.strip()
        elif line.startswith("About the candidate"):
            section = "about"
        elif section == "about" and line.startswith("- Skills: "):
            prompt.skills = [s.strip() for s in line.removeprefix("- Skills: ").split(",") if s.strip()]
        elif section == "about" and line.startswith("- Studies: "):
            prompt.studies.append(line.removeprefix("- Studies: ").strip())
        elif line.startswith("Evidence from the candidate's profile:"):
            section = "evidence"
        elif section == "evidence" and (match := _EVIDENCE.match(line)):
            prompt.evidence.append((match["text"], match["source"] or ""))
        elif line.startswith("Title: "):
            title = line.removeprefix("Title: ").strip()
            prompt.title = "" if title == "not stated" else title
        elif line.startswith("Company: "):
            company = line.removeprefix("Company: ").strip()
            prompt.company = "" if company.startswith("not named") else company
        elif line.startswith("Keywords: "):
            prompt.keywords = [k.strip() for k in line.removeprefix("Keywords: ").split(",") if k.strip()]
        elif line.startswith("Problems with a previous draft"):
            prompt.feedback = line.split(":", 1)[1].strip()
        elif not line.strip():
            section = ""
    style = re.search(r"<style_guide>\s*(\{.*?\})\s*</style_guide>", user, re.DOTALL)
    if style:
        guide = json.loads(style.group(1))
        letter = guide.get("cover_letter") if isinstance(guide.get("cover_letter"), dict) else guide
        prompt.greeting = str(letter.get("greeting") or prompt.greeting)
        prompt.closing = str(letter.get("closing") or prompt.closing)
    return prompt


def _first_person(text: str) -> str:
    """ "Built the refunds service." -> "built the refunds service"; None-verb starts are kept."""
    text = text.strip().rstrip(".;")
    first, _, rest = text.partition(" ")
    forms = verb_forms(first)
    if forms is not None:
        return f"{forms.past} {rest}".strip()
    # "Using modern tools" reads "using modern tools"; a name ("PostgreSQL", "Kafka") keeps its case.
    keep = not first.istitle() or get_vocabulary().canonical(first) is not None
    return f"worked on {text if keep else text[0].lower() + text[1:]}"


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _where(source: str) -> str:
    if " at " in source:
        role, organization = source.rsplit(" at ", 1)
        return f"As {role} at {organization}"
    return f"On {source}" if source else "In my recent work"


def compose(
    prompt: Prompt, *, invent: bool, evidence_limit: int = 6, extra: int = 0, summary: bool = False
) -> str:
    employer = prompt.company or "your team"
    role = f"the {prompt.title} position" if prompt.title else "this position"
    opening = [
        f"I am writing to apply for {role} {'at ' + prompt.company if prompt.company else 'with your team'}."
    ]
    sources = [source for _, source in prompt.evidence if " at " in source]
    if sources:
        job, organization = sources[0].rsplit(" at ", 1)
        opening.append(
            f"I have worked as {job} at {organization}, and I would like to bring that experience "
            f"to {employer}."
        )
    if summary:  # the evidence is thin: the person's studies, skills and own words
        opening += [
            f"I studied for a {study}."
            if study[:1].isupper() and " in " in study
            else f"My studies: {study}."
            for study in prompt.studies[:1]
        ]
        if prompt.skills:
            opening.append(f"The skills I use most are {_join(prompt.skills[:3])}.")
        if prompt.summary:
            opening.append(prompt.summary)
    paragraphs = [opening]
    by_source: dict[str, list[str]] = {}
    for text, source in prompt.evidence[:evidence_limit]:
        by_source.setdefault(source, []).append(text)
    openers = iter(_FIRST_PERSON_OPENERS * 3)
    for source, texts in by_source.items():
        sentences = [f"{_where(source)}, I {_first_person(texts[0])}."]
        sentences += [f"{next(openers)} {_first_person(text)}." for text in texts[1:]]
        paragraphs.append(sentences)
    if invent:
        paragraphs[-1].append(INVENTED)
    if prompt.keywords:
        paragraphs.append(
            [
                f"Your posting puts weight on {_join(prompt.keywords[:4])}, and my work so far has given "
                "me practice in each of them."
            ]
        )
    paragraphs.append(
        [
            f"I would welcome the chance to talk about how I could contribute to {employer}.",
            *_MORE[:extra],
            "Thank you for your time and consideration.",
        ]
    )
    body = re.sub(r"(\w\.)\.(?=\s|$)", r"\1", "\n\n".join(" ".join(sentences) for sentences in paragraphs))
    return f"{prompt.greeting}\n\n{body}\n\n{prompt.closing}\n{prompt.name}"


@dataclass
class LetterWriter:
    """The handler of the test LLM server for the matrix (only the cover-letter prompt reaches it)."""

    mode: Mode = "honest"
    drafts: int = 0

    def __call__(self, request: Recorded) -> Reply:
        self.drafts += 1
        prompt = read_prompt(request.first_user)
        retry = bool(prompt.feedback)
        invent = self.mode == "invents_always" or (self.mode == "invents_once" and not retry)
        # The system prompt gives the length: a model keeps to it, with general closing lines
        # when the evidence is thin (never under the minimum, as the prompt asks), and with less
        # evidence when there is too much.
        shortest, longest = _RANGE_DEFAULT
        if match := _RANGE.search(request.system):
            shortest, longest = int(match.group(1)), int(match.group(2))
        # A few words to spare: the engine puts the person's details back in place of the
        # placeholders the model saw, which changes the count a little.
        enough = shortest + 5
        letter = compose(prompt, invent=invent)
        thin = _words(letter) < enough
        if thin:  # the person's studies, skills and own words first, general lines after
            letter = compose(prompt, invent=invent, summary=True)
        for extra in range(1, len(_MORE) + 1):
            if _words(letter) >= enough:
                break
            letter = compose(prompt, invent=invent, extra=extra, summary=thin)
        for limit in (5, 4, 3):
            if _words(letter) <= longest:
                break
            letter = compose(prompt, invent=invent, evidence_limit=limit)
        return Reply(letter)


_RANGE = re.compile(r"Length: between (\d+) and (\d+) words")
_RANGE_DEFAULT = (150, 400)


def _words(text: str) -> int:
    return len(re.findall(r"[\w'’-]+", text))
