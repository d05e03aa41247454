"""Wijk boundaries: one record per wijk with its GeoJSON geometry (issue 12); the
coalition's province (HSDS 3.0 addresses require ``state_province``); the 95% interval
of the wijk's loneliness figures (RIVM small-area estimates); partners' coordinates.

Revision ID: 0005_wijk_boundaries
Revises: 0004_offer_fit_fields
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_wijk_boundaries"
down_revision = "0004_offer_fit_fields"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "boundaries",
        sa.Column("code", sa.Text(), primary_key=True, nullable=False, autoincrement=False),
        sa.Column("geometry", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.add_column("coalition_info", sa.Column("province", sa.Text(), nullable=True))
    op.add_column("partners", sa.Column("latitude", sa.Float(), nullable=True))
    op.add_column("partners", sa.Column("longitude", sa.Float(), nullable=True))
    for name in ("pct_lonely_low", "pct_lonely_high", "pct_severely_lonely_low",
                 "pct_severely_lonely_high"):
        op.add_column("wijken", sa.Column(name, sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("partners") as batch_op:
        batch_op.drop_column("longitude")
        batch_op.drop_column("latitude")
    with op.batch_alter_table("wijken") as batch_op:
        for name in ("pct_severely_lonely_high", "pct_severely_lonely_low", "pct_lonely_high",
                     "pct_lonely_low"):
            batch_op.drop_column(name)
    with op.batch_alter_table("coalition_info") as batch_op:
        batch_op.drop_column("province")
    op.drop_table("boundaries")
