"""ledger: rectification items and their events, supervision actions, assessment grants

Revision ID: 0004_ledger
Revises: 0003_progress
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004_ledger'
down_revision = '0003_progress'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('assessment_grants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('unit', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('rule_id', sa.String(length=100), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('bonus', 'veto')", name=op.f('ck_assessment_grants_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_grants')),
    sa.UniqueConstraint('year', 'unit', 'kind', 'rule_id', name='uq_assessment_grants_once')
    )
    with op.batch_alter_table('assessment_grants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_grants_year'), ['year'], unique=False)

    op.create_table('ledger_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=50), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('batch', sa.String(length=100), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('district', sa.String(length=50), nullable=False),
    sa.Column('units', sa.JSON(), nullable=False),
    sa.Column('measures', sa.Text(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('stage', sa.String(length=10), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('task_uid', sa.String(length=32), nullable=True),
    sa.Column('target_uid', sa.String(length=32), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('requested_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("source IN ('central', 'provincial', 'warning_film', 'special', 'city')", name=op.f('ck_ledger_items_source')),
    sa.CheckConstraint("stage IN ('short', 'medium', 'long')", name=op.f('ck_ledger_items_stage')),
    sa.CheckConstraint("state IN ('assigned', 'rectifying', 'requested', 'closed')", name=op.f('ck_ledger_items_state')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_items')),
    sa.UniqueConstraint('code', name=op.f('uq_ledger_items_code'))
    )
    with op.batch_alter_table('ledger_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ledger_items_district'), ['district'], unique=False)

    op.create_table('ledger_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('from_state', sa.String(length=20), nullable=False),
    sa.Column('to_state', sa.String(length=20), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('files', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['ledger_items.id'], name=op.f('fk_ledger_events_item_id_ledger_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_events'))
    )
    with op.batch_alter_table('ledger_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ledger_events_item_id'), ['item_id'], unique=False)

    op.create_table('supervision_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('subject', sa.String(length=20), nullable=False),
    sa.Column('subject_ref', sa.String(length=64), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('proposal_key', sa.String(length=200), nullable=True),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('inspection', 'circular', 'assignment', 'summons')", name=op.f('ck_supervision_actions_kind')),
    sa.CheckConstraint("subject IN ('unit', 'task', 'target', 'ledger')", name=op.f('ck_supervision_actions_subject')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_supervision_actions_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_actions'))
    )
    with op.batch_alter_table('supervision_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_actions_proposal_key'), ['proposal_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_actions_unit_id'), ['unit_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('supervision_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_actions_unit_id'))
        batch_op.drop_index(batch_op.f('ix_supervision_actions_proposal_key'))

    op.drop_table('supervision_actions')
    with op.batch_alter_table('ledger_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ledger_events_item_id'))

    op.drop_table('ledger_events')
    with op.batch_alter_table('ledger_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ledger_items_district'))

    op.drop_table('ledger_items')
    with op.batch_alter_table('assessment_grants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_grants_year'))

    op.drop_table('assessment_grants')
