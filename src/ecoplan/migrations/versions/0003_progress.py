"""progress: progress reports with their history and evidence files, the reporting calendar,
in-app notices and the units' e-mail contacts for reminders

Revision ID: 0003_progress
Revises: 0002_plans
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003_progress'
down_revision = '0002_plans'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('progress_calendar',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('frequency', sa.String(length=10), nullable=False),
    sa.Column('due_day', sa.Integer(), nullable=False),
    sa.Column('workday_due', sa.Boolean(), nullable=False),
    sa.Column('remind_days', sa.Integer(), nullable=False),
    sa.Column('max_evidence_bytes', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("frequency IN ('monthly', 'quarterly')", name=op.f('ck_progress_calendar_frequency')),
    sa.CheckConstraint('due_day BETWEEN 1 AND 28', name=op.f('ck_progress_calendar_due_day')),
    sa.CheckConstraint('remind_days >= 0', name=op.f('ck_progress_calendar_remind_days')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_calendar'))
    )
    op.create_table('progress_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_progress_contacts_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_contacts')),
    sa.UniqueConstraint('unit_id', name=op.f('uq_progress_contacts_unit_id'))
    )
    op.create_table('progress_notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('due', sa.Date(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('emailed_to', sa.JSON(), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind IN ('due_soon', 'missing')", name=op.f('ck_progress_notices_kind')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_progress_notices_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_notices')),
    sa.UniqueConstraint('unit_id', 'kind', 'period', name='uq_progress_notices_unit_kind_period')
    )
    with op.batch_alter_table('progress_notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_notices_unit_id'), ['unit_id'], unique=False)

    op.create_table('progress_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('item_kind', sa.String(length=10), nullable=False),
    sa.Column('item_uid', sa.String(length=32), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('value_to_date', sa.Float(), nullable=True),
    sa.Column('value_unit', sa.String(length=50), nullable=False),
    sa.Column('narrative', sa.Text(), nullable=False),
    sa.Column('problems', sa.Text(), nullable=False),
    sa.Column('next_steps', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('return_comment', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('approved_by', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("item_kind IN ('task', 'target')", name=op.f('ck_progress_reports_item_kind')),
    sa.CheckConstraint("role IN ('lead', 'cooperating', 'shared', 'implementer')", name=op.f('ck_progress_reports_role')),
    sa.CheckConstraint("state IN ('draft', 'submitted', 'approved', 'returned')", name=op.f('ck_progress_reports_state')),
    sa.ForeignKeyConstraint(['approved_by'], ['users.id'], name=op.f('fk_progress_reports_approved_by_users')),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_progress_reports_plan_id_plans')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_progress_reports_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_reports')),
    sa.UniqueConstraint('plan_id', 'item_kind', 'item_uid', 'unit_id', 'period', name='uq_progress_reports_item_unit_period')
    )
    with op.batch_alter_table('progress_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_reports_item_uid'), ['item_uid'], unique=False)
        batch_op.create_index(batch_op.f('ix_progress_reports_period'), ['period'], unique=False)
        batch_op.create_index(batch_op.f('ix_progress_reports_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_progress_reports_unit_id'), ['unit_id'], unique=False)

    op.create_table('progress_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['progress_reports.id'], name=op.f('fk_progress_events_report_id_progress_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_events'))
    )
    with op.batch_alter_table('progress_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_events_report_id'), ['report_id'], unique=False)

    op.create_table('progress_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('stored_name', sa.String(length=64), nullable=False),
    sa.Column('file_type', sa.String(length=10), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_by', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['progress_reports.id'], name=op.f('fk_progress_evidence_report_id_progress_reports'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by'], ['users.id'], name=op.f('fk_progress_evidence_uploaded_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_evidence')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_progress_evidence_stored_name'))
    )
    with op.batch_alter_table('progress_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_evidence_report_id'), ['report_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('progress_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_evidence_report_id'))

    op.drop_table('progress_evidence')
    with op.batch_alter_table('progress_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_events_report_id'))

    op.drop_table('progress_events')
    with op.batch_alter_table('progress_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_reports_unit_id'))
        batch_op.drop_index(batch_op.f('ix_progress_reports_plan_id'))
        batch_op.drop_index(batch_op.f('ix_progress_reports_period'))
        batch_op.drop_index(batch_op.f('ix_progress_reports_item_uid'))

    op.drop_table('progress_reports')
    with op.batch_alter_table('progress_notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_notices_unit_id'))

    op.drop_table('progress_notices')
    op.drop_table('progress_contacts')
    op.drop_table('progress_calendar')
