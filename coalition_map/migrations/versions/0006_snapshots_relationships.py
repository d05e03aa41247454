"""Peilmomenten (named, dated snapshots: data and analysis as JSON) and the relationship
rounds (relatiemeting: per round, how each partner sees each other partner).

Revision ID: 0006_snapshots_relationships
Revises: 0008_login_roles
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_snapshots_relationships"
down_revision = "0008_login_roles"
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
    op.create_table(
        "relationships",
        sa.Column("round", sa.Text(), nullable=False),
        sa.Column("respondent", sa.Text(), nullable=False),
        sa.Column("partner", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("know", sa.Boolean(), nullable=True),
        sa.Column("work_together", sa.Boolean(), nullable=True),
        sa.Column("refer", sa.Boolean(), nullable=True),
        sa.Column("open_communication", sa.Integer(), nullable=True),
        sa.Column("reliability", sa.Integer(), nullable=True),
        sa.Column("shared_mission", sa.Integer(), nullable=True),
        sa.Column("influence", sa.Integer(), nullable=True),
        sa.Column("resources", sa.Integer(), nullable=True),
        sa.Column("commitment", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("round", "respondent", "partner"),
    )


def downgrade() -> None:
    op.drop_table("relationships")
    op.drop_table("snapshots")
