"""ORM tables, one module per table; import them from here."""

from jobwise.models.base import Base, utcnow
from jobwise.models.document import Document
from jobwise.models.education import Education
from jobwise.models.enhancement_job import EnhancementJob
from jobwise.models.experience import Experience
from jobwise.models.generation import Generation
from jobwise.models.job import Job
from jobwise.models.job_content_ranking import JobContentRanking
from jobwise.models.login_attempt import LoginAttempt
from jobwise.models.profile import Profile
from jobwise.models.project import Project
from jobwise.models.sample_document import SampleDocument
from jobwise.models.user import User

__all__ = [
    "Base",
    "Document",
    "Education",
    "EnhancementJob",
    "Experience",
    "Generation",
    "Job",
    "JobContentRanking",
    "LoginAttempt",
    "Profile",
    "Project",
    "SampleDocument",
    "User",
    "utcnow",
]
