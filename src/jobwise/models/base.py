"""Declarative base, naming convention and column types shared by every table."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import JSON, DateTime, MetaData, String, TypeDecorator
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def insert_time(context: DefaultExecutionContext) -> datetime:
    """One instant for a new row's created_at and updated_at.

    Each column's default is computed in turn; with utcnow() each, updated_at (computed first)
    came out a few microseconds earlier than created_at. The second reuses the first's value.
    """
    row: dict[str, object] = context.get_current_parameters()  # type: ignore[no-untyped-call]
    for name in ("created_at", "updated_at"):
        value = row.get(name)
        if isinstance(value, datetime):
            return value
    return utcnow()


def new_id() -> str:
    return str(uuid.uuid4())


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamps on every database.

    SQLite stores no offset, so values come back naive; this type stores UTC and hands back
    aware datetimes everywhere, so comparisons never mix naive and aware values.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# JSON holds JSON, never strings parsed by hand; JSONB on PostgreSQL for indexing and equality.
JSONType = JSON().with_variant(JSONB(), "postgresql")

# Dates as given (YYYY, YYYY-MM or YYYY-MM-DD): the seed's DATE columns cannot keep a partial
# date, and a JSON Resume round trip must give back "2013" as "2013". ISO strings sort correctly.
PartialDate = String(10)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class IdMixin:
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)


class CreatedMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=insert_time, nullable=False)


class TimestampMixin(CreatedMixin):
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=insert_time, onupdate=utcnow, nullable=False
    )
