"""casc5: the districts' annual report's 成文日期 (``district_reports.dated``, set by the
district; empty: the day it was last changed)

Revision ID: 0029_casc5
Revises: 0027_cascade4
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0029_casc5'
down_revision = '0027_cascade4'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('district_reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dated', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('district_reports', schema=None) as batch_op:
        batch_op.drop_column('dated')
