"""ORM tables, one module per table; import them from here."""

from jobwise.models.ai_cache import AICacheEntry
from jobwise.models.base import Base, utcnow
from jobwise.models.document import Document
from jobwise.models.education import Education
from jobwise.models.enhancement_run import EnhancementRun
from jobwise.models.experience import Experience
from jobwise.models.generation import DocumentType, Generation
from jobwise.models.job import Job
from jobwise.models.job_content_ranking import JobContentRanking
from jobwise.models.llm_usage import LLMUsage
from jobwise.models.login_throttle import LoginThrottle
from jobwise.models.profile import Profile
from jobwise.models.profile_entry import SECTIONS, ProfileEntry, SectionName
from jobwise.models.profile_view import ProfileView
from jobwise.models.project import Project
from jobwise.models.rate_limit import RateLimitCounter
from jobwise.models.sample_document import COVER_LETTER_SAMPLE, RESUME_SAMPLE, SampleDocument, SampleType
from jobwise.models.task import Task
from jobwise.models.user import User

__all__ = [
    "COVER_LETTER_SAMPLE",
    "RESUME_SAMPLE",
    "SECTIONS",
    "AICacheEntry",
    "Base",
    "Document",
    "DocumentType",
    "Education",
    "EnhancementRun",
    "Experience",
    "Generation",
    "Job",
    "JobContentRanking",
    "LLMUsage",
    "LoginThrottle",
    "Profile",
    "ProfileEntry",
    "ProfileView",
    "Project",
    "RateLimitCounter",
    "SampleDocument",
    "SampleType",
    "SectionName",
    "Task",
    "User",
    "utcnow",
]
