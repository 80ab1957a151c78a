"""status: the status settings (thresholds, pace mode, evaluation day)

Written against 0003_progress (ledger's 0004_ledger is not merged on this branch); the lead
re-chains it at merge.

Revision ID: 0005_status
Revises: 0003_progress
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005_status'
down_revision = '0004_ledger'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('status_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lag_points', sa.Float(), nullable=False),
    sa.Column('severe_points', sa.Float(), nullable=False),
    sa.Column('pace_mode', sa.String(length=12), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('lag_points >= 0 AND severe_points >= lag_points', name=op.f('ck_status_settings_thresholds')),
    sa.CheckConstraint("pace_mode IN ('time', 'milestones')", name=op.f('ck_status_settings_pace_mode')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_status_settings'))
    )


def downgrade() -> None:
    op.drop_table('status_settings')
