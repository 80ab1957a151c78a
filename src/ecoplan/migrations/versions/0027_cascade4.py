"""cascade4: money by source per unit (资金安排 的承担单位): ``item_funding.unit``, the unit the
amounts are arranged for (empty: the city's own), part of the row's key

Revision ID: 0027_cascade4
Revises: 0023_cascade2
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0027_cascade4'
down_revision = '0026_cascade3'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('item_funding', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit', sa.String(length=100), nullable=False,
                                      server_default=''))
        batch_op.drop_constraint('uq_item_funding_item_source', type_='unique')
        batch_op.create_unique_constraint('uq_item_funding_item_source_unit',
                                          ['plan_id', 'item_kind', 'item_uid', 'source', 'unit'])
        batch_op.create_index(batch_op.f('ix_item_funding_unit'), ['unit'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('item_funding', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_funding_unit'))
        batch_op.drop_constraint('uq_item_funding_item_source_unit', type_='unique')
        batch_op.create_unique_constraint('uq_item_funding_item_source',
                                          ['plan_id', 'item_kind', 'item_uid', 'source'])
        batch_op.drop_column('unit')
