"""Typed settings: the only module that reads the environment.

Names follow the seed's design document so its `.env` files keep working; JobWise adds
JOBWISE_DATA_DIR, where the default database, uploads and generated secret live.
"""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

MIN_SECRET_BYTES = 32
# What LLM_DAILY_TOKEN_BUDGET is when an LLM engine runs and the setting is not given: a day of
# heavy personal use (dozens of parses, rankings and letters, a few enhancements), not a script's.
DEFAULT_LLM_DAILY_TOKEN_BUDGET = 200_000
SECRET_FILE_NAME = "jwt_secret"  # noqa: S105 (a file name, not a secret)


class ConfigurationError(RuntimeError):
    """Raised at start-up when the settings cannot work; the message says what to change."""


def _split_list(value: object) -> object:
    # Accept both a JSON list (the seed's .env uses one) and a comma-separated string.
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            import json

            return json.loads(text)
        return [part.strip() for part in text.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", case_sensitive=True, extra="ignore"
    )

    APP_NAME: str = "JobWise"
    DEBUG: bool = False
    LOG_LEVEL: str = "INFO"

    JOBWISE_DATA_DIR: Path = Path("./var")
    # Empty means "SQLite in the data directory".
    DATABASE_URL: str = ""

    JWT_SECRET_KEY: str = ""
    JWT_ALGORITHM: Literal["HS256", "HS384", "HS512"] = "HS256"
    JWT_EXPIRY_HOURS: int = Field(default=24, ge=1, le=24 * 30)
    JWT_ISSUER: str = "jobwise"
    JWT_AUDIENCE: str = "jobwise-api"

    # Failed logins buy a growing delay, never a lockout (auth/throttle.py). Free failures for
    # one account from one client address, for one account from anywhere (whose delay stays
    # short, so the owner is never kept out for long) and for one address across accounts.
    LOGIN_MAX_FAILURES: int = Field(default=5, ge=1)
    LOGIN_ACCOUNT_MAX_FAILURES: int = Field(default=20, ge=1)
    LOGIN_CLIENT_MAX_FAILURES: int = Field(default=30, ge=1)
    # The first delay, doubled with each further failure up to the maximum.
    LOGIN_DELAY_SECONDS: float = Field(default=2, gt=0)
    LOGIN_MAX_DELAY_SECONDS: float = Field(default=900, gt=0)
    LOGIN_ACCOUNT_MAX_DELAY_SECONDS: float = Field(default=60, gt=0)
    # Failures are forgotten after this long without another.
    LOGIN_WINDOW_SECONDS: int = Field(default=900, ge=1)

    AI_ENGINE: Literal["", "offline", "groq", "openai"] = ""
    GROQ_API_KEY: str = ""
    # Groq retired the seed's llama-3.1-8b-instant and llama-3.1-70b-versatile.
    GROQ_MODEL_FAST: str = "openai/gpt-oss-20b"
    GROQ_MODEL_QUALITY: str = "openai/gpt-oss-120b"
    GROQ_TIMEOUT: float = Field(default=30, gt=0)
    GROQ_MAX_RETRIES: int = Field(default=3, ge=0, le=10)
    LLM_BASE_URL: str = ""
    LLM_API_KEY: str = ""
    LLM_MODEL_FAST: str = ""
    LLM_MODEL_QUALITY: str = ""
    # Tokens per user per UTC day. Unset: DEFAULT_LLM_DAILY_TOKEN_BUDGET with an LLM engine,
    # nothing to limit with the offline engine; 0 given explicitly means no limit.
    # Read llm_daily_token_budget, never this field.
    LLM_DAILY_TOKEN_BUDGET: int | None = Field(default=None, ge=0)
    # The groq SDK appends /openai/v1 to this; only tests and proxies change it.
    GROQ_BASE_URL: str = "https://api.groq.com"
    # OpenAI-compatible servers are often local and slow to load a model: a longer default.
    LLM_TIMEOUT: float = Field(default=60, gt=0)
    LLM_MAX_RETRIES: int = Field(default=3, ge=0, le=10)
    # One time limit for all the model calls of one API request, retries included (keep it under
    # a reverse proxy's timeout; 300 s is common), and one for each item of an enhancement.
    LLM_REQUEST_DEADLINE: float = Field(default=240, gt=0)
    LLM_TASK_STEP_DEADLINE: float = Field(default=300, gt=0)
    # The optional model judgement of a ranking, when a document is compiled from it: a failed
    # or slow one is kept (the ranking stays deterministic) rather than waited for every time.
    LLM_JUDGEMENT_DEADLINE: float = Field(default=30, gt=0)
    # Caps every call's max_tokens (0: each purpose's own size, from the prompt files). Small
    # local models have small contexts: the prompt and the answer must both fit.
    LLM_MAX_OUTPUT_TOKENS: int = Field(default=0, ge=0, le=32_768)
    # First backoff delay; it doubles per retry (with jitter) unless the server sends retry-after.
    LLM_RETRY_BACKOFF_SECONDS: float = Field(default=0.5, ge=0, le=60)
    # LLM calls in flight at once per process.
    LLM_CONCURRENCY: int = Field(default=4, ge=1, le=64)
    # Answer identical temperature-0 requests from the ai_cache table.
    LLM_CACHE: bool = True
    # Sent on the fast path to reasoning models (gpt-oss, o-series); their reasoning tokens
    # count against max_tokens, so "low" keeps quick steps quick. Empty sends nothing.
    LLM_REASONING_EFFORT_FAST: Literal["", "low", "medium", "high"] = "low"

    # Per-user limits on the expensive routes: at most this many requests of each kind per
    # RATE_LIMIT_WINDOW_SECONDS (429 with Retry-After beyond); 0 turns one off. Kept in the
    # database, so they hold across API processes. The routes are named in rate_limits/service.py.
    RATE_LIMIT_WINDOW_SECONDS: int = Field(default=60, ge=1, le=24 * 3600)
    RATE_LIMIT_JOB_PARSES: int = Field(default=30, ge=0)
    RATE_LIMIT_ENHANCEMENTS: int = Field(default=5, ge=0)
    RATE_LIMIT_RANKINGS: int = Field(default=30, ge=0)
    RATE_LIMIT_GENERATIONS: int = Field(default=10, ge=0)
    RATE_LIMIT_EXPORTS: int = Field(default=60, ge=0)
    RATE_LIMIT_UPLOADS: int = Field(default=20, ge=0)

    # Empty means "uploads" in the data directory.
    UPLOAD_DIR: str = ""
    MAX_UPLOAD_SIZE_MB: float = Field(default=5, gt=0, le=100)
    # Any request body but an upload (multipart/form-data): larger ones are refused with 413
    # before they are read. A full JSON Resume profile is a few dozen KB.
    MAX_JSON_BODY_MB: float = Field(default=1, gt=0, le=100)
    ALLOWED_EXTENSIONS: Annotated[list[str], NoDecode] = ["txt", "pdf", "docx"]
    ALLOWED_ORIGINS: Annotated[list[str], NoDecode] = ["http://localhost:3000", "http://localhost:8000"]
    # Empty means the prompts shipped inside the package.
    PROMPTS_DIR: str = ""

    HOST: str = "127.0.0.1"
    PORT: int = Field(default=8000, ge=1, le=65535)
    MIGRATE_ON_START: bool = True

    # Durable background tasks (tasks/): the API process runs an embedded worker unless disabled
    # (then `jobwise worker` runs them). A task whose lease is not renewed within
    # TASK_LEASE_SECONDS is taken up again, at most TASK_MAX_ATTEMPTS times in all.
    # Who carries tasks to workers: "embedded" workers poll the task table (any database);
    # "procrastinate" delivers them through procrastinate's queue in PostgreSQL (docs/deploying.md).
    TASK_BACKEND: Literal["embedded", "procrastinate"] = "embedded"
    TASK_WORKER_ENABLED: bool = True
    # The API process's worker runs in a child process (tasks/process.py), so task work never
    # delays a request; false runs it on the API process's own event loop.
    TASK_WORKER_PROCESS: bool = True
    TASK_WORKER_CONCURRENCY: int = Field(default=2, ge=1, le=64)
    TASK_LEASE_SECONDS: float = Field(default=60, gt=0)
    TASK_HEARTBEAT_SECONDS: float = Field(default=15, gt=0)
    TASK_POLL_SECONDS: float = Field(default=2, gt=0)
    TASK_MAX_ATTEMPTS: int = Field(default=3, ge=1, le=20)
    # On shutdown, how long running tasks may take to finish before they are released.
    TASK_SHUTDOWN_GRACE_SECONDS: float = Field(default=20, ge=0)
    # Enhancement: AI calls in flight at once per run (its texts are packed into as many calls as
    # this and LLM_CONCURRENCY allow at once); how often the event stream reads the job.
    ENHANCEMENT_CONCURRENCY: int = Field(default=8, ge=1, le=64)
    ENHANCEMENT_EVENTS_POLL_SECONDS: float = Field(default=0.5, gt=0)
    # SQLite: connections opened at start rather than while requests wait (db.open_connections).
    SQLITE_WARM_CONNECTIONS: int = Field(default=8, ge=0, le=15)

    @field_validator("ALLOWED_EXTENSIONS", "ALLOWED_ORIGINS", mode="before")
    @classmethod
    def _lists(cls, value: object) -> object:
        return _split_list(value)

    @field_validator("LLM_DAILY_TOKEN_BUDGET", mode="before")
    @classmethod
    def _empty_budget_is_unset(cls, value: object) -> object:
        # `LLM_DAILY_TOKEN_BUDGET=` in a .env file means "the default", not an error.
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("ALLOWED_EXTENSIONS")
    @classmethod
    def _lower_extensions(cls, value: list[str]) -> list[str]:
        return [ext.lower().lstrip(".") for ext in value]

    @property
    def ai_engine(self) -> Literal["offline", "groq", "openai"]:
        """The engine that runs: AI_ENGINE when set, else Groq with a key, a server with a URL."""
        if self.AI_ENGINE:
            return self.AI_ENGINE
        if self.GROQ_API_KEY:
            return "groq"
        if self.LLM_BASE_URL:
            return "openai"
        return "offline"

    @property
    def llm_daily_token_budget(self) -> int:
        """Tokens a user may spend per UTC day; 0 means no limit."""
        if self.LLM_DAILY_TOKEN_BUDGET is not None:
            return self.LLM_DAILY_TOKEN_BUDGET
        # A paid (or shared) model needs a cap by default; the offline engine spends no tokens.
        return 0 if self.ai_engine == "offline" else DEFAULT_LLM_DAILY_TOKEN_BUDGET

    @property
    def data_dir(self) -> Path:
        return self.JOBWISE_DATA_DIR.expanduser().resolve()

    @property
    def database_url(self) -> str:
        if self.DATABASE_URL:
            return _async_driver(self.DATABASE_URL)
        return f"sqlite+aiosqlite:///{self.data_dir / 'jobwise.db'}"

    @property
    def upload_dir(self) -> Path:
        return Path(self.UPLOAD_DIR).expanduser().resolve() if self.UPLOAD_DIR else self.data_dir / "uploads"

    @property
    def max_upload_bytes(self) -> int:
        return int(self.MAX_UPLOAD_SIZE_MB * 1024 * 1024)

    @property
    def max_json_body_bytes(self) -> int:
        return int(self.MAX_JSON_BODY_MB * 1024 * 1024)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _async_driver(url: str) -> str:
    """Let people paste the seed's synchronous URLs; the app needs an async driver."""
    if url.startswith("sqlite:///"):
        return "sqlite+aiosqlite:///" + url.removeprefix("sqlite:///")
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+asyncpg://" + url.split("://", 1)[1]
    return url


