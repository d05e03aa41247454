"""Change history: changesets (an import as one step) and changes (every record write).

Revision ID: 0002_history
Revises: 0001_records
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_history"
down_revision = "0001_records"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('changesets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('author', sa.Text(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('undone', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('changeset_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('author', sa.Text(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('record_key', sa.Text(), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('old', sa.Text(), nullable=True),
    sa.Column('new', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('undone', sa.Boolean(), nullable=False),
    sa.Column('undo_of', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['changeset_id'], ['changesets.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_changes_changeset', 'changes', ['changeset_id'], unique=False)
    op.create_index('ix_changes_record', 'changes', ['kind', 'record_key'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_changes_record', table_name='changes')
    op.drop_index('ix_changes_changeset', table_name='changes')
    op.drop_table('changes')
    op.drop_table('changesets')
