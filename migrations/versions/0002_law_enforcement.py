"""A law_enforcement yes/no column on listings (police and prosecutors).

Revision ID: 0002_law_enforcement
Revises: 0001_baseline
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_law_enforcement"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None


def upgrade():
    # A database made with `create_all` after this column landed (before migrations) has it.
    existing = {column["name"] for column in sa.inspect(op.get_bind()).get_columns("provider")}
    if "law_enforcement" in existing:
        return
    with op.batch_alter_table("provider", schema=None) as batch_op:
        batch_op.add_column(sa.Column("law_enforcement", sa.Boolean(), nullable=True))


def downgrade():
    with op.batch_alter_table("provider", schema=None) as batch_op:
        batch_op.drop_column("law_enforcement")
