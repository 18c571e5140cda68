"""Text in a posting that is about applying, not about the job: equal-opportunity and accommodation
statements, how and when to apply, whom to contact, what happens after applying, application-form
questions and job-board buttons. None of it is ever a requirement, a duty or a benefit.
"""

from __future__ import annotations

import re

_PATTERNS = [
    # Equal opportunity, diversity, accommodation.
    r"equal(?:\s+employment)?\s+opportunit",
    r"\bdiscriminat",
    r"\bregardless\s+of\b",
    r"\bwithout\s+regard\s+to\b",
    r"\bprotected\s+(?:veteran|status|characteristic|class|under)",
    r"\baffirmative\s+action\b",
    r"\bdiverse\s+(?:workforce|team|candidates|applicants|backgrounds)\b",
    r"\bcommitted\s+to\s+(?:diversity|inclusion|inclusivity|equality|equal|creating\s+an?\s+(?:diverse|inclusive))",
    r"\bpassionate\s+about\s+inclusivity\b",
    r"\bcultural\s+diversity\b",
    r"\bwelcomes?\s+applications?\s+from\b",
    r"\breasonable\s+(?:accommodation|adjustment)",
    r"\baccommodations?\s+(?:during|for|in|at|throughout|are\s+available)\b",
    r"\brequests?\s+for\s+(?:an?\s+)?accommodations?\b",
    r"\b(?:require|need|request)s?\s+(?:any\s+)?(?:special\s+)?(?:accommodation|adjustment)",
    r"\bdisability[- ]related\b",
    r"\bpersons?\s+with\s+disabilities\b",
    r"\bsenate\s+bill\b",
    # How, where and when to apply; whom to contact.
    r"\bhow\s+to\s+apply\b",
    r"\b(?:to\s+)?apply\s+(?:now|today|below|here|at|via|online|directly|through|for\s+this)\b",
    r"\bplease\s+(?:contact|e-?mail|call|reach|ask|check|send|fill|submit|apply|get\s+in\s+touch|"
    r"note\s+(?:this|that)?\s*(?:(?:this|the)\s+)?(?:job|role|position|advert|advertisement|vacancy|post|"
    r"posting|we|you)|see|visit|quote|include|inform|assume|refer\s+to\s+the\s+(?:attached\s+)?"
    r"(?:job\s+description|person\s+specification|jd|advert))\b",
    # "Come and make a difference with the team at ...!": a call to apply.
    r"^come\s+(?:and\s+)?(?:join|work|make\s+a\s+difference|be\s+(?:a\s+)?part)\b",
    r"\b(?:send|submit|upload|e-?mail)\s+(?:us\s+)?(?:your\s+|a\s+|an\s+)?(?:full\s+)?(?:cv|résumé|resume|curriculum\s+vitae|"
    r"application|cover\s+letter|portfolio)",
    r"\bsubmit\s+applications?\b",
    r"\b(?:state|say|tell\s+us|mention|indicate)\s+in\s+your\s+(?:application|cover(?:ing)?\s+letter)\b",
    r"\bclick\s+(?:here|apply|below|the)\b",
    r"\bfor\s+(?:further|more)\s+(?:information|details)\b",
    r"\bget\s+in\s+touch\b",
    # "For an informal discussion and visit about this opportunity, please contact ...".
    r"\binformal\s+(?:discussions?|chats?|visits?|enquir(?:y|ies)|conversations?)\b",
    # "Contact: Brinsley Doran, Recruitment Executive": whom to ask, as a label.
    r"^contact(?:\s+(?:details|information|person|name))?\s*:",
    r"\be-?mail\s+me\b",
    r"\bmy\s+e-?mail\b",
    r"\bcontact\s+(?:us|me)\b",
    r"\bwe(?:'d|’d| would)\s+love\s+to\s+(?:hear|receive)\b",
    r"\bwe\s+look\s+forward\s+to\b",
    # "Find out more about working in Kaluza on our careers page", "Watch our video to see why ...".
    r"\bfind\s+out\s+more\b|\bwatch\s+(?:our|the|this)\s+(?:short\s+)?video\b|\btick\s+every\s+box\b|"
    r"\b(?:applicant|candidate)\s+(?:data\s+protection|privacy)\b|\bdata\s+protection\s+policy\b|"
    r"\bsubmitting\s+(?:an?\s+|your\s+)?application\b",
    r"\bregister\s+today\b",
    # "With your resume and brief description ...", "advancing your career with Tekgence": how to apply
    # and the closing pitch; "ATTENTION: Current Alcon Employee", "Find Jobs for Employees": the doors a
    # careers site keeps for its own staff; "Zip/Postal Code": an application form's field.
    r"\bwith\s+your\s+(?:cv|résumé|resume)\b|\badvancing\s+your\s+career\b|"
    r"\bcurrent\s+(?:[A-Z][\w&-]*\s+)?(?:employees?|staff|contingent\s+workers?)\b|^find\s+jobs\s+for\b|"
    r"^(?:zip|postal)(?:\s*/\s*postal)?\s+code\b",
    # What the employer will not provide, and the terms of the appointment: not asked of the applicant.
    r"\b(?:unable|not\s+able)\s+to\s+(?:sponsor|offer\s+(?:visa|sponsorship|relocation))|"
    r"\bno\s+(?:visa\s+|relocation\s+)?(?:sponsorship|relocation)\s*(?:assistance|support|package)?\s*(?:is\s+)?"
    r"(?:offered|available|provided)\b|\b(?:appointment|assignment|contract)\s+will\s+not\s+exceed\b",
    # USAJOBS' rating categories: how applicants are ranked, not what they need.
    r"\b(?:best|better|good|well|highly|highest\s+quality)\s+(?:qualified\s+)?category\b|"
    r"\bcategory\s+(?:groups?|rating)\b|\bpreference\s+eligibles?\b|\bveterans['’]?\s+preference\b",
    # An address written so that robots cannot read it: "info [at] digifi.io".
    r"\w\s*[\[(]at[\])]\s*\w|\bapply\s+(?:on|using)\b",
    # What happens after applying.
    r"\binterviews?\s+(?:will|are|is|date|process|stage|may|can|could|might)\b",
    r"\b(?:will|only|may)\s+be\s+contacted\b",
    r"\bcontacted\s+(?:by|via)\s+e-?mail\b",
    r"\bwill\s+contact\s+you\b",
    r"\bhear\s+(?:back\s+)?from\s+(?:us|you)\b",
    r"\b(?:not\s+been|un)successful\b",
    r"\bsuccessful\s+(?:applicants|candidates)\s+will\s+be\b",
    r"\bclosing\s+date\b",
    # How and when applications are sifted, how long the post stays open: "Applicants will be shortlisted
    # on the basis of ...", "Review of applications will begin ...", "OPEN UNTIL FILLED", "Interview Mode:".
    r"\bshort-?list(?:ed|ing)\b|\breview\s+of\s+applications\b|\bapplication\s+(?:review|process)\b|"
    r"\b(?:open|remain\s+open)\s+until\s+(?:filled|the\s+(?:position|post|role)\s+is\s+filled|"
    r"(?:a\s+)?suitable)\b|\binterview\s+(?:mode|rounds?|format)\b",
    # A job board's record fields and an advert's contact lines: "Date Posted: 02/16/2012", "Job ID:",
    # "Openings Remaining: 1", "e-mail: ...", "fax: ...".
    r"^(?:date\s+posted|posted\s+on|job\s+(?:opening\s+)?id|openings?\s+remaining|requisition\s+(?:id|number)|"
    r"e-?mail|fax|tel(?:ephone)?|phone)\s*:|\be-?mail\s+us\b",
    # Where in the pay range an offer falls, and AI in the employer's recruiting: the employer's notices.
    r"\bplacement\s+within\s+the\s+(?:salary\s+|pay\s+)?range\b|"
    r"\b(?:artificial\s+intelligence|ai)\b(?:\s+\(ai\))?\s+in\s+(?:recruiting|recruitment|hiring)\b",
    # "This vacancy closes on or before: 15th November 2020", "Job Reference: MT0362".
    r"\b(?:vacancy|advert|advertisement|posting|position)\s+(?:closes|will\s+close|is\s+closing)\b|"
    r"^(?:job\s+)?(?:reference|ref\.?)(?:\s+(?:number|no\.?))?\s*:",
    # "Applications received after this date will not be considered."
    r"\bapplications?\s+(?:received|submitted)\s+(?:after|before|by)\b|\bwill\s+not\s+be\s+considered\b",
    r"\bdeadline\b(?!-)",  # not "a deadline-driven environment"
    r"\bapplications?\s+(?:will\s+be\s+)?(?:accepted|reviewed|considered|close|closes)\b",
    r"\bwe\s+(?:will\s+be\s+)?accepting\s+applications\b",
    r"\bwe\s+reserve\s+the\s+right\b",
    r"\bresponse\s+time\b",
    r"\brecruitment\s+(?:agent|agencies|agency)\b",
    r"\bnot\s+open\s+to\s+agencies\b",
    r"\bthird\s+part(?:y|ies)\s+in\s+relation\b",
    r"\bacquisition\s+in\s+response\b",
    r"\bthank\s+(?:you|all\s+applicants)\b|\bappreciate\s+your\s+interest\b",
    # "Please be sure to include "Accommodation Request" in the subject.": how to write the e-mail.
    r"\bin\s+the\s+(?:e-?mail\s+)?subject(?:\s+line)?\b(?!\s+(?:matter|area|field|of)\b)",
    r"\bhigh\s+volume\s+of\s+applications\b",
    r"\b(?:artificial\s+intelligence|ai)\s+(?:\(ai\)\s+)?tools?\s+to\s+support\b",
    r"\b(?:job|nhs\s+jobs|usajobs)\s+account\b",
    r"\bjunk(?:\s+mail|/spam)|\bspam\s+(?:box|folder)\b",
    r"\bthis\s+role\s+has\s+been\s+filled\b",
    r"\bprobation(?:ary)?\s+period\b",
    r"\bcelebrates?\s+diversity\b|\bdiversity\s+(?:and|&)\s+inclusion\b|\binclusive\s+(?:workplace|environment|employer)\b",
    # "PwC Canada is committed to cultivating an inclusive, hybrid work environment.": a statement of the
    # employer's culture, not asked of the applicant.
    r"\b(?:committed|dedicated)\s+to\s+(?:cultivating|fostering|building|creating|maintaining|providing|"
    r"nurturing)?\s*an?\s+inclusive\b",
    # "committed to an inclusive, equitable and accessible workplace", "committed to valuing and
    # encouraging diversity", "people of all backgrounds", "actively encourages applications from ...".
    r"\b(?:valu|encourag|promot|embrac)\w*\s+(?:and\s+\w+\s+)?diversity\b|"
    r"\b(?:people|individuals|candidates|applicants)\s+(?:of|from)\s+all\s+(?:backgrounds|walks\s+of\s+life)\b|"
    r"\bencourag\w*\s+applications?\b",
    # Fair-chance hiring, the Disability Confident interview offer, safeguarding statements.
    r"\bfair\s+chance\b|\barrest\s+(?:and|or)\s+conviction\s+records?\b|\binterview\s+all\s+disabled\b|"
    r"\bcommitted\s+to\s+safeguarding\b",
    # "If you don't see yourself fully reflected in every job requirement ..., we still encourage you to
    # apply": an invitation, not a requirement.
    r"\bencourage\s+you\s+to\s+(?:reach\s+out\s+and\s+)?apply\b|\bfully\s+reflected\s+in\b|"
    r"\b(?:don['’]t|do\s+not)\s+(?:meet|tick|check|match)\s+(?:every|all)\s+(?:single\s+)?(?:one\s+of\s+)?"
    r"(?:the\s+)?(?:requirements?|qualifications?|criteria|boxe?s?|points?)\b",
    # Who may apply through which door: internal candidates, current employees, agencies' unsolicited CVs.
    r"\binternal\s+(?:candidates|applicants)\b|\bunsolicited\s+(?:resumes?|résumés?|cvs?|applications?|"
    r"candidates?|submissions?)\b",
    # Recruitment-scam warnings, talent communities and job alerts, data protection notices.
    r"\brecruitment\s+(?:scams?|fraud)\b|\bnever\s+ask\s+(?:you\s+)?(?:to\s+pay|for\s+(?:payment|money|fees))\b|"
    r"\btalent\s+(?:community|network|pool)\b|\bjob\s+alerts?\b|"
    # "In accordance with the General Data Protection Regulation (GDPR), we have ...": the employer's notice,
    # not "Understanding of GDPR", which is asked of the applicant.
    r"\b(?:in\s+accordance\s+with|under|in\s+line\s+with)\s+(?:the\s+)?(?:gdpr|general\s+data\s+protection)\b|"
    r"\bpersonal\s+information\s+we\s+collect\b",
    r"\bnot\s+(?:an?\s+)?exhaustive\b|\b(?:other\s+)?duties\s+as\s+(?:assigned|required|directed)\b|"
    # "Any other fair and reasonable task requested by a superior manager": the catch-all of a duty list.
    r"\bany\s+other\s+(?:[\w-]+\s+){0,4}(?:duties|duty|tasks?)\b",
    # The Rehabilitation of Offenders Act's exemption and spent convictions: a legal notice of the
    # application form, not a requirement ("subject to an Enhanced DBS check" is one).
    r"\brehabilitation\s+of\s+offenders\b|\bspent\s+convictions?\b|\bconvictions\s+that\s+are\s+"
    r"(?:classed|considered)\s+as\s+spent\b",
    # "Equality of opportunity is College policy", "Welsh speakers are equally welcome to apply".
    r"\bequality\s+of\s+opportunity\b|\b(?:equally\s+)?welcome\s+to\s+apply\b",
    r"\b(?:all\s+)?correspondence\s+should\b",
    # A job description's disclaimer: "not intended to be an exclusive list of responsibilities",
    # "describe the general nature and level of work".
    r"\b(?:exhaustive|exclusive|all[- ]inclusive|complete)\s+list(?:ing)?\s+of\s+(?:all\s+)?(?:the\s+)?"
    r"(?:responsibilities|duties|skills|tasks|functions)\b|\bgeneral\s+nature\s+and\s+level\s+of\s+work\b",
    # How the employer screens and decides: AI in hiring, data protection.
    r"\bhiring\s+decisions?\b|\bhuman\s+judge?ment\b|"
    r"\bour\s+(?:recruitment|recruiting|hiring|talent\s+acquisition)\s+(?:team|process)\b|\bhow\s+your\s+(?:personal\s+)?data\s+(?:is|will\s+be)\s+"
    r"(?:processed|used|handled|stored)\b",
    r"\b(?:request|invited\s+(?:for|to)|attend)\s+(?:an?\s+|the\s+|your\s+)?(?:[\w-]+\s+){0,3}interview\b",
    r"\bguaranteed\s+interview\b|\bdisability\s+confident\b|\barmed\s+forces\s+(?:covenant|community|friendly)\b",
    r"\binterested\s+(?:applicants|candidates|parties|individuals)\b",
    r"\b(?:cv|résumé|resume)\s+and\s+(?:a\s+)?cover(?:ing)?\s+letter\b",
    r"^(?:#[A-Za-z][\w-]*\W*)+$",
    r"\bby\s+(?:applying|submitting)\b|\bprivacy\s+(?:notice|policy|statement)\b|"
    r"\bhow\s+we\s+(?:use|process|handle)\s+your\s+(?:personal\s+)?data\b",
    r"\bclose\s+(?:this\s+|the\s+)?(?:advert|advertisement|vacancy|posting)\s+early\b|\bmay\s+close\s+early\b",
    # When the posting is open, whom the employer hires first: "POSTING PERIOD: ...", "Canadians and
    # permanent residents will be given priority", "All qualified candidates are encouraged to apply".
    r"\bposting\s+period\b|\b(?:will\s+be\s+)?given\s+(?:first\s+)?priority\b|\bencouraged\s+to\s+apply\b",
    # The employer's inspection rating, a boast about the employer: "rated 'Good' by the CQC".
    r"\brated\s+['‘’\"“”]?(?:outstanding|good|requires\s+improvement)['‘’\"“”]?\s+by\b",
    # Job-board buttons and counters.
    r"^(?:show\s+(?:more|less)|see\s+(?:more|less)|apply(?:\s+now)?|save|set\s+alert|easy\s+apply|"
    r"apply\s+for\s+this\s+job|report\s+this\s+job)\W*$",
    r"\breferrals\s+increase\s+your\s+chances\b",
    r"\bbe\s+among\s+the\s+first\s+\d+\s+applicants\b",
]
_BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
# "Legal right to work in Berlin/Europe (no visa sponsorship available)": what the employer will not
# provide, in brackets after the requirement, is a clause of its own.
_CLAUSE = re.compile(r"(?<=[,;])\s+|\s+(?=\((?:please|apply|see|no)\b)|\s+[-–—]\s+", re.IGNORECASE)
# A question is asked of the applicant (an application form's, or the posting's rhetoric); it
# states no requirement.
_CONDITION = re.compile(r"^(?:if|when|whether|should|once|as\s+soon\s+as)\b", re.IGNORECASE)
_QUESTION = re.compile(r"\?\s*[\"”’)]?\s*$")


