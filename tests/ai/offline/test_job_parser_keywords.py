"""Which of a posting's skills the offline job parser (ai/offline/job_parser.py) lists as its keywords.

Products and languages count wherever the posting names them; know-how named as a concept, and a licence or
a check, count when the title, the requirements or the duties ask for it, and not when it only names a team,
an employer's market, the field of the applicant's past years, or the practice of a tool the same item names.
"""

from __future__ import annotations

from jobwise.ai.offline.job_parser import parse_job_text


def test_the_title_names_the_trade_the_posting_asks_for() -> None:
    parsed = parse_job_text(
        "Carpenter\n\n"
        "An exciting opportunity has arisen to join the Estates Department as a Carpenter.\n\n"
        "Requirements\n- Experience of reactive maintenance in a large organisation\n"
    )
    assert {"Carpentry", "Reactive maintenance"} <= set(parsed.keywords)


def test_a_concept_in_the_company_blurb_alone_is_still_not_a_keyword() -> None:
    parsed = parse_job_text(
        "Payroll Officer\n\nWe are a leading provider of carpentry and plumbing services.\n\n"
        "Requirements\n- Experience of running a monthly payroll\n"
    )
    assert "Payroll" in parsed.keywords
    assert "Carpentry" not in parsed.keywords and "Plumbing" not in parsed.keywords


def test_a_capitalised_team_name_is_not_a_skill_but_managing_a_function_is() -> None:
    parsed = parse_job_text(
        "Responsibilities\n"
        "- Work alongside our Clinical Education Team and the Data Engineering team\n"
        "- Oversee the cash management team and report to the Head of Data Science\n"
    )
    assert "Clinical education" not in parsed.keywords
    assert "Data engineering" not in parsed.keywords
    assert "Data science" not in parsed.keywords
    assert "Cash management" in parsed.keywords


def test_the_market_an_employer_is_in_is_not_a_skill() -> None:
    parsed = parse_job_text(
        "Requirements\n"
        "- 5+ years in a BI role at a B2B SaaS company\n"
        "- Experience with fintech, RegTech or SaaS businesses\n"
        "- Strong SQL\n"
    )
    assert "SaaS" not in parsed.keywords and "Fintech" not in parsed.keywords
    assert "SQL" in parsed.keywords


def test_the_discipline_of_past_years_is_experience_not_a_keyword() -> None:
    parsed = parse_job_text(
        "What You'll Bring\n"
        "- 3+ years of experience in analytics engineering, data engineering, or a data analyst role\n"
        "- Background in web development, with strong dbt skills\n"
    )
    assert "Data engineering" not in parsed.keywords
    # Without years, the discipline is what the applicant knows.
    assert {"Web development", "dbt"} <= set(parsed.keywords)


def test_a_practice_named_with_its_tool_is_the_tool() -> None:
    parsed = parse_job_text(
        "Requirements\n- Experience with Git version control\n- Apply version control to analytics code\n"
    )
    assert "Git" in parsed.keywords
    assert "Version control" in parsed.keywords  # asked on its own in the second item
    parsed = parse_job_text("Requirements\n- Familiarity with version control systems (e.g., Git)\n")
    assert parsed.keywords == ["Git"]
    parsed = parse_job_text("Requirements\n- Familiarity with version control (e.g. Git) for all code\n")
    assert parsed.keywords == ["Git"]


def test_office_programs_named_by_their_short_names_in_a_list() -> None:
    parsed = parse_job_text(
        "Requirements\n- Proficiency in Microsoft Office (Word, Excel, Access, PowerPoint)\n"
    )
    assert {"Microsoft Word", "Microsoft Excel", "Microsoft Access", "Microsoft PowerPoint"} <= set(
        parsed.keywords
    )


def test_a_check_the_employer_pays_for_is_an_offer_not_a_requirement() -> None:
    parsed = parse_job_text(
        "Catering Manager\n\nSalary: £20000.00 Per Annum Free DBS check, Flu vaccination\n\n"
        "Requirements\n- Basic Food Hygiene certificate\n"
    )
    assert "DBS check" not in parsed.keywords
    parsed = parse_job_text("Requirements\n- An enhanced DBS check is required for this post\n")
    assert "DBS check" in parsed.keywords


def test_a_profile_link_and_a_place_name_are_not_skills() -> None:
    parsed = parse_job_text(
        "How to apply\n\nSend your resume and a link to your GitHub account.\n\n"
        "Bulk Apothecary is located in Aurora, OH.\n\nRequirements\n- Basic typing skills\n"
    )
    assert parsed.keywords == ["Typing"]


def test_a_quality_of_the_work_counts_when_required_not_when_a_duty_names_it() -> None:
    duties = parse_job_text(
        "Responsibilities\n- Ensure the scalability of our pipelines and take part in code reviews\n"
        "- Build CI/CD for our dbt project\n"
    )
    assert "Scalability" not in duties.keywords and "Code review" not in duties.keywords
    # A method with tools of its own still counts from the duties.
    assert {"CI/CD", "dbt"} <= set(duties.keywords)
    required = parse_job_text("Requirements\n- Experience of code review and designing for scalability\n")
    assert {"Code review", "Scalability"} <= set(required.keywords)


def test_testing_and_observability_named_through_their_tools_are_the_tools() -> None:
    parsed = parse_job_text(
        "Requirements\n- Experience with TDD/automated testing frameworks (Jest, Playwright, PHPUnit)\n"
        "- Experience with observability tools and monitoring systems such as Prometheus and Grafana\n"
    )
    assert {"Jest", "Playwright", "PHPUnit", "Prometheus", "Grafana"} <= set(parsed.keywords)
    assert "Test automation" not in parsed.keywords and "Observability" not in parsed.keywords
    parsed = parse_job_text("Requirements\n- A focus on testing, observability, and CI/CD\n")
    assert "Observability" in parsed.keywords


