"""A cover letter from templates, filled only with what the request carries.

The letter has four parts, each built from facts the request holds:

- an opening that names the role and the employer ("your team" when the posting names none) and
  says in the first person who the person is, from the profile's fields (headline, current or
  latest role, skills, studies); the summary is never pasted in, since it is often written in
  the third person or as a fragment;
- evidence paragraphs: the top-ranked achievements turned into first-person sentences, one
  paragraph per role or project, with varied openers ("At Acme, I ...", "I also ...", "Beyond
  that, I ...") and the skills in their canonical case ("PostgreSQL", never "postgreSQL");
  achievements in the past tense, ongoing duties of a current role in the present;
- a paragraph on what the posting asks for, in the letter's own words: the skills it names that
  the person has, and those the person does not have yet, as the job's ("The role also involves
  Kafka"); never a sentence of the posting, so an instruction planted in it never comes back;
- a closing in the person's style (greeting, closing words, contractions from their sample).

So the letter passes the truth check by construction, and every sentence is also judged against
the posting before it is used (jobwise.text.quotes): one that would quote it is left out.

Length: evidence is dropped from the end while the letter is over max_words; the person's
studies and skills join the opening while they fit under max_words (they are facts about the
person, not padding); ordinary closing lines (which state no fact) are added only while the
letter is under min_words, and never past FLOOR_WORDS (150, min_words' default). When the
profile holds too little, the letter stays short: an honest short letter is better than padding.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from jobwise.ai.engine import MIN_LETTER_WORDS, CoverLetterRequest, Evidence, LetterPerson
from jobwise.text.keywords import extract_keywords
from jobwise.text.quotes import PostingQuotes
from jobwise.text.verbs import VerbForms, verb_forms
from jobwise.text.vocabulary import get_vocabulary

_WORD = re.compile(r"[\w'’-]+")
DEFAULT_GREETING = "Dear Hiring Manager,"
DEFAULT_CLOSING = "Kind regards,"
# The opening when the usual one would quote the posting: shorter than any quotation can be.
SHORT_OPENING = "I am applying for this role."
MAX_SENTENCE_WORDS = 40
# The shortest letter worth sending: ordinary closing lines bring a thin profile's letter up to it.
FLOOR_WORDS = MIN_LETTER_WORDS
# A two-word opener ("I also") is used at most this many times in one letter.
MAX_OPENER_USES = 2
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
# Ordinary closing lines, used only to bring a short letter up to min_words; they state no fact.
_CLOSING_LINES = [
    "I would be glad to walk you through any of this work in more detail.",
    "Please let me know a time that suits you for a conversation.",
    "My résumé, attached, gives the full details of my experience.",
]
_ADVERBS = re.compile(
    r"^(?:successfully|effectively|actively|proactively|personally|independently|jointly)\s+", re.I
)
_DOUBLE_STOP = re.compile(r"(\w\.)\.(?=\s|$)")
_ROLE_WORDS = re.compile(r"\b(?:role|position|job|post|vacancy|opening)$", re.I)


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


# --- words ------------------------------------------------------------------------------------


def article(phrase: str) -> str:
    """ "an Engineer", "a UX Designer", "an MSc": the indefinite article by sound, as far as
    spelling tells it."""
    first = phrase.split(" ", 1)[0] if phrase else ""
    if not first:
        return phrase
    letter = first[0].lower()
    if first[:2].isupper():
        an = letter in "aefhilmnorsx"  # spelled out: "an MSc", "an SRE", "a UX"
    elif first[:2].lower() in {"un", "ur"} and first[:3].lower() not in {"uni", "usu", "ure"}:
        an = True
    else:
        an = letter in "aeio" or (letter == "u" and not first.lower().startswith(("uni", "use", "usu", "ut")))
        an = an or first.lower().startswith(("hour", "honest", "heir"))
    return f"{'an' if an else 'a'} {phrase}"


def term(name: str) -> str:
    """A skill's name inside a sentence: "data engineering" for the vocabulary's "Data
    engineering" (a phrase), "PostgreSQL" and "CI/CD" as they are."""
    return name[:1].lower() + name[1:] if " " in name and name[1:].islower() else name