# Plain words one of which every pattern above contains: a text without any is not boilerplate, and
# the big pattern (slow on long texts) need not run.
_TRIGGERS = (
    "opportunit", "discriminat", "regardless", "regard to", "protected", "affirmative", "divers",
    "committed", "inclusiv", "welcome", "accommodat", "adjustment", "disabilit", "senate", "apply",
    "please", "submit", "upload", "send", "mail", "click", "further", "more information", "more details",
    "touch", "contact", "love to", "look forward", "register", "interview", "hear", "successful",
    "closing", "deadline", "application", "accepting", "reserve", "response time", "recruitment",
    "agencies", "third part", "acquisition", "thank", "volume", "tools to support", "tool to support",
    "account", "junk", "spam", "filled", "probation", "show", "see ", "save", "alert", "report",
    "referrals", "among the first", "cultural", "persons with", "how to", "celebrate", "inclusi",
    "exhaustive", "other duties", "guaranteed interview", "armed forces", "interested", "cover letter",
    "covering letter", "#", "by applying", "by submitting", "privacy", "your data", "your personal data",
    "early", "come", "exclusive", "list of", "listing of", "general nature", "hiring decision", "judg",
    "recruit", "hiring", "duties as", "equality of", "correspondence", "considered", "received", "unable",
    "not able", "sponsorship", "relocation", "exceed", "category", "preference", "[at]", "(at)",
    "posting period", "priority", "rated", "informal", "encourag", "backgrounds", "walks of life",
    "fair chance", "conviction", "disabled", "reflected", "don't", "don’t", "do not", "internal",
    "unsolicited", "never ask", "talent community", "talent network", "talent pool", "gdpr",
    "data protection", "personal information", "accordance", "find out", "video", "tick every",
    "submitting", "closes", "reference", "ref:", "ref.", "ref ", "any other", "rehabilitation", "spent",
    "appreciate", "subject", "shortlist", "short-list", "review of", "process", "until", "interview",
    "posted", "job id", "opening", "requisition", "fax", "tel", "phone", "placement", "in recruit",
    "in hiring", "your cv", "your resume", "your résumé", "your career", "current", "find jobs", "zip",
    "postal code",
)  # fmt: skip


def is_boilerplate(text: str) -> bool:
    stripped = text.strip()
    if _QUESTION.search(stripped):
        return True
    lowered = stripped.lower()
    if not any(trigger in lowered for trigger in _TRIGGERS):
        return False
    return _BOILERPLATE.search(stripped) is not None


def without_boilerplate(text: str) -> str | None:
    """The text without its trailing boilerplate clauses ("US Citizen only, apply at the agency's site" ->
    "US Citizen only"); None when it is boilerplate from the start."""
    if not is_boilerplate(text):
        return text
    clauses = _CLAUSE.split(text.strip())
    kept: list[str] = []
    for clause in clauses:
        if is_boilerplate(clause):
            break
        kept.append(clause)
    if not kept:
        return None
    if _CONDITION.match(kept[0]):
        # "If you're ready to serve your community, we want to hear from you": the clauses kept only
        # set the condition of the boilerplate one.
        return None
    result = " ".join(kept).strip().rstrip(",;:-–— ")
    return result if len(result) >= 3 else None
