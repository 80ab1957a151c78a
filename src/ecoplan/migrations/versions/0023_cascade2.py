"""cascade2: the districts' annual reports (辖市区年度工作情况报告), money per task/target by
source (资金安排)

Revision ID: 0023_cascade2
Revises: 0022_reader
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0023_cascade2'
down_revision = '0022_reader'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('district_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('doc_number', sa.String(length=60), nullable=False),
    sa.Column('signer', sa.String(length=60), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('drafted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_district_reports_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_district_reports')),
    sa.UniqueConstraint('unit_id', 'year', name='uq_district_reports_unit_year')
    )
    op.create_index(op.f('ix_district_reports_unit_id'), 'district_reports', ['unit_id'])
    op.create_table('item_funding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('item_kind', sa.String(length=10), nullable=False),
    sa.Column('item_uid', sa.String(length=32), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('planned', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('spent', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("item_kind IN ('task', 'target')", name=op.f('ck_item_funding_item_kind')),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_item_funding_plan_id_plans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_item_funding')),
    sa.UniqueConstraint('plan_id', 'item_kind', 'item_uid', 'source',
                        name='uq_item_funding_item_source')
    )
    op.create_index(op.f('ix_item_funding_plan_id'), 'item_funding', ['plan_id'])
    op.create_index(op.f('ix_item_funding_item_uid'), 'item_funding', ['item_uid'])


def downgrade() -> None:
    op.drop_index(op.f('ix_item_funding_item_uid'), table_name='item_funding')
    op.drop_index(op.f('ix_item_funding_plan_id'), table_name='item_funding')
    op.drop_table('item_funding')
    op.drop_index(op.f('ix_district_reports_unit_id'), table_name='district_reports')
    op.drop_table('district_reports')
