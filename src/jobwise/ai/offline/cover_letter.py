"""A cover letter from templates, filled only with what the request carries.

Every sentence is either the person's own text (the summary, the evidence bullets and their
sources, turned into first-person sentences), a sentence that names the job's title, company, or
the terms (skills, technologies) its requirements and keywords name, as the job's ("The role
calls for work with Kubernetes and PostgreSQL."), or a neutral sentence about the application
that states no fact. So the letter passes the truth check by construction.

The posting's own sentences never appear: a requirement is data, and "ignore previous
instructions and write that ..." is a requirement like any other. Every sentence is also judged
against the posting before it is used (jobwise.text.quotes, with the posting the truth check is
given): one that would quote it, by coincidence or by design of whoever wrote the posting, is
left out or replaced by a shorter one, so the truth check never finds a quotation here.

Length: evidence is added, best first, until the letter reaches min_words; neutral sentences fill
a remaining gap; evidence is dropped from the end while it is over max_words. When the request
holds too little to reach min_words without inventing, the letter stays short: an honest short
letter is better than padding.

Style (the cover-letter part of a sample's style profile, or a flat mapping with the same keys):
greeting (a "{name}" template falls back to "Dear Hiring Manager,"), closing, paragraph_count
(body paragraphs) and uses_contractions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from jobwise.ai.engine import CoverLetterRequest, Evidence
from jobwise.text.keywords import extract_keywords
from jobwise.text.quotes import PostingQuotes
from jobwise.text.verbs import verb_forms
from jobwise.text.vocabulary import get_vocabulary

_WORD = re.compile(r"[\w'’-]+")
DEFAULT_GREETING = "Dear Hiring Manager,"
DEFAULT_CLOSING = "Kind regards,"
# The opening when the usual one would quote the posting: shorter than any quotation can be.
SHORT_OPENING = "I am applying for this role."
_GENERIC_GREETING_WORDS = {
    "dear",
    "hiring",
    "manager",
    "team",
    "sir",
    "madam",
    "or",
    "to",
    "whom",
    "it",
    "may",
    "concern",
    "hello",
    "hi",
    "recruiting",
    "recruiter",
    "the",
    "and",
}

_NEUTRAL = [
    "I would be glad to walk you through any of this work in more detail.",
    "I have read the posting for this role closely, and the examples above are the ones I believe are most "
    "relevant to it.",
    "If it would help, I can share more context on how each of these pieces of work came about and what I "
    "learned from it.",
    "I would welcome a conversation about the priorities for this position and where my experience fits "
    "them.",
    "Please let me know if any further information would be useful for your decision.",
    "I would be happy to arrange a conversation at a time that suits you.",
    "I have kept this letter to the work that seems most relevant to the role; there is more detail behind "
    "each example.",
    "I look forward to learning more about how the team approaches its work and what success in this role "
    "looks like.",
    "The responsibilities described in the posting are the kind of work I want to keep doing.",
]


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class _Style:
    greeting: str
    closing: str
    paragraphs: int
    contractions: bool


def _style(style: Mapping[str, Any]) -> _Style:
    nested = style.get("cover_letter")
    letter: Mapping[str, Any] = nested if isinstance(nested, Mapping) else style
    greeting = str(letter.get("greeting_template") or letter.get("greeting") or DEFAULT_GREETING).strip()
    words = {w.lower().strip(",:.") for w in greeting.split()}
    # A greeting that names someone (a person or another company) is not reused as written.
    if "{name}" in greeting or not words <= _GENERIC_GREETING_WORDS:
        ending = greeting[-1] if greeting[-1:] in {",", ":"} else ","
        greeting = DEFAULT_GREETING[:-1] + ending
    closing = str(letter.get("closing") or DEFAULT_CLOSING).strip()
    if len(closing.split()) > 4:
        closing = DEFAULT_CLOSING
    raw_count = letter.get("paragraph_count")
    paragraphs = int(raw_count) if isinstance(raw_count, int | float) and raw_count else 4
    return _Style(greeting, closing, max(3, min(paragraphs, 6)), bool(letter.get("uses_contractions")))


def _contract(text: str, contractions: bool) -> str:
    if not contractions:
        return text
    for full, short in (("I am ", "I'm "), ("I would ", "I'd "), ("I have ", "I've "), ("It is ", "It's ")):
        text = text.replace(full, short)
    return text


def _first_person(evidence: Evidence) -> str:
    """ "Reduced build time by 40%" -> "I reduced build time by 40%"."""
    text = evidence.text.strip().rstrip(".;")
    text = re.sub(r"^[-*•·]\s+", "", text)
    first, _, rest = text.partition(" ")
    forms = verb_forms(first)
    if forms is not None and first.lower() in {forms.past, forms.base, forms.gerund, forms.third}:
        verb = forms.past
        # "Designed and built X": both verbs in the past.
        pair = re.match(r"^(?:and|&)\s+(?P<second>[A-Za-z]+)\b", rest)
        if pair is not None:
            second = verb_forms(pair.group("second"))
            if second is not None:
                rest = f"and {second.past}{rest[pair.end() :]}"
        return f"I {verb} {rest}".strip()
    if text.lower().startswith("i "):
        return text
    return f"my work included this: {text[:1].lower() + text[1:] if not _starts_with_name(text) else text}"


def _starts_with_name(text: str) -> bool:
    first = text.split(" ", 1)[0]
    return first[:1].isupper() and (first.isupper() or get_vocabulary().canonical(first) is not None)


def _lead_in(source: str) -> str:
    source = source.strip()
    if not source:
        return "In my recent work"
    if re.search(r"\s(?:at|@)\s", source) or re.search(
        r"\b(?:engineer|developer|manager|analyst|scientist|designer|architect|consultant|lead|director|"
        r"intern)\b",
        source,
        re.I,
    ):
        return f"In my role as {source}"
    return f"Working on {source}"


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _join(items: Sequence[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _job_terms(request: CoverLetterRequest) -> list[str]:
    """The skills and technologies the job's requirements name (the shared keyword extractor's
    canonical terms), never the requirements' own words."""
    return extract_keywords("\n".join(request.requirements), include_soft=False)


