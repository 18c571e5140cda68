"""The parser reads the same posting the same way however it was pasted (issue 15): each real dev
posting, transformed as a browser copy, a job board's page or an email client transforms it
(tests/ai/offline/posting_pastes.py), keeps the title, company, place and pay it is labelled with, the
requirements the parser finds in the original, and no boilerplate among its requirements."""

from __future__ import annotations

import pytest

from tests.ai.offline.posting_pastes import TRANSFORMS, check, load_dev

# Pastes the parser still misreads, each a known fault to fix (strict: a fixed one must leave the list).
KNOWN_FAILURES: dict[str, frozenset[str]] = {
    "rewrap_72": frozenset(
        {
            "dh_dho_metadata_manager_dublin",
            "dh_epfl_postdoc_nlp_dialogue_chf",
            "hn_digifi_sales_development_representative",
            "indeed_alcon_it_business_analyst_sap",
            "indeed_cognizioni_guidewire_developer",
            "jobsboard_nextgen_nevada_field_organizer",
            "library_duke_digitization_librarian",
            "linkedin_ecam_analytics_engineer_document_intelligence",
            "linkedin_forward_college_lecturer_business_analytics",
            "linkedin_maxicon_bi_analist_dutch",
            "linkedin_numan_senior_analytics_engineer",
            "nhs_benenden_administrator_receptionist",
            "nhs_benenden_private_patients_sales_advisor",
            "nhs_derby_payroll_officer",
            "prose_washington_county_elections_division_manager",
            "usajobs_smithsonian_education_specialist",
            "workable_fp_markets_senior_analytics_engineer",
        }
    ),
    "no_bullet_markers": frozenset(
        {
            "canada_brp_ai_product_owner",
            "government_wayne_county_election_specialist",
            "greenhouse_sony_senior_analytics_engineer",
            "hn_xstealth_nodejs_engineer_bengaluru",
            "markdown_lego_senior_analytics_engineer",
        }
    ),
    "rendered_markdown": frozenset(
        {
            "canada_brp_ai_product_owner",
            "dh_epfl_postdoc_nlp_dialogue_chf",
            "government_wayne_county_election_specialist",
            "greenhouse_sony_senior_analytics_engineer",
            "hn_xstealth_nodejs_engineer_bengaluru",
            "markdown_lego_senior_analytics_engineer",
        }
    ),
    "no_blank_lines": frozenset(
        {
            "agency_yuri_neil_analytics_engineer_montreuil",
            "careers_dentsply_sirona_analytical_engineer",
            "dh_epfl_postdoc_nlp_dialogue_chf",
            "glassdoor_blazeclan_associate_data_scientist",
            "hn_xstealth_nodejs_engineer_bengaluru",
            "jobsboard_trust_women_director_of_development",
            "markdown_lego_senior_analytics_engineer",
            "nhs_benenden_administrator_receptionist",
            "nhs_gp_deputy_reception_manager",
        }
    ),
    "linkedin_guest": frozenset(
        {
            "agency_relyzit_analytics_engineer_freelance",
            "hn_eos_utvalget_technologists_oslo",
            "jobsboard_outreach_team_door_to_door_campaign_staff",
            "linkedin_ecam_analytics_engineer_document_intelligence",
            "naukri_tech_mahindra_service_desk_walkin",
        }
    ),
    "linkedin_signed_in": frozenset(
        {
            "canada_quantum_world_gen_ai_developer",
            "hn_eos_utvalget_technologists_oslo",
            "hn_newton_finance_operations_coordinator",
            "jobsboard_fpa_clinic_manager",
            "jobsboard_outreach_team_door_to_door_campaign_staff",
            "naukri_tech_mahindra_service_desk_walkin",
            "nhs_ppg_pharmacy_technician_oakwood",
        }
    ),
    "greenhouse": frozenset(
        {
            "linkedin_ecam_analytics_engineer_document_intelligence",
            "naukri_diamond_magazines_media_sales_manager",
            "naukri_holidays_inn_travel_expert_ticketing",
        }
    ),
    "lever": frozenset(
        {
            "government_fort_orange_press_election_services",
            "hn_defenders_of_wildlife_application_developer",
            "hn_epa_software_engineer",
            "naukri_tech_mahindra_service_desk_walkin",
            "smartrecruiters_entain_analytics_engineer_bi",
            "teaching_kings_college_lecturer_digital_culture",
        }
    ),
    "glassdoor": frozenset(
        {
            "glassdoor_spare_care_data_analytics_executive",
            "hn_eos_utvalget_technologists_oslo",
            "hn_newton_finance_operations_coordinator",
            "jobsboard_fpa_clinic_manager",
            "jobsboard_outreach_team_door_to_door_campaign_staff",
            "naukri_tech_mahindra_service_desk_walkin",
        }
    ),
    "greenhouse_tab": frozenset(
        {
            "hn_eos_utvalget_technologists_oslo",
            "jobsboard_fpa_clinic_manager",
            "jobsboard_outreach_team_door_to_door_campaign_staff",
            "naukri_tech_mahindra_service_desk_walkin",
        }
    ),
    "workable": frozenset(
        {
            "glassdoor_spare_care_data_analytics_executive",
            "jobsboard_fpa_clinic_manager",
            "jobsboard_outreach_team_door_to_door_campaign_staff",
            "linkedin_terras_bi_data_engineer",
            "naukri_tech_mahindra_service_desk_walkin",
        }
    ),
}


def _cases() -> list[object]:
    return [
        pytest.param(
            transform,
            case,
            id=f"{transform}-{case.name}",
            marks=[pytest.mark.xfail(strict=True, reason="known fault")]
            if case.name in KNOWN_FAILURES.get(transform, frozenset())
            else [],
        )
        for transform in TRANSFORMS
        for case in load_dev()
    ]


@pytest.mark.parametrize(("transform", "case"), _cases())
def test_a_pasted_posting_reads_like_the_original(transform: str, case: object) -> None:
    problems = check(case, TRANSFORMS[transform])  # type: ignore[arg-type]
    assert not problems, "\n".join(problems)


def test_known_failures_name_real_postings_and_transformations() -> None:
    names = {case.name for case in load_dev()}
    assert set(KNOWN_FAILURES) <= set(TRANSFORMS)
    assert all(postings <= names for postings in KNOWN_FAILURES.values())
