"""Changes remember the record's place in file order, so undo puts it back there.

Revision ID: 0003_change_position
Revises: 0002_history
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_change_position"
down_revision = "0002_history"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("changes", sa.Column("position", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("changes") as batch_op:
        batch_op.drop_column("position")
