"""integrity: the reporting calendar may allow one-person units to approve their own reports

Revision ID: 0008_integrity
Revises: 0006_seals
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008_integrity'
down_revision = '0006_seals'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('progress_calendar') as batch:
        batch.add_column(sa.Column('self_approval', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('progress_calendar') as batch:
        batch.drop_column('self_approval')
