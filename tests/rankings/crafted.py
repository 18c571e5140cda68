"""A crafted profile and job whose right answers are obvious, and a large profile that cannot fit
one page; shared by the ranking, generation and document tests."""

from __future__ import annotations

from typing import Any

import httpx

PROFILES = "/api/v1/profiles"
ME = f"{PROFILES}/me"
JOBS = "/api/v1/jobs"

OBVIOUS = (
    "Built and operated REST APIs in Python and FastAPI on PostgreSQL for card payments, "
    "serving 2 million requests a day."
)
POSTGRES = "Tuned PostgreSQL queries for the sales dashboards, cutting load time from 9 s to 2 s."
K8S = "Ran a home lab of services on k8s with GitHub Actions CI/CD."
ABSENT = "Experience with Rust for systems programming"

JOB: dict[str, Any] = {
    "title": "Backend Engineer (Payments)",
    "company": "Finly",
    "location": "Remote",
    "description": "Finly builds payment infrastructure for small businesses.",
    "requirements": [
        "Build and operate REST APIs in Python with FastAPI",
        "Tune PostgreSQL queries and schema design",
        "Run services on Kubernetes with CI/CD",
        ABSENT,
    ],
    "keywords": ["Python", "FastAPI", "PostgreSQL", "Kubernetes", "CI/CD", "Rust"],
}

PROFILE: dict[str, Any] = {
    "personal_info": {
        "name": "Mira Kowalski",
        "email": "mira@example.com",
        "phone": "+48 22 123 45 67",
        "location": {"city": "Warsaw", "countryCode": "PL", "address": "ul. Prosta 1"},
        "url": "https://mira.example.com",
    },
    "professional_summary": "Backend engineer focused on payment systems and data.",
    "skills": ["Docker", "Python", "FastAPI", "PostgreSQL", "Kubernetes"],
}

EXPERIENCES: list[dict[str, Any]] = [
    {
        "title": "Data Analyst",
        "company": "ShopCo",
        "location": "Kraków",
        "start_date": "2016-02",
        "end_date": "2019-06",
        "bullets": [
            "Presented weekly reports to the sales team.",
            POSTGRES,
        ],
        "technologies": ["SQL", "PostgreSQL"],
    },
    {
        "title": "Backend Engineer",
        "company": "Acme Payments",
        "location": "Warsaw",
        "start_date": "2019-07",
        "is_current": True,
        "bullets": [
            "Organised the quarterly team offsite and the office book club.",
            OBVIOUS,
            "Wrote the onboarding guide for new hires.",
        ],
        "technologies": ["Python", "FastAPI"],
    },
]
PROJECTS: list[dict[str, Any]] = [
    {"name": "k8s-lab", "bullets": [K8S], "technologies": ["Kubernetes"], "start_date": "2023"},
    {"name": "Sourdough blog", "bullets": ["A blog about baking bread."], "start_date": "2020"},
]
EDUCATION: list[dict[str, Any]] = [
    {
        "institution": "Warsaw University of Technology",
        "degree": "BSc",
        "field_of_study": "Computer Science",
        "start_date": "2012",
        "end_date": "2016",
    },
]


def large_experiences(roles: int = 9, bullets: int = 10) -> list[dict[str, Any]]:
    """Far more than a page: roles with many long bullets, dated newest first."""
    out = []
    for role in range(roles):
        start, end = 2023 - 2 * role, 2024 - 2 * role
        out.append(
            {
                "title": f"Engineer {role}",
                "company": f"Company {role} Ltd",
                "location": "Remote",
                "start_date": f"{start}-01",
                "end_date": None if role == 0 else f"{end}-01",
                "is_current": role == 0,
                "bullets": [
                    f"Delivered project {role}-{bullet} on time, coordinating design reviews, "
                    f"documentation and release notes across several teams in {start}."
                    + (" Built REST APIs in Python with FastAPI." if bullet == 3 else "")
                    for bullet in range(bullets)
                ],
                "technologies": ["Python"],
            }
        )
    return out


async def create_profile(
    client: httpx.AsyncClient,
    *,
    experiences: list[dict[str, Any]] | None = None,
    projects: list[dict[str, Any]] | None = None,
    education: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    created = await client.post(PROFILES, json=PROFILE)
    assert created.status_code == 201, created.text
    for kind, items in (
        ("experiences", EXPERIENCES if experiences is None else experiences),
        ("projects", PROJECTS if projects is None else projects),
        ("education", EDUCATION if education is None else education),
    ):
        for item in items:
            response = await client.post(f"{ME}/{kind}", json=item)
            assert response.status_code == 201, response.text
    profile = (await client.get(ME)).json()
    assert isinstance(profile, dict)
    return profile


async def create_job(client: httpx.AsyncClient, **changes: Any) -> str:
    response = await client.post(JOBS, json={**JOB, **changes})
    assert response.status_code == 201, response.text
    job_id = response.json()["id"]
    assert isinstance(job_id, str)
    return job_id
