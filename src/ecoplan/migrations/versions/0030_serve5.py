"""serve5: attempts at a drop-folder file (``monitoring_inbox_attempts``): a file whose import
kills the worker is retried a bounded number of times, then marked failed

Revision ID: 0030_serve5
Revises: 0029_casc5
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0030_serve5'
down_revision = '0029_casc5'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'monitoring_inbox_attempts',
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('name', sa.String(length=300), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('sha256', name=op.f('pk_monitoring_inbox_attempts')))


def downgrade() -> None:
    op.drop_table('monitoring_inbox_attempts')
