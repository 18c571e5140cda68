"""Action verbs and their forms, for tense rules (offline enhancement) and for telling a
sentence-initial verb ("Led", "Built") from a name (truth check)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from lemminflect import getInflection

_BASES = """
accelerate achieve act adapt add address adjust administer advise advocate align allocate analyse
analyze answer anticipate apply appraise approve architect arrange assemble assess assist audit author
automate balance benchmark boost brief budget build calculate calibrate campaign capture carry catalogue
centralize centralise champion chair change clarify classify clean close coach code collaborate collect
combine commission communicate compile complete compose compute conceive conceptualize conduct configure
consolidate construct consult contribute control convert convince coordinate correct craft create curate
customize customise cut debug decide decrease define delegate deliver demonstrate deploy derive design
detect determine develop devise diagnose direct discover dispatch distribute document double draft drive
edit educate eliminate empower enable encourage engage engineer enhance ensure establish estimate evaluate
examine exceed execute expand expedite experiment explain explore extend extract facilitate finalize
finalise fix forecast forge form formalize formulate foster gather generate grow guide halve handle harden
help hire host identify illustrate implement improve increase influence inform initiate innovate inspect
install instrument integrate interpret interview introduce invent investigate join label launch lead
learn leverage lower maintain manage map market master maximize maximise measure mediate mentor merge
migrate minimize minimise mobilize model moderate modernize modernise modify monitor motivate move
navigate negotiate observe obtain onboard open operate optimize optimise orchestrate organize organise
outline overhaul oversee own package partner participate perform pilot pioneer plan port predict prepare
present preserve prevent prioritize prioritise process procure produce program programme promote propose
prototype prove provide publish purchase qualify quantify raise rank read rebuild recommend reconcile
record recruit redesign reduce refactor refine regulate reinforce release remove render reorganize
reorganise repair replace report represent research reshape resolve respond restore restructure retain
revamp review revise rewrite roll rollout run save scale schedule scope screen script secure select sell
serve set shape share ship shorten simplify solve source speak spearhead specify speed sponsor stabilize
stabilise standardize standardise start steer streamline strengthen structure study submit succeed
summarize summarise supervise support survey sustain synthesize tackle tailor take teach test track train
transform transition translate triage triple troubleshoot tune unblock unify update upgrade use utilize
utilise validate verify visualize win work write
"""

_IRREGULAR_PAST = {
    "build": "built",
    "rebuild": "rebuilt",
    "lead": "led",
    "write": "wrote",
    "rewrite": "rewrote",
    "run": "ran",
    "drive": "drove",
    "grow": "grew",
    "teach": "taught",
    "make": "made",
    "set": "set",
    "win": "won",
    "oversee": "oversaw",
    "sell": "sold",
    "bring": "brought",
    "begin": "began",
    "hold": "held",
    "keep": "kept",
    "meet": "met",
    "speak": "spoke",
    "take": "took",
    "give": "gave",
    "think": "thought",
    "buy": "bought",
    "seek": "sought",
    "spend": "spent",
    "send": "sent",
    "cut": "cut",
    "put": "put",
    "find": "found",
    "forecast": "forecast",
    "read": "read",
    "steer": "steered",
    "learn": "learned",
    "forge": "forged",
    "undertake": "undertook",
    "understand": "understood",
}
# Short verbs whose final consonant doubles: plan -> planned, planning.
_DOUBLING = {
    "plan",
    "ship",
    "scan",
    "map",
    "log",
    "tag",
    "drop",
    "stop",
    "chat",
    "prep",
    "run",
    "set",
    "cut",
    "put",
    "win",
    "begin",
    "program",
}


@dataclass(frozen=True)
class VerbForms:
    base: str
    past: str
    third: str
    gerund: str


def _inflect(base: str, tag: str) -> str | None:
    forms = getInflection(base, tag=tag)
    return str(forms[0]) if forms else None


def _past(base: str) -> str:
    # lemminflect's lexicon first ("lead" -> "led", "plan" -> "planned"); the table covers the
    # action verbs it spells differently or not at all.
    if base in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[base]
    return _inflect(base, "VBD") or (base + base[-1] + "ed" if base in _DOUBLING else base + "ed")


def _third(base: str) -> str:
    return _inflect(base, "VBZ") or base + "s"


def _gerund(base: str) -> str:
    return _inflect(base, "VBG") or base + "ing"


@cache
def _table() -> dict[str, VerbForms]:
    table: dict[str, VerbForms] = {}
    for base in _BASES.split():
        forms = VerbForms(base, _past(base), _third(base), _gerund(base))
        for form in (forms.base, forms.past, forms.third, forms.gerund):
            # A base form wins over another verb's past ("found" is "find" in the past, and a base).
            if form not in table or form == base:
                table[form] = forms
    return table


def verb_forms(word: str) -> VerbForms | None:
    """The forms of the action verb `word` is a form of ("Led" -> lead), or None."""
    return _table().get(word.lower())


def is_verb(word: str) -> bool:
    return word.lower() in _table()
