"""The durable change record: one row per changed listing, in the change's own transaction.

Revision ID: 0005_change_records
Revises: 0004_accounts
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_change_records"
down_revision = "0004_accounts"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "change_records",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("provider_id", sa.String(length=120), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("change_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_change_records_recorded_at"), ["recorded_at"], unique=False
        )


def downgrade():
    with op.batch_alter_table("change_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_records_recorded_at"))
    op.drop_table("change_records")