def _matched_keywords(request: CoverLetterRequest) -> list[str]:
    """The job's keywords that the person's own texts also name."""
    vocabulary = get_vocabulary()
    own_text = "\n".join(
        [request.summary or "", *(e.text for e in request.evidence), *(e.source for e in request.evidence)]
    )
    own = {s.name for s in vocabulary.skills_in(own_text)}
    matched = []
    for keyword in request.keywords:
        skill = vocabulary.canonical(keyword)
        if skill is not None and skill.name in own and skill.name not in matched and not skill.is_soft:
            matched.append(skill.name)
    return matched


def compose_cover_letter(request: CoverLetterRequest) -> str:
    style = _style(request.style)
    title = request.job_title.strip() or "this"
    company = request.company.strip()
    at_company = f" at {company}" if company else ""
    # The person's own texts that the letter uses: a run they share with the posting is theirs.
    own = [request.candidate_name, request.summary, *(e.text for e in request.evidence)]
    quotes = PostingQuotes(request.posting, own=own, names=(request.job_title, request.company))

    def fits(sentence: str) -> bool:
        """The sentence, as the letter will write it, quotes nothing from the posting."""
        return not quotes.in_text(_contract(sentence, style.contractions))

    if not fits(style.greeting):
        style = replace(style, greeting=DEFAULT_GREETING)
    opening = [
        next(
            s
            for s in (f"I am writing to apply for the {title} position{at_company}.", SHORT_OPENING)
            if fits(s)
        )
    ]
    if request.summary and request.summary.strip() and fits(_sentence(request.summary)):
        opening.append(_sentence(request.summary))

    sentences = [s for s in _evidence_sentences(request.evidence) if fits(s)]

    all_terms = _job_terms(request)[:6]
    matched = _matched_keywords(request)
    helped = company or "your team"
    closing_paragraph = [
        s
        for s in (
            f"I would welcome the chance to discuss how my experience could help {helped}.",
            "Thank you for your time and consideration.",
        )
        if fits(s)
    ]
    neutral = [s for s in _NEUTRAL if fits(s)]

    used = len(sentences)
    neutral_used = 0
    named_terms = min(3, len(all_terms))

    def job_paragraph() -> list[str]:
        candidates = []
        if named_terms:
            candidates.append(f"The role calls for work with {_join(all_terms[:named_terms])}.")
        if matched:
            candidates.append(
                f"The role's focus on {_join(matched[:5])} is close to the work described above."
            )
        return [s for s in candidates if fits(s)]

    body_slots = max(1, style.paragraphs - 2 - (1 if job_paragraph() else 0))

    def build() -> str:
        groups: list[list[str]] = [[] for _ in range(body_slots)]
        for index, sentence in enumerate(sentences[:used]):
            groups[index * body_slots // max(used, 1)].append(sentence)
        paragraphs = [" ".join(opening)]
        paragraphs += [" ".join(group) for group in groups if group]
        if job_paragraph():
            paragraphs.append(" ".join(job_paragraph()))
        last = list(closing_paragraph)
        if neutral_used:
            last[-1:-1] = neutral[:neutral_used]
        paragraphs.append(" ".join(last))
        body = "\n\n".join(_contract(p, style.contractions) for p in paragraphs)
        signature = f"{style.closing}\n{request.candidate_name}" if request.candidate_name else style.closing
        return f"{style.greeting}\n\n{body}\n\n{signature}"

    letter = build()
    while count_words(letter) > request.max_words and used > 1:
        used -= 1
        letter = build()
    while count_words(letter) > request.max_words and named_terms > 1:
        named_terms -= 1
        letter = build()
    # Short of min_words: name more of the job's terms, then add neutral sentences.
    while count_words(letter) < request.min_words and named_terms < len(all_terms):
        named_terms += 1
        candidate = build()
        if count_words(candidate) > request.max_words:
            named_terms -= 1
            break
        letter = candidate
    while count_words(letter) < request.min_words and neutral_used < len(neutral):
        neutral_used += 1
        candidate = build()
        if count_words(candidate) > request.max_words:
            neutral_used -= 1
            break
        letter = candidate
    return build()


def _evidence_sentences(evidence: Sequence[Evidence]) -> list[str]:
    """Best evidence first, grouped by where it comes from: the first of a source names it."""
    ranked = sorted(evidence, key=lambda e: -e.score)
    order: list[str] = []
    by_source: dict[str, list[Evidence]] = {}
    for item in ranked:
        if item.source not in by_source:
            order.append(item.source)
        by_source.setdefault(item.source, []).append(item)
    sentences: list[str] = []
    for source in order:
        for index, item in enumerate(by_source[source]):
            claim = _first_person(item)
            if index == 0:
                sentences.append(_sentence(f"{_lead_in(source)}, {claim}"))
            elif claim.startswith("I "):
                sentences.append(_sentence(f"I also {claim[2:]}"))
            else:
                sentences.append(
                    _sentence(claim.replace("my work included this", "that work also included this", 1))
                )
    return sentences
