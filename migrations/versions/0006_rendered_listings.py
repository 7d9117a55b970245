"""Listing revisions and the API's stored renderings of listings.

Revision ID: 0006_rendered_listings
Revises: 0005_change_records
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_rendered_listings"
down_revision = "0005_change_records"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("provider", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("revision", sa.BigInteger(), server_default="0", nullable=False)
        )
    op.create_table(
        "rendered_listing",
        sa.Column("provider_id", sa.String(length=120), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.Column("shape", sa.String(length=16), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("intervals", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("provider_id"),
    )


def downgrade():
    op.drop_table("rendered_listing")
    with op.batch_alter_table("provider", schema=None) as batch_op:
        batch_op.drop_column("revision")
