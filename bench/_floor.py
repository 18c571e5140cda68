"""The floors for bench/api_overhead.py: the least code that does its two operations properly.

FastAPI, SQLAlchemy 2 async on aiosqlite, SQLite in WAL mode with synchronous=NORMAL, a busy
timeout and writes that begin IMMEDIATE (without it, concurrent writers fail with "database is
locked"), one transaction per request committed before the response is sent, a PyJWT bearer
token checked against the users table, the profile and its items loaded with selectinload,
Pydantic models in and out. It serves the profile JobWise served (copied into
floor-seed.json by the bench) and stores the same jobs.

Two floors, one file:

    orm       the token's user read from the users table, the profile and its items loaded with
              selectinload and serialized by Pydantic: the same ORM work JobWise did before its
              read model
    json-row  the JWT verified (no query), the profile stored as the one JSON row the API
              returns, read by one indexed query and sent as it is; POST job inserts one row.
              The limit of this stack for these two operations

    python bench/_floor.py PORT DATA_DIR [orm|json-row]
"""

import json
import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import jwt
import uvicorn
from fastapi import Depends, FastAPI, Header, HTTPException, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, event, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload

FLOOR_SECRET = "floor-secret-" + "f" * 40


def _now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)


class Experience(Base):
    __tablename__ = "experiences"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    profile_id: Mapped[str] = mapped_column(ForeignKey("profiles.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class Project(Base):
    __tablename__ = "projects"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    profile_id: Mapped[str] = mapped_column(ForeignKey("profiles.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class Education(Base):
    __tablename__ = "education"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    profile_id: Mapped[str] = mapped_column(ForeignKey("profiles.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class Profile(Base):
    __tablename__ = "profiles"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    personal_info: Mapped[dict[str, Any]] = mapped_column(JSON)
    professional_summary: Mapped[str | None] = mapped_column(Text)
    skills: Mapped[list[Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    experiences: Mapped[list[Experience]] = relationship(lazy="raise", order_by=Experience.position)
    projects: Mapped[list[Project]] = relationship(lazy="raise", order_by=Project.position)
    education: Mapped[list[Education]] = relationship(lazy="raise", order_by=Education.position)


class ProfileRow(Base):
    """The json-row floor's profile: the response body, stored as one row."""

    __tablename__ = "profile_rows"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    body: Mapped[str] = mapped_column(Text)


class Job(Base):
    __tablename__ = "jobs"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=lambda: str(uuid.uuid4()))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    company: Mapped[str] = mapped_column(String(300))
    location: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    requirements: Mapped[list[str]] = mapped_column(JSON)
    parsed_keywords: Mapped[list[str]] = mapped_column(JSON)
    remote: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), default="active")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ProfileOut(BaseModel):
    id: str
    personal_info: dict[str, Any]
    professional_summary: str | None
    skills: list[Any]
    experiences: list[dict[str, Any]]
    projects: list[dict[str, Any]]
    education: list[dict[str, Any]]
    created_at: datetime
    updated_at: datetime


Requirement = Annotated[str, Field(min_length=1, max_length=1000)]
Keyword = Annotated[str, Field(min_length=1, max_length=100)]


class JobIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=300)
    company: str = Field(min_length=1, max_length=300)
    location: str | None = Field(default=None, max_length=300)
    description: str | None = Field(default=None, max_length=20_000)
    requirements: list[Requirement] = Field(default_factory=list, max_length=100)
    parsed_keywords: list[Keyword] = Field(default_factory=list, max_length=200)
    remote: str | None = Field(default=None, max_length=10)


class JobOut(JobIn):
    model_config = ConfigDict(from_attributes=True)
    id: str
    status: str
    created_at: datetime
    updated_at: datetime


MODES = ("orm", "json-row")


def create_app(data_dir: Path, mode: str = "orm") -> FastAPI:
    seed = json.loads((data_dir / "floor-seed.json").read_text())
    db_engine = create_async_engine(
        f"sqlite+aiosqlite:///{data_dir / f'floor-{mode}.db'}", connect_args={"timeout": 30}
    )

    @event.listens_for(db_engine.sync_engine, "connect")
    def _pragmas(connection: Any, _record: Any) -> None:
        connection.isolation_level = None
        cursor = connection.cursor()
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=30000", "synchronous=NORMAL"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(db_engine.sync_engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql(f"BEGIN {connection.get_execution_options().get('begin', 'DEFERRED')}")

    reads = async_sessionmaker(db_engine, expire_on_commit=False)
    writes = async_sessionmaker(db_engine.execution_options(begin="IMMEDIATE"), expire_on_commit=False)

    async def session(request: Request) -> AsyncIterator[AsyncSession]:
        factory = reads if request.method == "GET" else writes
        async with factory() as db, db.begin():
            yield db

    # (no `from __future__ import annotations` in this file: FastAPI reads these local aliases)
    # scope="function": committed before the response is sent, as JobWise does.
    session_dep = Annotated[AsyncSession, Depends(session, scope="function")]

    async def current_user(db: session_dep, authorization: Annotated[str, Header()] = "") -> User:
        scheme, _, token = authorization.partition(" ")
        try:
            claims = jwt.decode(token, FLOOR_SECRET, algorithms=["HS256"])
        except jwt.PyJWTError:
            raise HTTPException(401, "invalid token") from None
        if scheme.lower() != "bearer":
            raise HTTPException(401, "invalid token")
        if mode == "json-row":
            # The signature and expiry alone: no query.
            return User(id=int(claims["sub"]))
        user = await db.get(User, int(claims["sub"]))
        if user is None:
            raise HTTPException(401, "invalid token")
        return user

    user_dep = Annotated[User, Depends(current_user)]

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        async with db_engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all)
        async with writes() as db, db.begin():
            db.add(User(id=1, email="floor@example.com"))
            await db.flush()
            profile = Profile(
                id=seed["id"],
                user_id=1,
                personal_info=seed["personal_info"],
                professional_summary=seed["professional_summary"],
                skills=seed["skills"],
            )
            db.add(profile)
            await db.flush()
            for kind, model in (("experiences", Experience), ("projects", Project), ("education", Education)):
                for position, data in enumerate(seed[kind]):
                    db.add(model(id=data["id"], profile_id=profile.id, position=position, data=data))
            db.add(ProfileRow(user_id=1, body=json.dumps(seed)))
        yield
        await db_engine.dispose()

    app = FastAPI(lifespan=lifespan)

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "healthy"}

    if mode == "json-row":

        @app.get("/api/v1/profiles/me")
        async def read_profile_row(user: user_dep, db: session_dep) -> Response:
            body = await db.scalar(select(ProfileRow.body).where(ProfileRow.user_id == user.id))
            if body is None:
                raise HTTPException(404, "no profile")
            return Response(body, media_type="application/json")

    else:

        @app.get("/api/v1/profiles/me", response_model=ProfileOut)
        async def read_profile(user: user_dep, db: session_dep) -> ProfileOut:
            profile = await db.scalar(
                select(Profile)
                .where(Profile.user_id == user.id)
                .options(
                    selectinload(Profile.experiences),
                    selectinload(Profile.projects),
                    selectinload(Profile.education),
                )
            )
            if profile is None:
                raise HTTPException(404, "no profile")
            return ProfileOut(
                id=profile.id,
                personal_info=profile.personal_info,
                professional_summary=profile.professional_summary,
                skills=profile.skills,
                experiences=[item.data for item in profile.experiences],
                projects=[item.data for item in profile.projects],
                education=[item.data for item in profile.education],
                created_at=profile.created_at,
                updated_at=profile.updated_at,
            )

    @app.post("/api/v1/jobs", response_model=JobOut, status_code=201)
    async def create_job(data: JobIn, user: user_dep, db: session_dep) -> Job:
        job = Job(user_id=user.id, **data.model_dump())
        db.add(job)
        await db.flush()
        return job

    return app


if __name__ == "__main__":
    port, data_dir = int(sys.argv[1]), Path(sys.argv[2])
    mode = sys.argv[3] if len(sys.argv) > 3 else "orm"
    if mode not in MODES:
        raise SystemExit(f"mode is one of {MODES}, not {mode!r}")
    # uvicorn.run's defaults, as `jobwise serve` uses them (uvloop and httptools when installed).
    uvicorn.run(
        create_app(data_dir, mode), host="127.0.0.1", port=port, log_level="warning", access_log=False
    )
