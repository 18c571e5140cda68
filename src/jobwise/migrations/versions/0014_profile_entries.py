"""Volunteering, awards, certificates, publications, languages and interests become profile entries

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
_SECTIONS = ("volunteer", "awards", "certificates", "publications", "languages", "interests")


def upgrade() -> None:
    op.create_table(
        "profile_entries",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("profile_id", sa.String(length=36), nullable=False),
        sa.Column("section", sa.String(length=20), nullable=False),
        sa.Column("data", _JSON, nullable=False),
        sa.Column("display_order", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["profile_id"], ["master_profiles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("idx_profile_entries_profile", "profile_entries", ["profile_id", "section"])
    _move_kept_sections()


def _move_kept_sections() -> None:
    """Entries an earlier import kept in custom_fields["json_resume"]["keys"] move to the table."""
    bind = op.get_bind()
    profiles = sa.table("master_profiles", sa.column("id", sa.String()), sa.column("custom_fields", _JSON))
    entries = sa.table(
        "profile_entries",
        sa.column("id", sa.String()),
        sa.column("profile_id", sa.String()),
        sa.column("section", sa.String()),
        sa.column("data", _JSON),
        sa.column("display_order", sa.Integer()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    now = datetime.now(UTC)
    for profile_id, custom in bind.execute(sa.select(profiles.c.id, profiles.c.custom_fields)).all():
        kept = (custom or {}).get("json_resume") or {}
        keys = dict(kept.get("keys") or {})
        rows = []
        present_empty = list(kept.get("present_empty") or [])
        for section in _SECTIONS:
            value = keys.get(section)
            # Only sections JobWise can hold as entries: a list of objects.
            if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
                continue
            del keys[section]
            if not value:
                present_empty.append(section)
            rows += [
                {
                    "id": str(uuid.uuid4()),
                    "profile_id": profile_id,
                    "section": section,
                    "data": item,
                    "display_order": index,
                    "created_at": now,
                    "updated_at": now,
                }
                for index, item in enumerate(value)
            ]
        if rows or len(keys) != len(kept.get("keys") or {}):
            if rows:
                bind.execute(entries.insert(), rows)
            new_kept = {
                name: part for name, part in (("keys", keys), ("present_empty", present_empty)) if part
            }
            new_custom = {key: value for key, value in custom.items() if key != "json_resume"}
            if new_kept:
                new_custom["json_resume"] = new_kept
            bind.execute(
                profiles.update().where(profiles.c.id == profile_id).values(custom_fields=new_custom)
            )


def downgrade() -> None:
    # The entries go back to the JSON Resume content an export reads them from.
    bind = op.get_bind()
    profiles = sa.table("master_profiles", sa.column("id", sa.String()), sa.column("custom_fields", _JSON))
    entries = sa.table(
        "profile_entries",
        sa.column("profile_id", sa.String()),
        sa.column("section", sa.String()),
        sa.column("data", _JSON),
        sa.column("display_order", sa.Integer()),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    grouped: dict[str, dict[str, list[object]]] = {}
    ordered = sa.select(entries.c.profile_id, entries.c.section, entries.c.data).order_by(
        entries.c.profile_id, entries.c.display_order, entries.c.created_at
    )
    for profile_id, section, data in bind.execute(ordered).all():
        grouped.setdefault(profile_id, {}).setdefault(section, []).append(data)
    for profile_id, sections in grouped.items():
        custom = bind.execute(
            sa.select(profiles.c.custom_fields).where(profiles.c.id == profile_id)
        ).scalar_one()
        custom = dict(custom or {})
        kept = dict(custom.get("json_resume") or {})
        kept["keys"] = {**(kept.get("keys") or {}), **sections}
        custom["json_resume"] = kept
        bind.execute(profiles.update().where(profiles.c.id == profile_id).values(custom_fields=custom))
    op.drop_index("idx_profile_entries_profile", table_name="profile_entries")
    op.drop_table("profile_entries")
