"""cascade3: the key-project ledger as a target's figure source (obligations.projects); project
monthly reports carry a version (the shared reporting workflow's stale-form check; existing
reports start at 1); reports on sub-plan measures (subplan_reports: the units a measure names
report its status, the sub-plan's owner approves)

Revision ID: 0026_cascade3
Revises: 0023_cascade2
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0026_cascade3'
down_revision = '0024_core'
branch_labels = None
depends_on = None

OLD = "source IN ('monitoring', 'report', 'contributions', 'survey')"
NEW = "source IN ('monitoring', 'report', 'contributions', 'survey', 'projects')"


def _source_check(condition: str) -> None:
    with op.batch_alter_table('obligations', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_obligations_source'), type_='check')
        batch_op.create_check_constraint(op.f('ck_obligations_source'), condition)


def upgrade() -> None:
    _source_check(NEW)
    with op.batch_alter_table('obligations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('projects', sa.JSON(), nullable=True))
    with op.batch_alter_table('project_reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False,
                                      server_default='1'))
    _subplan_reports()


def _subplan_reports() -> None:
    states = "state IN ('draft', 'submitted', 'approved', 'returned')"
    statuses = "status IN ('not_started', 'in_progress', 'done', 'behind')"
    op.create_table('subplan_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('reporter_unit_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('return_comment', sa.Text(), nullable=False),
    sa.Column('submitted_by', sa.Integer(), nullable=True),
    sa.Column('approved_by', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint(statuses, name=op.f('ck_subplan_reports_status')),
    sa.CheckConstraint(states, name=op.f('ck_subplan_reports_state')),
    sa.ForeignKeyConstraint(['item_id'], ['subplan_items.id'],
                            name=op.f('fk_subplan_reports_item_id_subplan_items')),
    sa.ForeignKeyConstraint(['reporter_unit_id'], ['units.id'],
                            name=op.f('fk_subplan_reports_reporter_unit_id_units')),
    sa.ForeignKeyConstraint(['submitted_by'], ['users.id'],
                            name=op.f('fk_subplan_reports_submitted_by_users')),
    sa.ForeignKeyConstraint(['approved_by'], ['users.id'],
                            name=op.f('fk_subplan_reports_approved_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subplan_reports'))
    )
    op.create_index(op.f('ix_subplan_reports_item_id'), 'subplan_reports', ['item_id'])
    op.create_index(op.f('ix_subplan_reports_reporter_unit_id'), 'subplan_reports',
                    ['reporter_unit_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_subplan_reports_reporter_unit_id'), table_name='subplan_reports')
    op.drop_index(op.f('ix_subplan_reports_item_id'), table_name='subplan_reports')
    op.drop_table('subplan_reports')
    with op.batch_alter_table('project_reports', schema=None) as batch_op:
        batch_op.drop_column('version')
    op.execute("DELETE FROM obligations WHERE source = 'projects'")
    with op.batch_alter_table('obligations', schema=None) as batch_op:
        batch_op.drop_column('projects')
    _source_check(OLD)
