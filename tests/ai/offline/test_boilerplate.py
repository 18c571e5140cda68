"""Text about applying is never a requirement, a duty or a benefit."""

from __future__ import annotations

import pytest

from jobwise.ai.offline.boilerplate import is_boilerplate, without_boilerplate


@pytest.mark.parametrize(
    "text",
    [
        "Spotify is an equal opportunity employer.",
        "We have ways to request reasonable accommodations during the interview process",
        "Disability-related accommodations during the application process are available upon request",
        "Please contact the Portsmouth Staff Bank Recruitment Team on 0333 577 3316.",
        "Submit applications electronically to: resume@example.edu by April 2, 2012.",
        "Application Deadline: 2026-05-31",
        "If you have not received confirmation of an interview date within 6-8 weeks, please assume you have "
        "been unsuccessful.",
        "Can you join as soon as possible?",
        "Show more",
        "Apply for this job",
        "We may use artificial intelligence (AI) tools to support parts of the hiring process.",
        "We welcome candidates who will contribute to the cultural diversity of the college.",
        "Referrals increase your chances of interviewing at TERRAS by 2x",
        "#LI-Hybrid",
        "This job description is not exhaustive and other duties as assigned may apply.",
        "We reserve the right to close this advert early.",
        "Interested candidates should send a CV and cover letter.",
        "PwC Canada is committed to cultivating an inclusive, hybrid work environment.",
        "POSTING PERIOD: 8:00 am Monday, February 10, 2003 - 1:00 pm Friday, February 28, 2003",
        "All qualified candidates are encouraged to apply; however, Canadians and permanent residents "
        "will be given priority.",
        "Contact: Brinsley Doran, Recruitment Executive at Archer Recruitment",
        "For an informal discussion and visit about this opportunity",
        "Submit your curriculum vitae to the Human Resources Office prior to this date.",
        "Mountbatten Hampshire rated ‘Good’ by the CQC.",
        "Please note that this advert is for BANK staff only.",
        "Please state in your application how many hours you are interested in",
        "Come and make a difference with the team at Westgate Healthcare! #CareWithUsAtWestgate",
        "Final hiring decisions are ultimately made by humans.",
        "This is not intended to be an exclusive list of responsibilities and duties required of "
        "personnel so classified.",
        "These statements are intended to describe the general nature and level of work being performed.",
        "If you have symptoms, please request a Microsoft Teams interview.",
        "Your interview may be carried out via Microsoft Teams.",
        "These tools assist our recruitment team but do not replace human judgment.",
        "Duties as assigned by management",
        "Equality of opportunity is College policy.",
        "Welsh and/or English speakers are equally welcome to apply",
        "All correspondence should clearly state the job title and reference number",
        "BMO is committed to an inclusive, equitable and accessible workplace",
        "We are committed to valuing and encouraging diversity throughout our workforce",
        "BRP is dedicated to nurturing a culture that invites, connects, and propels the ambitions of people "
        "of all backgrounds",
        "The CCGs actively encourages applications from members of our Black, Asian and Minority Ethnic "
        "communities.",
        "Sony Interactive Entertainment is a Fair Chance employer and qualified applicants with arrest and "
        "conviction records will be considered for employment.",
        "Care Plus Group will interview all disabled candidates who meet the minimum criteria for any job "
        "vacancy.",
        "We are committed to safeguarding the welfare of vulnerable adults and expect the same commitment "
        "from all staff and volunteers.",
        "If you don’t see yourself fully reflected in every job requirement listed on the posting above, we "
        "still encourage you to reach out and apply.",
        "In line with normal processes, internal candidates must seek support from their line manager before "
        "applying for a secondment opportunity.",
        "Note to Recruiters: BMO does not accept unsolicited resumes",
        "Protect Yourself from Recruitment Scams",
        "Join our Talent Community",
        "Qualified applicants may be contacted to review their resume in more detail",
        "Requests for accommodation can be made by contacting the hiring office",
        "We’re committed to providing accommodation throughout the application, interview, and employment "
        "process.",
        "All new staff joining the CCGs will be subject to a 6 month probation period.",
        "In accordance with the General Data Protection Regulation (GDPR), we have implemented a Privacy "
        "Notice",
        "We understand some people may not apply for jobs unless they tick every box.",
        "Find out more about working in Kaluza on our careers page and LinkedIn.",
        "You can also find our Applicant Data Protection Policy here.",
        "Watch our video to see why you should work for us!",
        "Applicants requiring Tier 2 sponsorship should ensure they meet the Home Office application "
        "criteria prior to submitting an application.",
        "If you feel this is the opportunity for you then we look forward to receiving your application.",
        "Please refer to the job description and person specification attached.",
        "Job Reference: MT0362 - This vacancy closes on or before: 15th November 2020",
    ],
)
def test_application_text_is_boilerplate(text: str) -> None:
    assert is_boilerplate(text)


