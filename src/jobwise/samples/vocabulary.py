"""Word lists behind the style profile: fixed, so the same text always gives the same profile."""

from __future__ import annotations


def _split(text: str) -> list[str]:
    return text.split()


STOPWORDS = frozenset(
    _split(
        """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my myself no nor not now of off on once only or other our ours ourselves out
    over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yourself yourselves also per via within
    across among upon onto while whilst etc us may might must shall i'm i've i'd i'll it's that's
    we're we've don't can't won't isn't aren't wasn't weren't didn't doesn't haven't hasn't
    """
    )
)

# Frequent English words plus the vocabulary every resume and cover letter shares. A phrase
# made only of these says nothing about the writer, so it is never "characteristic".
COMMON_WORDS = STOPWORDS | frozenset(
    _split(
        """
    able across actually add added after again ago almost along already always among another
    around ask asked away back bad based become been began being believe best better big bring
    brought build built business call called came care case certain change clear close come
    company current day days deal dear different do done each early easy either else end enough
    even ever every example experience experienced face fact far feel few find first five follow
    following form forward found four full get give given go going good great group grow growing
    hand happy hard head hear help helped helping high hire hiring hold home hope however idea
    important include included including interest interested job keep kind know knowledge large
    last late later lead learn learned least left less let level life like likely line little long
    look looking lot made main make makes making manage manager many matter mean member might mind
    month months move much name need needs never new next nice note number offer often old one
    open opportunity order organization part past people perfect person place plan please point
    position possible present probably problem program project projects provide put question
    quite rather read ready real really reason recent regards related report required
    responsibilities responsible result results right role run said say see seem seen sense set
    several show side since sincerely six skill skills small something soon start started state
    still strong success successful sure system take taken team teams tell ten thank thanks thing
    things think three time times today together told took top toward towards try two type
    understand use used using value want way ways week well went whole wish without work worked
    working works world write year years yes yet young
    """
    )
)

FIRST_PERSON_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PERSON = FIRST_PERSON_SINGULAR | frozenset({"we", "us", "our", "ours", "ourselves"})

# Base forms; past and third-person forms are derived by the analyser.
ACTION_VERBS = frozenset(
    _split(
        """
    accelerate accomplish achieve acquire adapt address administer advance advise advocate
    align analyze analyse architect arrange assemble assess assist audit author automate balance
    build calculate champion clarify coach code collaborate compile complete compose conceive
    conduct configure consolidate construct consult contribute control convert coordinate create
    cultivate curate cut debug decrease define delegate deliver demonstrate deploy design detect
    develop devise diagnose direct discover document double draft drive earn edit educate
    eliminate empower enable engineer enhance establish evaluate examine execute expand expedite
    facilitate forecast forge formulate found foster generate grow guide halve handle head help
    hire identify implement improve increase influence initiate innovate inspect install
    instruct integrate interview introduce invent investigate launch lead leverage maintain manage
    map market maximize measure mentor merge migrate minimize model modernize monitor motivate
    negotiate onboard operate optimize orchestrate organize originate outperform overhaul oversee
    own partner pilot pioneer plan prepare present prioritize produce program promote propose
    prototype provide publish raise rebuild recruit redesign reduce refactor refine reengineer
    release remodel reorganize replace research resolve restructure revamp review revitalize
    run save scale schedule secure select serve ship simplify slash solve spearhead standardize
    steer streamline strengthen structure supervise support survey synthesize teach test
    train transform translate triple troubleshoot unify upgrade validate win write
    """
    )
)

IRREGULAR_PAST = {
    "built": "build",
    "cut": "cut",
    "drove": "drive",
    "forged": "forge",
    "founded": "found",
    "grew": "grow",
    "led": "lead",
    "made": "make",
    "oversaw": "oversee",
    "ran": "run",
    "rebuilt": "rebuild",
    "sold": "sell",
    "taught": "teach",
    "won": "win",
    "wrote": "write",
    "spoke": "speak",
    "brought": "bring",
    "began": "begin",
    "held": "hold",
    "kept": "keep",
    "met": "meet",
    "set": "set",
    "undertook": "undertake",
    "shipped": "ship",
}

SECTION_WORDS = frozenset(
    _split(
        """
    summary profile objective experience employment history education skills competencies
    projects certifications certificates licenses awards honors honours publications volunteer
    volunteering languages interests references contact achievements accomplishments training
    courses coursework leadership activities affiliations memberships highlights qualifications
    expertise patents talks research technologies tools strengths about portfolio
    """
    )
)

GREETING_OPENERS = (
    "dear",
    "hello",
    "hi",
    "hey",
    "greetings",
    "good morning",
    "good afternoon",
    "good evening",
    "to whom it may concern",
)
# Names that are not a person's: "Dear Hiring Manager" is a template, not a name.
GENERIC_ADDRESSEES = frozenset(
    {
        "hiring manager",
        "hiring team",
        "recruiter",
        "recruiting team",
        "recruitment team",
        "sir or madam",
        "sir/madam",
        "madam or sir",
        "team",
        "all",
        "there",
        "selection committee",
        "search committee",
        "talent team",
        "people team",
    }
)
CLOSINGS = (
    "sincerely",
    "yours sincerely",
    "sincerely yours",
    "yours truly",
    "yours faithfully",
    "faithfully",
    "best regards",
    "kind regards",
    "warm regards",
    "warmest regards",
    "warm wishes",
    "regards",
    "best wishes",
    "all the best",
    "best",
    "respectfully",
    "respectfully yours",
    "thank you",
    "thanks",
    "many thanks",
    "cheers",
    "with gratitude",
    "with appreciation",
    "with thanks",
)

# "'s" is left out: it is usually a possessive ("the team's"), not a contraction.
CONTRACTION_SUFFIXES = ("n't", "'m", "'re", "'ve", "'ll", "'d")
S_CONTRACTIONS = frozenset(
    {"it's", "that's", "there's", "here's", "what's", "who's", "let's", "he's", "she's", "where's"}
)
