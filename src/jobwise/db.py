"""Database engine, sessions and the request-scoped session dependency.

SQLite is tuned for a web server: WAL so readers never block the writer, foreign keys on, a
busy timeout, synchronous=NORMAL (safe with WAL), and write transactions that begin IMMEDIATE so
concurrent writers queue instead of failing with "database is locked" when a deferred read
transaction tries to upgrade: within a process for its one write connection, first come first
served; between processes (the API and its task worker) on the busy timeout. Reads (GET/HEAD)
use deferred transactions and run in parallel. Nothing here is SQLite-only: on PostgreSQL the
begin hook is a no-op.

Two rules keep one request or task from stalling everyone else's writes:
- No transaction stays open across slow work outside the database (a model call): the unit of
  work ends its transaction first (end_read_transaction), having committed anything it wrote.
- A transaction cancelled at any point (a task group whose other task failed, a stopping worker,
  a client gone) is rolled back, never left to hold the write lock: see _SQLiteConnection.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from sqlalchemy import ColumnElement, event, func, select
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Session

from jobwise.config import Settings
from jobwise.storage import private_dir, private_file

SQLITE_BUSY_TIMEOUT_MS = 30_000
# Connections kept open per process (an idle one costs a sleeping thread and a file handle).
SQLITE_POOL_SIZE = 15
_BEGIN_OPTION = "jobwise_sqlite_begin"


@dataclass(frozen=True)
class Database:
    # SQLAlchemy's engine, read as `database.engine`; a bare `engine` is the AI engine.
    engine: AsyncEngine
    # Separate factories so the kind of transaction is chosen once, where the unit of work starts.
    read_session: async_sessionmaker[AsyncSession]
    write_session: async_sessionmaker[AsyncSession]
    # SQLite: the one connection this process writes through (see create_database).
    write_engine: AsyncEngine | None = None

    async def dispose(self) -> None:
        await self.engine.dispose()
        if self.write_engine is not None:
            await self.write_engine.dispose()

    async def open_connections(self, count: int) -> None:
        """Open `count` pooled connections now, at start. A SQLite connection starts a thread, and
        the event loop waits for it to run: opened as load arrives, that stalled every request of
        the process (up to half a second while 20 enhancements started, bench/event_loop.py)."""
        connections = [self.engine.connect() for _ in range(count)]
        if self.write_engine is not None:
            connections.append(self.write_engine.connect())
        try:
            await asyncio.gather(*(connection.start() for connection in connections))
        finally:
            # Back to the pool, which keeps them (SQLITE_POOL_SIZE).
            await asyncio.gather(*(connection.close() for connection in connections))


class _SQLiteConnection(sqlite3.Connection):
    """A connection that rolls back its open transaction before it closes.

    When a task is cancelled while the driver's thread runs one of its statements (a task group
    whose other task failed, a stopping worker), SQLAlchemy cannot tell where the connection
    stands and closes it rather than return it to the pool. SQLite defers closing a connection
    that still has an unfinalized statement (the cancelled cursor, kept alive by its traceback)
    until the garbage collector finalizes it, and until then the connection's transaction holds
    the database's write lock: every other writer waited out its busy timeout and failed, for
    minutes. Rolling back first releases the lock at once; SQLite aborts any statement pending.
    """

    def close(self) -> None:
        try:
            if self.in_transaction:
                self.rollback()
        finally:
            super().close()


def _install_sqlite_hooks(db_engine: AsyncEngine) -> None:
    @event.listens_for(db_engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take BEGIN away from the driver so the "begin" hook below decides its kind.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(db_engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def _private_sqlite_files(settings: Settings) -> None:
    # SQLite creates its WAL and shared-memory files with the database file's mode, so making
    # that file 0600 before the first connection keeps all three private.
    private_dir(settings.data_dir)
    database = make_url(settings.database_url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        path = Path(database)
        path.parent.mkdir(parents=True, exist_ok=True)
        for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            if file == path or file.exists():
                private_file(file)


def create_database(settings: Settings) -> Database:
    url = settings.database_url
    kwargs: dict[str, Any] = {"echo": False, "pool_pre_ping": not settings.is_sqlite}
    if settings.is_sqlite:
        _private_sqlite_files(settings)
        kwargs["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "factory": _SQLiteConnection}
        # Connections are kept rather than closed after use: each new one starts a thread, which
        # the event loop waits for (see Database.open_connections). SQLAlchemy's default pool
        # keeps 5 of its 15, so under load every further session opened and closed a connection.
        # The cap stays 15: more connections only wait in SQLite's busy handler, which sleeps
        # and is unfair (POST /jobs p99 went from 1.2x to 4x the floor's with 48 allowed).
        kwargs |= {"pool_size": SQLITE_POOL_SIZE, "max_overflow": 0}
    db_engine = create_async_engine(url, **kwargs)
    if not settings.is_sqlite:
        return Database(
            engine=db_engine,
            read_session=async_sessionmaker(db_engine, expire_on_commit=False, autoflush=False),
            write_session=async_sessionmaker(db_engine, expire_on_commit=False, autoflush=False),
        )
    _install_sqlite_hooks(db_engine)
    # SQLite lets one writer in at a time. Writers of one process queue for its one write
    # connection, first come first served, rather than each holding a connection and waiting in
    # SQLite's busy handler, which sleeps up to 100 ms a try and lets a later writer in first.
    # A session holds the connection for its transaction only, which never spans slow work.
    write_engine = create_async_engine(
        url, **(kwargs | {"pool_size": 1, "pool_timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    )
    _install_sqlite_hooks(write_engine)
    write_bind = write_engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
    return Database(
        engine=db_engine,
        read_session=async_sessionmaker(db_engine, expire_on_commit=False, autoflush=False),
        write_session=async_sessionmaker(write_bind, expire_on_commit=False, autoflush=False),
        write_engine=write_engine,
    )


_AFTER_COMMIT = "jobwise_after_commit"
_AFTER_ROLLBACK = "jobwise_after_rollback"


CommitStep = Callable[[AsyncSession], Awaitable[None]]
# Steps every unit of work runs in its transaction just before it commits (each looks in
# session.info for work of its own and returns at once when there is none).
_COMMIT_STEPS: list[CommitStep] = []


def add_commit_step(step: CommitStep) -> None:
    """Work that must be written in the same transaction as the changes it follows, such as a view
    built from them (profiles/read_model.py); registered once, at import."""
    if step not in _COMMIT_STEPS:
        _COMMIT_STEPS.append(step)


async def _run_commit_steps(session: AsyncSession) -> None:
    if session.new or session.dirty or session.deleted:
        # What is pending is what the steps follow (a flush records which profiles changed).
        await session.flush()
    for step in _COMMIT_STEPS:
        await step(session)


def after_commit(session: AsyncSession, action: Callable[[], object]) -> None:
    """Run `action` once the unit of work has committed (remove a replaced file, enqueue a task).

    Services know nothing of commits; they register what must wait for one.
    """
    session.info.setdefault(_AFTER_COMMIT, []).append(action)


def after_rollback(session: AsyncSession, action: Callable[[], object]) -> None:
    """Run `action` if the unit of work is rolled back (remove a file written for it)."""
    session.info.setdefault(_AFTER_ROLLBACK, []).append(action)


def _run_actions(session: AsyncSession, run: str, drop: str) -> None:
    actions: list[Callable[[], object]] = session.info.pop(run, [])
    session.info.pop(drop, None)
    for action in actions:
        action()


async def commit(session: AsyncSession) -> None:
    """Commit, then run the after-commit actions; on failure roll back and run the others."""
    try:
        await _run_commit_steps(session)
        await session.commit()
    except BaseException:
        await rollback(session)
        raise
    _run_actions(session, _AFTER_COMMIT, _AFTER_ROLLBACK)


async def rollback(session: AsyncSession) -> None:
    await session.rollback()
    _run_actions(session, _AFTER_ROLLBACK, _AFTER_COMMIT)


_WROTE = "jobwise_wrote"


@event.listens_for(Session, "after_flush")
def _remember_write(session: Session, _flush_context: Any) -> None:
    session.info[_WROTE] = True


@event.listens_for(Session, "after_transaction_end")
def _forget_write(session: Session, transaction: Any) -> None:
    if transaction.parent is None:  # the outermost transaction, not a savepoint
        session.info.pop(_WROTE, None)


class WroteBeforeSlowWork(RuntimeError):
    """A programming error: a unit of work wrote, then wanted to wait on something slow."""


async def end_read_transaction(session: AsyncSession) -> None:
    """Before slow work outside the database (a model call, a password hash): end the transaction.

    No transaction may stay open across such work. On SQLite a write request's transaction holds
    the database's only write lock from its first statement, so every other writer would wait
    out the call (and fail after the busy timeout); on PostgreSQL it would pin a pooled
    connection and its snapshot for as long. What was read stays usable (expire_on_commit=False);
    the next statement begins a new, short transaction.

    A transaction that has written something cannot be ended here without deciding whether its
    writes stand on their own: commit them first (db.commit) if they do, or write after the slow
    work; anything else raises WroteBeforeSlowWork.
    """
    if not session.in_transaction():
        return
    if session.new or session.dirty or session.deleted or session.info.get(_WROTE):
        raise WroteBeforeSlowWork(
            "This unit of work wrote before slow work outside the database: commit what must "
            "stand on its own first, or write after it; no transaction stays open across it."
        )
    await session.commit()


READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One unit of work per request, committed before the response is sent.

    Used with scope="function" so the commit runs before FastAPI sends the response: a failed
    commit reaches the client as an error instead of being lost after a 2xx.
    """
    database: Database = request.app.state.database
    factory = database.read_session if request.method in READ_METHODS else database.write_session
    async with factory() as session:
        try:
            yield session
        except BaseException:
            await rollback(session)
            raise
        await commit(session)


SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


RowT = TypeVar("RowT", bound=DeclarativeBase)


async def fetch_page(
    session: AsyncSession,
    model: type[RowT],
    *,
    where: Sequence[ColumnElement[bool]],
    order_by: Sequence[ColumnElement[Any]],
    limit: int,
    offset: int,
) -> tuple[list[RowT], int]:
    """One page of the rows that match, and how many match in all.

    End order_by with the id: rows written in the same instant then keep one order, so pages
    never overlap.
    """
    total = await session.scalar(select(func.count()).select_from(model).where(*where))
    rows = await session.scalars(select(model).where(*where).order_by(*order_by).limit(limit).offset(offset))
    return list(rows), total or 0
