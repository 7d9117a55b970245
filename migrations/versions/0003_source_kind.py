"""Where a listing's facts come from (source_kind) and the date of that dataset.

Revision ID: 0003_source_kind
Revises: 0002_law_enforcement
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_source_kind"
down_revision = "0002_law_enforcement"
branch_labels = None
depends_on = None


def upgrade():
    # A database made with `create_all` after this column landed (before migrations) has it.
    existing = {column["name"] for column in sa.inspect(op.get_bind()).get_columns("provider")}
    if {"source_kind", "source_date"} <= existing:
        return
    with op.batch_alter_table("provider", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "source_kind",
                sa.Enum(
                    "curated",
                    "city_data",
                    "public_data",
                    name="sourcekind",
                    native_enum=False,
                    length=32,
                ),
                nullable=True,
            )
        )
        batch_op.add_column(sa.Column("source_date", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("provider", schema=None) as batch_op:
        batch_op.drop_column("source_date")
        batch_op.drop_column("source_kind")
