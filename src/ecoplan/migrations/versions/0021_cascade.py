"""cascade: sub-plans of districts and departments under the city plan (子计划), target-
responsibility letters (目标责任书), monthly project reports (项目月报), projects shown
on the public page, project money as exact decimals,
meetings and help visits (decisions issued as supervision items), accountability records

Revision ID: 0021_cascade
Revises: 0020_office
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0021_cascade'
down_revision = '0020_office'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('subplans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('warnings', sa.JSON(), nullable=False),
    sa.Column('synthetic', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("state IN ('draft', 'published')", name=op.f('ck_subplans_state')),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_subplans_plan_id_plans')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_subplans_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subplans')),
    sa.UniqueConstraint('unit_id', 'plan_id', name='uq_subplans_unit_plan')
    )
    op.create_index(op.f('ix_subplans_unit_id'), 'subplans', ['unit_id'])
    op.create_index(op.f('ix_subplans_plan_id'), 'subplans', ['plan_id'])
    op.create_table('subplan_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subplan_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('units', sa.JSON(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('suggested_kind', sa.String(length=10), nullable=True),
    sa.Column('suggested_uid', sa.String(length=32), nullable=True),
    sa.Column('suggested_score', sa.Float(), nullable=True),
    sa.Column('link_kind', sa.String(length=10), nullable=True),
    sa.Column('link_uid', sa.String(length=32), nullable=True),
    sa.Column('confirmed', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('task', 'target')", name=op.f('ck_subplan_items_kind')),
    sa.CheckConstraint("status IN ('not_started', 'in_progress', 'done', 'behind')",
                       name=op.f('ck_subplan_items_status')),
    sa.CheckConstraint("link_kind IS NULL OR link_kind IN ('task', 'target')",
                       name=op.f('ck_subplan_items_link_kind')),
    sa.ForeignKeyConstraint(['subplan_id'], ['subplans.id'],
                            name=op.f('fk_subplan_items_subplan_id_subplans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subplan_items'))
    )
    op.create_index(op.f('ix_subplan_items_subplan_id'), 'subplan_items', ['subplan_id'])
    op.create_index(op.f('ix_subplan_items_link_uid'), 'subplan_items', ['link_uid'])


    op.create_table('responsibility_letters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('doc_number', sa.String(length=60), nullable=False),
    sa.Column('drafted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('signed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('signed_file', sa.String(length=200), nullable=False),
    sa.Column('signed_stored', sa.String(length=64), nullable=False),
    sa.Column('signed_type', sa.String(length=10), nullable=False),
    sa.Column('signed_sha256', sa.String(length=64), nullable=False),
    sa.CheckConstraint("state IN ('drafted', 'issued', 'signed')",
                       name=op.f('ck_responsibility_letters_state')),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'],
                            name=op.f('fk_responsibility_letters_plan_id_plans')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'],
                            name=op.f('fk_responsibility_letters_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_responsibility_letters')),
    sa.UniqueConstraint('unit_id', 'plan_id', name='uq_responsibility_letters_unit_plan')
    )
    op.create_index(op.f('ix_responsibility_letters_unit_id'), 'responsibility_letters',
                    ['unit_id'])
    op.create_index(op.f('ix_responsibility_letters_plan_id'), 'responsibility_letters',
                    ['plan_id'])

    with op.batch_alter_table('projects') as batch:
        batch.add_column(sa.Column('public', sa.Boolean(), server_default=sa.false(),
                                   nullable=False))
        for column in ('invest_planned', 'invest_done'):  # money: exact decimals, 万元
            batch.alter_column(column, type_=sa.Numeric(precision=14, scale=2),
                               existing_type=sa.Float(), existing_nullable=False)
    op.create_table('project_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('invest_done', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('start_actual', sa.Date(), nullable=True),
    sa.Column('main_actual', sa.Date(), nullable=True),
    sa.Column('ops_actual', sa.Date(), nullable=True),
    sa.Column('narrative', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('return_comment', sa.Text(), nullable=False),
    sa.Column('submitted_by', sa.Integer(), nullable=True),
    sa.Column('approved_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("state IN ('draft', 'submitted', 'approved', 'returned')",
                       name=op.f('ck_project_reports_state')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'],
                            name=op.f('fk_project_reports_project_id_projects')),
    sa.ForeignKeyConstraint(['submitted_by'], ['users.id'],
                            name=op.f('fk_project_reports_submitted_by_users')),
    sa.ForeignKeyConstraint(['approved_by'], ['users.id'],
                            name=op.f('fk_project_reports_approved_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_reports')),
    sa.UniqueConstraint('project_id', 'period', name='uq_project_reports_project_period')
    )
    op.create_index(op.f('ix_project_reports_project_id'), 'project_reports', ['project_id'])

    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('chair', sa.String(length=100), nullable=False),
    sa.Column('attendees', sa.JSON(), nullable=False),
    sa.Column('minutes', sa.Text(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('topic', 'dispatch', 'help')", name=op.f('ck_meetings_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings'))
    )
    op.create_table('meeting_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('supervision_item_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'],
                            name=op.f('fk_meeting_decisions_meeting_id_meetings')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'],
                            name=op.f('fk_meeting_decisions_unit_id_units')),
    sa.ForeignKeyConstraint(['supervision_item_id'], ['supervision_items.id'],
                            name=op.f('fk_meeting_decisions_supervision_item_id_supervision_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_decisions'))
    )
    op.create_index(op.f('ix_meeting_decisions_meeting_id'), 'meeting_decisions', ['meeting_id'])
    op.create_table('accountability_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('supervision_item_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('person', sa.String(length=100), nullable=False),
    sa.Column('form', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("form IN ('talk', 'admonish', 'criticize', 'discipline', 'other')",
                       name=op.f('ck_accountability_records_form')),
    sa.ForeignKeyConstraint(['supervision_item_id'], ['supervision_items.id'],
                            name=op.f('fk_accountability_records_supervision_item_id_supervision_items')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'],
                            name=op.f('fk_accountability_records_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accountability_records'))
    )
    op.create_index(op.f('ix_accountability_records_supervision_item_id'),
                    'accountability_records', ['supervision_item_id'])


def downgrade() -> None:
    op.drop_table('accountability_records')
    op.drop_table('meeting_decisions')
    op.drop_table('meetings')
    op.drop_table('project_reports')
    with op.batch_alter_table('projects') as batch:
        batch.drop_column('public')
        for column in ('invest_planned', 'invest_done'):
            batch.alter_column(column, type_=sa.Float(),
                               existing_type=sa.Numeric(precision=14, scale=2),
                               existing_nullable=False)
    op.drop_table('responsibility_letters')
    op.drop_table('subplan_items')
    op.drop_table('subplans')
