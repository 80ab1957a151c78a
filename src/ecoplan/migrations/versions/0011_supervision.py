"""supervision: items with a life-cycle (issued → signed → responded → closed / returned), their
events, and in-app notices to a person or a unit; the records of supervision_actions are kept
as items already issued (their subject becomes the item's basis)

Revision ID: 0011_supervision
Revises: 0006_seals
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011_supervision'
down_revision = '0008_integrity'
branch_labels = None
depends_on = None


COPY_ACTIONS = """
INSERT INTO supervision_items (id, kind, unit_id, title, content, basis, basis_ref, link, due,
    state, batch, doc_number, proposal_key, response, return_comment, extension_due,
    extension_reason, reminders, issued_by, issued_at, closed_on, version)
SELECT id, kind, unit_id, title, content, subject, subject_ref, '', deadline, 'issued', '', '',
    proposal_key, '', '', NULL, '', 0, created_by, created_at, NULL, 1
FROM supervision_actions
"""


def upgrade() -> None:
    op.create_table('supervision_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('basis', sa.String(length=20), nullable=False),
    sa.Column('basis_ref', sa.String(length=200), nullable=False),
    sa.Column('link', sa.String(length=500), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('batch', sa.String(length=40), nullable=False),
    sa.Column('doc_number', sa.String(length=60), nullable=False),
    sa.Column('proposal_key', sa.String(length=200), nullable=True),
    sa.Column('response', sa.Text(), nullable=False),
    sa.Column('return_comment', sa.Text(), nullable=False),
    sa.Column('extension_due', sa.Date(), nullable=True),
    sa.Column('extension_reason', sa.Text(), nullable=False),
    sa.Column('reminders', sa.Integer(), nullable=False),
    sa.Column('issued_by', sa.String(length=64), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("basis IN ('unit', 'task', 'target', 'ledger', 'assessment', 'other')", name=op.f('ck_supervision_items_basis')),
    sa.CheckConstraint("kind IN ('inspection', 'circular', 'assignment', 'summons', 'supervise', 'exposure')", name=op.f('ck_supervision_items_kind')),
    sa.CheckConstraint("state IN ('issued', 'signed', 'responded', 'closed', 'returned')", name=op.f('ck_supervision_items_state')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_supervision_items_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_items'))
    )
    with op.batch_alter_table('supervision_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_items_batch'), ['batch'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_items_proposal_key'), ['proposal_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_items_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_items_unit_id'), ['unit_id'], unique=False)

    op.create_table('inbox_notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('link', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('emailed_to', sa.JSON(), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind IN ('supervision', 'remind', 'returned')", name=op.f('ck_inbox_notices_kind')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_inbox_notices_unit_id_units')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_inbox_notices_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inbox_notices'))
    )
    with op.batch_alter_table('inbox_notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inbox_notices_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inbox_notices_user_id'), ['user_id'], unique=False)

    op.create_table('supervision_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('from_state', sa.String(length=20), nullable=False),
    sa.Column('to_state', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('new_due', sa.Date(), nullable=True),
    sa.Column('files', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['supervision_items.id'], name=op.f('fk_supervision_events_item_id_supervision_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_events'))
    )
    with op.batch_alter_table('supervision_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_events_item_id'), ['item_id'], unique=False)

    op.execute(COPY_ACTIONS)
    if op.get_bind().dialect.name == "postgresql":  # ids were copied: move the sequence past them
        op.execute("SELECT setval(pg_get_serial_sequence('supervision_items', 'id'), "
                   "COALESCE(MAX(id), 0) + 1, false) FROM supervision_items")
    with op.batch_alter_table('supervision_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_actions_proposal_key'))
        batch_op.drop_index(batch_op.f('ix_supervision_actions_unit_id'))

    op.drop_table('supervision_actions')


def downgrade() -> None:
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
        batch_op.create_index(batch_op.f('ix_supervision_actions_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_actions_proposal_key'), ['proposal_key'], unique=False)

    with op.batch_alter_table('supervision_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_events_item_id'))

    op.drop_table('supervision_events')
    with op.batch_alter_table('inbox_notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inbox_notices_user_id'))
        batch_op.drop_index(batch_op.f('ix_inbox_notices_unit_id'))

    op.drop_table('inbox_notices')
    with op.batch_alter_table('supervision_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_items_unit_id'))
        batch_op.drop_index(batch_op.f('ix_supervision_items_state'))
        batch_op.drop_index(batch_op.f('ix_supervision_items_proposal_key'))
        batch_op.drop_index(batch_op.f('ix_supervision_items_batch'))

    op.drop_table('supervision_items')
