"""Staff accounts and one-time links; moderated listing changes, audit history, public problem
reports, staff-only notes, bed/slot capacity and capacity API tokens.

Revision ID: 0004_accounts
Revises: 0003_source_kind
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0004_accounts"
down_revision = "0003_source_kind"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "user_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column(
            "role",
            sa.Enum("admin", "editor", "advocate", name="role", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("organization_id", sa.String(length=120), nullable=True),
        sa.Column("password_hash", sa.String(length=256), nullable=True),
        sa.Column("session_token", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
    )
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_user_account_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "account_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("account_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_account_link_user_id"), ["user_id"], unique=False)

    op.create_table(
        "api_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_token_user_id"), ["user_id"], unique=False)

    op.create_table(
        "listing_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.String(length=120), nullable=False),
        sa.Column("organization_id", sa.String(length=120), nullable=True),
        sa.Column(
            "kind",
            sa.Enum("edit", "new", "deactivate", name="changekind", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "pending", "approved", "rejected", name="changestatus", native_enum=False, length=16
            ),
            nullable=False,
        ),
        sa.Column("row_json", sa.Text(), nullable=False),
        sa.Column("base_version", sa.String(length=80), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["user_account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"],
            ["user_account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("listing_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_listing_change_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_listing_change_provider_id"), ["provider_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_listing_change_status"), ["status"], unique=False)

    op.create_table(
        "problem_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.String(length=120), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("correction", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "open", "converted", "dismissed", name="reportstatus", native_enum=False, length=16
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("handled_by", sa.String(length=254), nullable=True),
        sa.Column("handled_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("problem_report", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_problem_report_provider_id"), ["provider_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_problem_report_status"), ["status"], unique=False)

    op.create_table(
        "service_capacity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.String(length=120), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("available", sa.Integer(), nullable=False),
        sa.Column("maximum", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=254), nullable=True),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("provider_id"),
    )
    op.create_table(
        "staff_notes",
        sa.Column("provider_id", sa.String(length=120), nullable=False),
        sa.Column("referral_protocol", sa.Text(), nullable=True),
        sa.Column("staff_phone", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("provider_id"),
    )
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.String(length=120), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("changed_by", sa.String(length=254), nullable=False),
        sa.Column("approved_by", sa.String(length=254), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("change_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["change_id"],
            ["listing_change.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entry_changed_at"), ["changed_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_audit_entry_provider_id"), ["provider_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entry_provider_id"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_changed_at"))

    op.drop_table("audit_entry")
    op.drop_table("staff_notes")
    op.drop_table("service_capacity")
    with op.batch_alter_table("problem_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_problem_report_status"))
        batch_op.drop_index(batch_op.f("ix_problem_report_provider_id"))

    op.drop_table("problem_report")
    with op.batch_alter_table("listing_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_listing_change_status"))
        batch_op.drop_index(batch_op.f("ix_listing_change_provider_id"))
        batch_op.drop_index(batch_op.f("ix_listing_change_organization_id"))

    op.drop_table("listing_change")
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_token_user_id"))

    op.drop_table("api_token")
    with op.batch_alter_table("account_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_link_user_id"))

    op.drop_table("account_link")
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_account_organization_id"))

    op.drop_table("user_account")
