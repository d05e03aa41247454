"""Peilmomenten: named, dated snapshots of the coalition (data and analysis as JSON).

Revision ID: 0006_snapshots
Revises: 0004_offer_fit_fields
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_snapshots"
down_revision = "0004_offer_fit_fields"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("format_version", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("snapshots")