@pytest.mark.parametrize(
    "text",
    [
        "5+ years of experience with Python",
        "Must successfully pass pre-employment testing and a background check",
        "DBS disclosures are mandatory before commencement of employment",
        "Full clean UK driving licence",
        "Experience with C# and .NET",
        "Knowledge of data protection law",
        "Experience rated as good or better by your line manager",
        "Ability to prioritise a varied workload",
        "Knowledge of safeguarding adults and children",
        "Must meet all the essential criteria in the person specification",
        "Experience of promoting equality in a clinical setting",
        "Understanding of GDPR and information governance",
        "Demonstrated success in a fast-paced, deadline-driven environment",
    ],
)
def test_requirements_are_not_boilerplate(text: str) -> None:
    assert not is_boilerplate(text)


def test_a_trailing_clause_about_applying_is_cut_off() -> None:
    assert without_boilerplate("US Citizen only, apply at jobs.example.gov") == "US Citizen only"
    assert without_boilerplate("Please apply online.") is None
    assert without_boilerplate("Strong SQL skills") == "Strong SQL skills"


def test_clauses_that_only_set_the_condition_of_a_call_to_apply_go_with_it() -> None:
    # "If you're ready ..., we want to hear from you": nothing before the call states a requirement.
    assert (
        without_boilerplate(
            "If you're ready to serve your community with integrity, precision, and a commitment to "
            "excellence, we want to hear from you."
        )
        is None
    )
    assert (
        without_boilerplate(
            "If you would like more information about how your data is processed, please contact us."
        )
        is None
    )


@pytest.mark.parametrize(
    "text",
    [
        "Applications received after this date will not be considered.",
        "The company is unable to sponsor or take over sponsorship of an employment VISA for this position.",
        "No relocation assistance offered.",
        "Best Category - Meets the minimum qualification requirements and excels in most competencies.",
        "Apply on using the AngelList link or with resume to info [at] example.io",
        "Appointment will not exceed Nov. 30, 2004.",
    ],
)
def test_what_the_employer_will_not_provide_and_how_applicants_are_ranked_is_boilerplate(text: str) -> None:
    assert is_boilerplate(text)


@pytest.mark.parametrize(
    "text",
    [
        "This post is classed as exempted for the purposes of the Rehabilitation of Offenders Act 1974, even "
        "those convictions that are classed as spent must be declared on your application.",
        "Any other fair and reasonable task requested by a superior manager or clinician",
        "We appreciate your interest in Dentsply Sirona.",
        'Please be sure to include "Accommodation Request" in the subject.',
        "Applicants will be shortlisted on the basis of the information provided in their application.",
        "Review of applications will begin November 26, 2012",
        "OPEN UNTIL FILLED – APPLICATION REVIEW BEGINS IMMEDIATELY",
        "This position will remain open until suitable candidates are found.",
        "Date Posted: 02/16/2012",
        "Openings Remaining: 1",
        "e-mail: Martin.Rajman@epfl.ch",
        "If this spikes your interest email us at : admin@xstealth.space",
        "Your specific placement within the range will be determined by your professional background",
        "The use of artificial intelligence (AI) in recruiting is just getting started",
        "With your resume and brief description about your interests.",
        "Contribute to innovative AI development while advancing your career with Tekgence Inc in Toronto.",
        "ATTENTION: Current Alcon Employee/Contingent Worker",
        "Find Jobs for Employees",
        "Zip/Postal Code",
    ],
)
def test_legal_notices_and_a_duty_lists_catch_all_are_boilerplate(text: str) -> None:
    assert is_boilerplate(text)


def test_expertise_in_a_subject_matter_is_a_requirement_not_an_e_mails_subject_line() -> None:
    assert not is_boilerplate("Demonstrated expertise in the subject matter")


def test_a_right_to_work_requirement_keeps_its_words_without_the_sponsorship_note() -> None:
    assert without_boilerplate("Legal right to work in Berlin/Europe (no visa sponsorship available)") == (
        "Legal right to work in Berlin/Europe"
    )
