"""Record tables (one per exchange-file kind) and the data version.

Revision ID: 0001_records
Revises: 
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_records"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('actions',
    sa.Column('id', sa.Text(), autoincrement=False, nullable=False),
    sa.Column('title', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('step', sa.Integer(), autoincrement=False, nullable=True),
    sa.Column('onderdeel', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('wijk', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('profile', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('owner_partner', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('deadline', sa.Date(), autoincrement=False, nullable=True),
    sa.Column('status', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('budget', sa.Float(), autoincrement=False, nullable=True),
    sa.Column('funding_source', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('notes', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('coalition_info',
    sa.Column('row_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('name', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('municipality', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('is_example', sa.Boolean(), autoincrement=False, nullable=True),
    sa.Column('description', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('row_id')
    )
    op.create_table('decisions',
    sa.Column('id', sa.Text(), autoincrement=False, nullable=False),
    sa.Column('date', sa.Date(), autoincrement=False, nullable=True),
    sa.Column('step', sa.Integer(), autoincrement=False, nullable=True),
    sa.Column('text', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('decided_by', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('offers',
    sa.Column('id', sa.Text(), autoincrement=False, nullable=False),
    sa.Column('partner_id', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('name', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('kind', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('delivered_by', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('description', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('intervention_types', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('profiles', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('target_groups', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('wijken', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('evidence', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('capacity', sa.Integer(), autoincrement=False, nullable=True),
    sa.Column('entry_conditions', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('how_to_refer', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('address', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('funding', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('palette_ref', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('active', sa.Boolean(), autoincrement=False, nullable=True),
    sa.Column('end_date', sa.Date(), autoincrement=False, nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('partners',
    sa.Column('id', sa.Text(), autoincrement=False, nullable=False),
    sa.Column('name', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('sector', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('roles', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('wijken', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('municipality', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('expertise', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('contact_person', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('phone', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('email', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('website', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('address', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('postal_code', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('city', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('mandate', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('active', sa.Boolean(), autoincrement=False, nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('plan_choices',
    sa.Column('row_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('onderdelen', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('target_groups', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('focus_wijken', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('approach', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('organisation_form', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('funding_sources', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('notes', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('row_id')
    )
    op.create_table('plan_steps',
    sa.Column('number', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('status', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('checked', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('start_date', sa.Date(), autoincrement=False, nullable=True),
    sa.Column('end_date', sa.Date(), autoincrement=False, nullable=True),
    sa.Column('notes', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('number')
    )
    op.create_table('referrals',
    sa.Column('from_partner', sa.Text(), autoincrement=False, nullable=False),
    sa.Column('to_partner', sa.Text(), autoincrement=False, nullable=False),
    sa.Column('kind', sa.Text(), autoincrement=False, nullable=False),
    sa.Column('agreement', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('follow_up', sa.Boolean(), autoincrement=False, nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('from_partner', 'to_partner', 'kind')
    )
    op.create_table('store_meta',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('data_version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('wijken',
    sa.Column('code', sa.Text(), autoincrement=False, nullable=False),
    sa.Column('name', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('municipality', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('inhabitants', sa.Integer(), autoincrement=False, nullable=True),
    sa.Column('inhabitants_65plus', sa.Integer(), autoincrement=False, nullable=True),
    sa.Column('pct_lonely', sa.Float(), autoincrement=False, nullable=True),
    sa.Column('pct_severely_lonely', sa.Float(), autoincrement=False, nullable=True),
    sa.Column('source', sa.Text(), autoincrement=False, nullable=True),
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )


def downgrade() -> None:
    op.drop_table('wijken')
    op.drop_table('store_meta')
    op.drop_table('referrals')
    op.drop_table('plan_steps')
    op.drop_table('plan_choices')
    op.drop_table('partners')
    op.drop_table('offers')
    op.drop_table('decisions')
    op.drop_table('coalition_info')
    op.drop_table('actions')
