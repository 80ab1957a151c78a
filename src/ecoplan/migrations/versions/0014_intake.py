"""intake: monitoring uploads (preview, import, undo) and saved column maps; inbox notices of
kind 'monitoring' (drop-folder reports to the office)

Revision ID: 0014_intake
Revises: 0013_public
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014_intake'
down_revision = '0013_public'
branch_labels = None
depends_on = None

OLD_KINDS = "kind IN ('supervision', 'remind', 'returned')"
NEW_KINDS = "kind IN ('supervision', 'remind', 'returned', 'monitoring')"


def upgrade() -> None:
    op.create_table('monitoring_imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=100), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('files', sa.JSON(), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('replaced', sa.Integer(), nullable=False),
    sa.Column('period_from', sa.String(length=10), nullable=False),
    sa.Column('period_to', sa.String(length=10), nullable=False),
    sa.Column('errors', sa.JSON(), nullable=False),
    sa.Column('unknown', sa.JSON(), nullable=False),
    sa.Column('stations', sa.JSON(), nullable=False),
    sa.Column('preview', sa.JSON(), nullable=False),
    sa.CheckConstraint("state IN ('previewed', 'done', 'failed', 'undone')", name=op.f('ck_monitoring_imports_state')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_monitoring_imports'))
    )
    op.create_table('monitoring_column_maps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=100), nullable=False),
    sa.Column('mapping', sa.JSON(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_monitoring_column_maps')),
    sa.UniqueConstraint('source', name=op.f('uq_monitoring_column_maps_source'))
    )
    with op.batch_alter_table('inbox_notices', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_inbox_notices_kind'), type_='check')
        batch_op.create_check_constraint(op.f('ck_inbox_notices_kind'), NEW_KINDS)


def downgrade() -> None:
    op.execute("DELETE FROM inbox_notices WHERE kind = 'monitoring'")
    with op.batch_alter_table('inbox_notices', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_inbox_notices_kind'), type_='check')
        batch_op.create_check_constraint(op.f('ck_inbox_notices_kind'), OLD_KINDS)
    op.drop_table('monitoring_column_maps')
    op.drop_table('monitoring_imports')
