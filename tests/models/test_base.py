"""Column types and defaults every table shares."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert, select

from jobwise.config import Settings
from jobwise.db import create_database
from jobwise.models import User


async def test_a_new_row_is_created_and_updated_at_one_instant(settings: Settings) -> None:
    database = create_database(settings)
    try:
        async with database.write_session() as session, session.begin():
            orm = User(email="orm@example.com", password_hash="x")
            session.add(orm)
            await session.flush()
            # Core inserts (several rows at once) take the same defaults as the ORM's.
            await session.execute(
                insert(User),
                [
                    {"email": "core1@example.com", "password_hash": "x"},
                    {"email": "core2@example.com", "password_hash": "x"},
                ],
            )
            given = datetime(2020, 5, 1, tzinfo=UTC)
            session.add(User(email="old@example.com", password_hash="x", created_at=given))
        async with database.read_session() as session:
            rows = (await session.execute(select(User.email, User.created_at, User.updated_at))).all()
    finally:
        await database.dispose()
    stamps = {email: (created, updated) for email, created, updated in rows}
    for email in ("orm@example.com", "core1@example.com", "core2@example.com"):
        created, updated = stamps[email]
        assert created == updated, email
    # A row written with its creation time (an import, a test) was last changed then too.
    assert stamps["old@example.com"] == (given, given)
