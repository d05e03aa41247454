"""Saved meeting views shared in the database; an action's trekker can be a person.

``meeting_views`` holds the vergadermodus sequences (views with their page,
filters and wijk) so a coordinator prepares them on one PC and shows them
on another; ``actions.owner_person`` names the person at the trekker partner.

Revision ID: 0007_meeting_views
Revises: 0006_snapshots_relationships
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_meeting_views"
down_revision = "0006_snapshots_relationships"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meeting_views",
        sa.Column("name", sa.Text(), autoincrement=False, nullable=False),
        sa.Column("views", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.add_column("actions", sa.Column("owner_person", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("actions") as batch_op:
        batch_op.drop_column("owner_person")
    op.drop_table("meeting_views")
