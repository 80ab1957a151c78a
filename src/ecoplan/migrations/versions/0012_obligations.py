"""obligations: the office's reporting obligations (报送责任) per target, from a plan version on

Revision ID: 0012_obligations
Revises: 0007_serving
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012_obligations'
down_revision = '0007_serving'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('obligations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('from_version', sa.Integer(), nullable=False),
    sa.Column('target_uid', sa.String(length=32), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('frequency', sa.String(length=20), nullable=False),
    sa.Column('first_month', sa.Integer(), nullable=False),
    sa.Column('aggregation', sa.String(length=20), nullable=True),
    sa.Column('contributions', sa.JSON(), nullable=False),
    sa.Column('indicator', sa.String(length=50), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.CheckConstraint("source IN ('monitoring', 'report', 'contributions')", name=op.f('ck_obligations_source')),
    sa.CheckConstraint("frequency IN ('monthly', 'quarterly', 'half_yearly', 'yearly')", name=op.f('ck_obligations_frequency')),
    sa.ForeignKeyConstraint(['owner_id'], ['units.id'], name=op.f('fk_obligations_owner_id_units')),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_obligations_plan_id_plans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_obligations')),
    sa.UniqueConstraint('plan_id', 'target_uid', 'from_version', name='uq_obligations_plan_target_version')
    )
    op.create_index(op.f('ix_obligations_plan_id'), 'obligations', ['plan_id'], unique=False)
    op.create_index(op.f('ix_obligations_target_uid'), 'obligations', ['target_uid'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_obligations_target_uid'), table_name='obligations')
    op.drop_index(op.f('ix_obligations_plan_id'), table_name='obligations')
    op.drop_table('obligations')
