"""Login and roles: the role table (with its own log) and offers' confirmation date.

``roles`` maps a login (e-mail or ``sub`` of the identity provider) to one of
the four roles of :mod:`coalition_map.access`, and a partner to the partner
it acts for; ``role_changes`` keeps who gave whom which role, and when.
``offers.confirmed_on`` is the day the partner last said "nog steeds juist".

Revision ID: 0008_login_roles
Revises: 0004_offer_fit_fields
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_login_roles"
down_revision = "0004_offer_fit_fields"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("offers", sa.Column("confirmed_on", sa.Date(), nullable=True))
    op.create_table(
        "roles",
        sa.Column("login", sa.Text(), primary_key=True),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("partner_id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_table(
        "role_changes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("login", sa.Text(), nullable=False),
        sa.Column("old", sa.Text(), nullable=True),
        sa.Column("new", sa.Text(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("role_changes")
    op.drop_table("roles")
    with op.batch_alter_table("offers") as batch_op:
        batch_op.drop_column("confirmed_on")