def _join(items: Sequence[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _sentence(text: str) -> str:
    text = re.sub(r"\s+", " ", text.strip())
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def proper_case(text: str) -> str:
    """Skills in the vocabulary's canonical case: "postgreSQL" -> "PostgreSQL", "javascript" ->
    "JavaScript". A word in plain lower case that is also an ordinary word ("go", "react") is
    left alone."""
    vocabulary = get_vocabulary()
    out = []
    last = 0
    for found in vocabulary.find(text):
        name = found.skill.name
        surface = found.text
        if surface == name or surface.casefold() != name.casefold() or not found.skill.is_technology:
            continue
        if " " in name and name[1:].islower():
            continue  # "Code review" is a phrase, written in the sentence's own case
        out.append(text[last : found.start])
        out.append(name)
        last = found.end
    out.append(text[last:])
    return "".join(out)


# --- evidence ---------------------------------------------------------------------------------

_PASSIVE = re.compile(r"^(?:by|to be)\b", re.I)
_RESPONSIBLE = re.compile(r"^(?:was\s+|am\s+|i\s+was\s+)?(?P<what>responsible|accountable)\s+for\s+", re.I)
_INVOLVED = re.compile(r"^(?:i\s+)?(?:was|were)\s+(?P<rest>involved|part|tasked|asked|given|chosen)\b", re.I)


def clause(evidence: Evidence) -> str | None:
    """The bullet as what follows "I" in a sentence ("reduced build time by 40%"), or None when
    it is not written as something the person did (a noun phrase, a passive, a third person)."""
    text = re.sub(r"^[-*•·]\s+", "", evidence.text.strip()).rstrip(".;, ")
    text = _ADVERBS.sub("", text)
    if not text:
        return None
    text = proper_case(text)
    if re.match(r"^I\s", text):
        return text[2:]
    responsible = _RESPONSIBLE.match(text)
    if responsible is not None:
        be = "am" if evidence.is_current else "was"
        return f"{be} {responsible.group('what').lower()} for {text[responsible.end() :]}"
    involved = _INVOLVED.match(text)
    if involved is not None:
        return f"was {text[involved.start('rest') :]}"
    first, _, rest = text.partition(" ")
    forms = verb_forms(first)
    if forms is None or first.lower() not in {forms.past, forms.base, forms.gerund, forms.third}:
        return None
    if _PASSIVE.match(rest) and first.lower() == forms.past and forms.past != forms.base:
        return None  # "Built by a team of five": a passive, not something the person did
    # Ongoing duties of a current role keep the present ("Coordinate care ..."); everything else,
    # and every achievement, is in the past.
    ongoing = evidence.is_current and first.lower() in {forms.base, forms.gerund, forms.third}
    form: Callable[[VerbForms], str] = (lambda f: f.base) if ongoing else (lambda f: f.past)
    pair = re.match(r"^(?:and|&)\s+(?P<second>[A-Za-z]+)\b", rest)
    if pair is not None:
        second = verb_forms(pair.group("second"))
        if second is not None:
            rest = f"and {form(second)}{rest[pair.end() :]}"
    return f"{form(forms)} {rest}".strip()


def _lead_ins(evidence: Evidence, first: bool) -> list[str]:
    """Ways to open a sentence about this evidence, "{c}" standing for the clause after "I"."""
    if not first:
        return ["I {c}", "I also {c}", "Beyond that, I {c}", "Alongside this, I {c}", "There, I also {c}"]
    title, organization = evidence.title.strip(), (evidence.organization or "").strip()
    if not title and not organization:
        # Evidence that carries only its source, "Senior Engineer at Acme" or a project's name.
        title, _, organization = evidence.source.strip().rpartition(" at ")
        if not title:
            title, organization = organization, ""
    if organization:
        if evidence.is_current:
            return [
                f"At {organization}, I {{c}}",
                f"In my current role at {organization}, I {{c}}",
                f"As {article(title)} at {organization}, I {{c}}" if title else "I {c}",
            ]
        return [
            f"At {organization}, I {{c}}",
            f"During my time at {organization}, I {{c}}",
            f"As {article(title)} at {organization}, I {{c}}" if title else "I {c}",
            f"Before that, at {organization}, I {{c}}",
        ]
    name = title or evidence.source.strip()
    if name:
        return [f"On {name}, I {{c}}", f"For {name}, I {{c}}", f"In my work on {name}, I {{c}}"]
    return ["I {c}", "In my recent work, I {c}"]


class _Openers:
    """Chooses openers so that no two-word opener is used more than MAX_OPENER_USES times."""

    def __init__(self) -> None:
        self.used: Counter[str] = Counter()

    @staticmethod
    def key(sentence: str) -> str:
        return " ".join(_WORD.findall(sentence.lower())[:2])

    def pick(self, candidates: Sequence[str], fits: Callable[[str], bool]) -> str | None:
        for sentence in candidates:
            if self.used[self.key(sentence)] < MAX_OPENER_USES and fits(sentence):
                self.used[self.key(sentence)] += 1
                return sentence
        return None


def _group(evidence: Sequence[Evidence]) -> list[list[Evidence]]:
    """Best evidence first, grouped by where it comes from."""
    groups: dict[tuple[str, str, str], list[Evidence]] = {}
    for item in sorted(evidence, key=lambda e: -e.score):
        groups.setdefault((item.source, item.title, item.organization or ""), []).append(item)
    return list(groups.values())


# --- the person -------------------------------------------------------------------------------


def _identity(person: LetterPerson) -> list[list[str]]:
    """First-person lines of who the person is, from the profile's fields (alternatives for
    each line, best first)."""
    lines: list[list[str]] = []
    title, organization = (person.role_title or "").strip(), (person.organization or "").strip()
    headline = (person.headline or "").strip()
    if headline and headline.casefold() not in title.casefold():
        lines.append(
            [f"I am {article(headline)} by profession.", f"By profession, I am {article(headline)}."]
        )
    start, end = person.role_years
    if title and organization:
        if person.role_is_current:
            since = f", where I have worked since {start}" if start else ""
            lines.append(
                [
                    f"I currently work as {article(title)} at {organization}{since}.",
                    f"Today, I work as {article(title)} at {organization}{since}.",
                ]
            )
        else:
            span = (
                f", from {start} to {end}" if start and end and start != end else f" in {end}" if end else ""
            )
            lines.append(
                [
                    f"Most recently, I worked as {article(title)} at {organization}{span}.",
                    f"My most recent role was {title} at {organization}{span}.",
                ]
            )
    elif title:
        lines.append([f"I work as {article(title)}.", f"By profession, I am {article(title)}."])
    return lines


def _studies(person: LetterPerson) -> list[str]:
    return [f"I studied for {article(study)}." for study in person.studies[:1]]


def _skills_line(person: LetterPerson) -> list[str]:
    skills = list(person.skills[:3])
    if len(skills) >= 2:
        return [f"The tools I know best are {_join([term(s) for s in skills])}."]
    return []


# --- the posting ------------------------------------------------------------------------------


def _job_terms(request: CoverLetterRequest) -> list[str]:
    """The skills and technologies the job names (the vocabulary's canonical names, never the
    requirements' own words), the requirements' first."""
    vocabulary = get_vocabulary()
    terms = extract_keywords("\n".join(request.requirements), include_soft=False)
    for keyword in request.keywords:
        skill = vocabulary.canonical(keyword)
        if skill is not None and not skill.is_soft and skill.name not in terms:
            terms.append(skill.name)
    return terms


def _own_skills(request: CoverLetterRequest) -> set[str]:
    vocabulary = get_vocabulary()
    own_text = "\n".join(
        [request.summary or "", *(e.text for e in request.evidence), *(e.source for e in request.evidence)]
    )
    return {s.name for s in vocabulary.skills_in(own_text)} | set(request.person.skills)


def _posting_lines(request: CoverLetterRequest) -> list[list[str]]:
    """Alternatives for each sentence about the posting's main requirements, best first."""
    terms = _job_terms(request)
    own = _own_skills(request)
    have = [term(t) for t in terms if t in own][:3]
    # Only what the requirements name: the request's keywords are the ones the person has.
    required = extract_keywords("\n".join(request.requirements), include_soft=False)
    lack = [term(t) for t in required if t not in own][:2]
    lines: list[list[str]] = []
    if have:
        lines.append(
            [
                f"Your posting puts weight on {_join(have)}, and that is the work I know best.",
                f"The role centres on {_join(have)}, which is where most of my experience lies.",
            ]
        )
    if lack:
        lines.append(
            [
                f"The role also involves {_join(lack)}, and I would be keen to grow in that part of the "
                "work.",
                f"The role also involves {_join(lack[:1])}, an area I would be keen to grow in.",
            ]
        )
    return lines


# --- the letter -------------------------------------------------------------------------------


def compose_cover_letter(request: CoverLetterRequest) -> str:
    style = _style(request.style)
    title = request.job_title.strip()
    company = request.company.strip()
    own = [request.candidate_name, request.summary, *(e.text for e in request.evidence)]
    quotes = PostingQuotes(request.posting, own=own, names=(request.job_title, request.company))

    def fits(sentence: str) -> bool:
        """Short enough, and quoting nothing from the posting as the letter will write it."""
        return count_words(sentence) <= MAX_SENTENCE_WORDS and not quotes.in_text(
            _contract(sentence, style.contractions)
        )

    if not fits(style.greeting):
        style = replace(style, greeting=DEFAULT_GREETING)
    openers = _Openers()
    role = f"the {title}" if _ROLE_WORDS.search(title) else f"the {title} role" if title else "this role"
    where = f"at {company}" if company else "with your team"
    first = openers.pick(
        [
            f"I am writing to apply for {role} {where}.",
            f"I would like to apply for {role} {where}.",
            SHORT_OPENING,
        ],
        fits,
    )
    opening = [
        first or SHORT_OPENING,
        *(s for s in (openers.pick(o, fits) for o in _identity(request.person)) if s),
    ]

    evidence: list[list[str]] = []  # one list of sentences per role or project
    for group in _group(request.evidence):
        sentences: list[str] = []
        for item in group:
            made = clause(item)
            if made is None:
                continue
            candidates = [_sentence(lead.format(c=made)) for lead in _lead_ins(item, not sentences)]
            picked = openers.pick([*candidates, _sentence(f"I {made}")], fits)
            if picked is not None:
                sentences.append(picked)
        if sentences:
            evidence.append(sentences)

    helped = company or "your team"
    readiness = (
        f"Alongside the experience above, I can offer {helped} a readiness to learn quickly "
        "whatever else the role needs."
    )
    posting_lines = _posting_lines(request)
    posting = [s for s in (openers.pick(options, fits) for options in posting_lines or [[readiness]]) if s]
    welcome = openers.pick(
        [
            f"I would welcome the chance to talk about how I could help {helped}.",
            f"I look forward to talking about how I could help {helped}.",
        ],
        fits,
    )
    closing = [s for s in (welcome, "Thank you for your time.") if s and fits(s)]
    extras_opening = [s for s in (*_studies(request.person), *_skills_line(request.person)) if fits(s)]
    skills = [term(s) for s in request.person.skills[:2]]
    bring = [f"I can bring {_join(skills)} to {helped} from the first day."] if skills else []
    closing_lines = [*([readiness] if posting_lines else []), *bring, *_CLOSING_LINES]
    extras_closing = [s for s in (openers.pick([line], fits) for line in closing_lines) if s]
    slots = max(2, style.paragraphs - 2)

    def build(kept: int, opening_extra: int, closing_extra: int) -> str:
        chosen: list[list[str]] = []
        remaining = kept
        for sentences in evidence:
            if remaining <= 0:
                break
            chosen.append(sentences[:remaining])
            remaining -= len(chosen[-1])
        # More roles than paragraphs: the later ones join the last paragraph.
        paragraphs_of_evidence = [*chosen[: slots - 1], [s for part in chosen[slots - 1 :] for s in part]]
        paragraphs = [[*opening, *extras_opening[:opening_extra]], *paragraphs_of_evidence, posting]
        paragraphs.append([*closing[:1], *extras_closing[:closing_extra], *closing[1:]])
        body = "\n\n".join(_contract(" ".join(p), style.contractions) for p in paragraphs if p)
        # A name that ends in a full stop ("Oracuz InfoTech Pvt Ltd.") ends its sentence too.
        body = _DOUBLE_STOP.sub(r"\1", body)
        signature = f"{style.closing}\n{request.candidate_name}" if request.candidate_name else style.closing
        return f"{style.greeting}\n\n{body}\n\n{signature}"

    total = sum(len(sentences) for sentences in evidence)
    kept, opening_extra, closing_extra = total, 0, 0
    letter = build(kept, opening_extra, closing_extra)
    while count_words(letter) > request.max_words and kept > 1:
        kept -= 1
        letter = build(kept, opening_extra, closing_extra)
    for more in ("opening", "opening", *["closing"] * len(extras_closing)):
        # The person's studies and skills are facts, added while they fit; ordinary closing lines
        # state none, and only keep a thin profile's letter from falling under min_words (never
        # past FLOOR_WORDS: a longer minimum is not reached with stock sentences).
        enough = min(request.min_words, FLOOR_WORDS) if more == "closing" else request.max_words
        if count_words(letter) >= enough:
            continue
        candidate = (
            build(kept, opening_extra + 1, closing_extra)
            if more == "opening"
            else build(kept, opening_extra, closing_extra + 1)
        )
        if count_words(candidate) > request.max_words or candidate == letter:
            continue
        letter = candidate
        if more == "opening":
            opening_extra += 1
        else:
            closing_extra += 1
    return letter