def resolve_jwt_secret(settings: Settings) -> str:
    """The configured secret, or one generated once and kept in the data directory.

    Keeping it on disk (mode 600) means tokens survive a restart without anyone having to
    configure a secret; a short configured secret is refused rather than silently weak.
    """
    # RFC 7518: an HMAC key at least as long as the hash; never under 32 bytes.
    minimum = max(MIN_SECRET_BYTES, {"HS256": 32, "HS384": 48, "HS512": 64}[settings.JWT_ALGORITHM])
    if settings.JWT_SECRET_KEY:
        if len(settings.JWT_SECRET_KEY.encode()) < minimum:
            raise ConfigurationError(
                f"JWT_SECRET_KEY is shorter than {minimum} bytes (needed for {settings.JWT_ALGORITHM}); "
                "set a longer one "
                "(for example: python -c 'import secrets; print(secrets.token_urlsafe(48))') "
                "or unset it to let JobWise generate one."
            )
        return settings.JWT_SECRET_KEY
    path = settings.data_dir / SECRET_FILE_NAME
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # Write a private temp file, then hard-link it into place: the link fails if another
        # process won the race, so every process ends up reading the same complete secret.
        tmp = path.with_name(f".{SECRET_FILE_NAME}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(48))
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    secret = path.read_text(encoding="utf-8").strip()
    if len(secret.encode()) < minimum:
        raise ConfigurationError(
            f"The secret in {path} is shorter than {minimum} bytes; delete the file "
            "to generate a new one (existing tokens stop working)."
        )
    return secret


@lru_cache
def get_settings() -> Settings:
    return Settings()
