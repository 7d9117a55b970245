"""Baseline: the schema of the previous release (cbab941), made by `db.create_all()`.

A database from that release has these tables but no alembic_version: the baseline adopts it
as it is (every listing kept), and later migrations apply on top.

Revision ID: 0001_baseline
Revises:
Create Date: 2026-11-27 17:47:29.814126

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0001_baseline"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    if sa.inspect(op.get_bind()).has_table("provider"):
        return  # a database from the previous release: already this schema
    op.create_table(
        "geocode_cache",
        sa.Column("query", sa.String(length=500), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("query"),
    )
    op.create_table(
        "organization",
        sa.Column("id", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "provider",
        sa.Column("id", sa.String(length=120), nullable=False),
        sa.Column("organization_id", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("city", sa.String(length=120), nullable=True),
        sa.Column("state", sa.String(length=2), nullable=True),
        sa.Column("postal_code", sa.String(length=10), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column(
            "coordinates_source",
            sa.Enum(
                "given",
                "geocoded_address",
                "postal_code_centroid",
                "place_centroid",
                name="coordinatessource",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("location_confidential", sa.Boolean(), nullable=False),
        sa.Column("public_latitude", sa.Float(), nullable=True),
        sa.Column("public_longitude", sa.Float(), nullable=True),
        sa.Column("service_area", sa.String(length=200), nullable=True),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.Column(
            "cost",
            sa.Enum("free", "sliding_scale", "fee", name="cost", native_enum=False, length=32),
            nullable=True,
        ),
        sa.Column("eligibility", sa.Text(), nullable=True),
        sa.Column("intake", sa.Text(), nullable=True),
        sa.Column("documents_required", sa.Text(), nullable=True),
        sa.Column("accessibility", sa.Text(), nullable=True),
        sa.Column("walk_in", sa.Boolean(), nullable=True),
        sa.Column("no_id_required", sa.Boolean(), nullable=True),
        sa.Column("no_police_required", sa.Boolean(), nullable=True),
        sa.Column("status_neutral", sa.Boolean(), nullable=True),
        sa.Column(
            "status",
            sa.Enum("active", "inactive", name="status", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("last_verified", sa.Date(), nullable=True),
        sa.Column("source_url", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("provider", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_provider_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_provider_status"), ["status"], unique=False)

    op.create_table(
        "opening_hours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.String(length=120), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("opens", sa.Integer(), nullable=False),
        sa.Column("closes", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("opening_hours", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_opening_hours_provider_id"), ["provider_id"], unique=False
        )

    op.create_table(
        "phone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.String(length=120), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("type", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("phone", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_phone_provider_id"), ["provider_id"], unique=False)

    op.create_table(
        "provider_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.String(length=120), nullable=False),
        sa.Column("scheme", sa.String(length=20), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("provider_id", "scheme", "code"),
    )
    with op.batch_alter_table("provider_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_provider_code_code"), ["code"], unique=False)


def downgrade():
    with op.batch_alter_table("provider_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_provider_code_code"))

    op.drop_table("provider_code")
    with op.batch_alter_table("phone", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_phone_provider_id"))

    op.drop_table("phone")
    with op.batch_alter_table("opening_hours", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opening_hours_provider_id"))

    op.drop_table("opening_hours")
    with op.batch_alter_table("provider", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_provider_status"))
        batch_op.drop_index(batch_op.f("ix_provider_organization_id"))

    op.drop_table("provider")
    op.drop_table("organization")
    op.drop_table("geocode_cache")
