"""Offers get duration, intensity and "beside a professional"; partners get hours.

Duration and intensity are compared with the trajectory each row of the
typology asks for (002 L748-784); ``beside_professional`` tells whether a
specialised volunteer works beside professional help (001 L2884-2887);
``hours`` puts the meldpunt's and intake's hours on the sociale kaart.

Revision ID: 0004_offer_fit_fields
Revises: 0003_change_position
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_offer_fit_fields"
down_revision = "0003_change_position"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("offers", sa.Column("duration", sa.Text(), nullable=True))
    op.add_column("offers", sa.Column("intensity", sa.Text(), nullable=True))
    op.add_column("offers", sa.Column("beside_professional", sa.Boolean(), nullable=True))
    op.add_column("partners", sa.Column("hours", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("offers") as batch_op:
        batch_op.drop_column("beside_professional")
        batch_op.drop_column("intensity")
        batch_op.drop_column("duration")
    with op.batch_alter_table("partners") as batch_op:
        batch_op.drop_column("hours")