def test_a_warehouse_named_by_its_products_is_the_products_but_a_tag_list_names_each() -> None:
    parsed = parse_job_text("Requirements\n- Experience with cloud data warehouses (Snowflake, Redshift)\n")
    assert {"Snowflake", "Amazon Redshift"} <= set(parsed.keywords)
    assert "Data warehousing" not in parsed.keywords
    parsed = parse_job_text(
        "Requirements\n- Job Skills: Data Pipelines, Data Warehousing (DW), DevOps, End-to-End Testing, "
        "ETL Processing, Feature Engineering, Generative AI, Snowflake (Platform)\n"
    )
    assert {"Data warehousing", "Snowflake"} <= set(parsed.keywords)


def test_a_discipline_inside_a_proper_name_is_not_a_skill() -> None:
    parsed = parse_job_text(
        "Responsibilities\n"
        "- Check the status of milestones in the Project Management Tool\n"
        "- Represent the team at the Digital Humanities Observatory\n"
        "- Hold a Teaching/Assessing Certificate\n"
        "- Use data visualization tools daily\n"
    )
    assert "Project management" not in parsed.keywords
    assert "Digital humanities" not in parsed.keywords
    assert "Teaching" not in parsed.keywords
    assert "Data visualization" in parsed.keywords


def test_a_market_prefix_before_a_discipline_names_a_market_but_its_metrics_are_know_how() -> None:
    market = parse_job_text("Nice to have\n- Previous experience in legal-tech, RegTech, or B2B SaaS.\n")
    assert "SaaS" not in market.keywords
    metrics = parse_job_text("Requirements\n- Strong understanding of B2B SaaS metrics: ARR, NRR, churn\n")
    assert "SaaS" in metrics.keywords


def test_business_intelligence_named_through_its_tools_is_the_tools() -> None:
    parsed = parse_job_text(
        "Requirements\n"
        "- Experience delivering dashboards using Business Intelligence tools such as Tableau or Power BI\n"
    )
    assert {"Tableau", "Power BI"} <= set(parsed.keywords)
    assert "Business intelligence" not in parsed.keywords


def test_the_field_of_past_years_is_experience_in_other_languages_and_other_disciplines_too() -> None:
    parsed = parse_job_text(
        "Dein Profil\n"
        "- 2–5 Jahre Berufserfahrung im Bereich Data Engineering, BI oder Analytics\n"
        "- Sehr gute Kenntnisse in Python und SQL\n"
        "- 4+ years of experience in an analytics engineering or business intelligence role\n"
    )
    assert "Data engineering" not in parsed.keywords
    assert "Business intelligence" not in parsed.keywords
    assert {"Python", "SQL"} <= set(parsed.keywords)


def test_the_role_noun_of_the_title_names_the_work() -> None:
    parsed = parse_job_text(
        "Project Manager\n\nThe museum wishes to appoint a Project Manager to run a two-year cataloguing "
        "project.\n\nRequirements\n- Previous management experience\n"
    )
    assert "Project management" in parsed.keywords


def test_know_how_in_a_colleagues_post_is_not_asked_of_the_applicant() -> None:
    parsed = parse_job_text(
        "Finance Assistant\n\nResponsibilities\n"
        "- Work closely with the Compliance Officer and report to the Safeguarding Lead\n"
        "- Act as the procurement lead for the team\n"
    )
    assert "Compliance" not in parsed.keywords
    assert "Safeguarding" not in parsed.keywords
    # Said of the applicant, the post is their own trade.
    assert "Procurement" in parsed.keywords


def test_a_check_the_employer_runs_at_the_offer_stage_is_not_a_requirement() -> None:
    parsed = parse_job_text(
        "Cook\n\nWe currently have vacancies for Registered Nurses and cooks.\n\n"
        "Requirements\n- Food hygiene certificate\n- Experience of cooking for large numbers\n\n"
        "Please note that any offer of a post is subject to pre-employment screening. The offer will also be "
        "provisional upon receipt of a satisfactory Enhanced DBS check.\n"
    )
    assert "DBS check" not in parsed.keywords
    assert "RN licence" not in parsed.keywords
    assert "Cooking" in parsed.keywords


def test_a_licence_the_requirements_ask_for_is_a_keyword() -> None:
    parsed = parse_job_text("Bank Driver\n\nRequirements\n- Full UK driving licence\n- Enhanced DBS check\n")
    assert {"Driving licence", "DBS check"} <= set(parsed.keywords)


def test_an_aim_of_every_duty_list_counts_only_when_the_requirements_ask_for_it() -> None:
    duties = parse_job_text(
        "Staff Nurse\n\nResponsibilities\n- Provide individualised quality patient care\n\n"
        "Requirements\n- NMC registration\n"
    )
    assert "Patient care" not in duties.keywords
    required = parse_job_text(
        "BI Analyst\n\nRequirements\n- Experience defining KPIs with finance stakeholders\n"
    )
    assert "KPIs" in required.keywords


def test_the_functions_a_holder_works_with_are_not_the_holders_know_how() -> None:
    parsed = parse_job_text(
        "Corporate Accountant\n\nResponsibilities\n"
        "- Regular liaison with budget holders, payroll and internal audit\n"
        "- Partner with members of the finance and procurement teams\n"
        "- Collaborate with the finance team to deliver cash flow forecasting\n"
    )
    assert "Payroll" not in parsed.keywords
    assert "Auditing" not in parsed.keywords
    assert "Procurement" not in parsed.keywords
    # What is done with them is the holder's work.
    assert "Cash management" in parsed.keywords
