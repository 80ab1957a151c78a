"""public: survey as a target's source; rectification items the office makes public

Revision ID: 0019_public
Revises: 0015_projects
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0019_public'
down_revision = '0015_projects'
branch_labels = None
depends_on = None

OLD = "source IN ('monitoring', 'report', 'contributions')"
NEW = "source IN ('monitoring', 'report', 'contributions', 'survey')"


def _source_check(condition: str) -> None:
    with op.batch_alter_table('obligations', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_obligations_source'), type_='check')
        batch_op.create_check_constraint(op.f('ck_obligations_source'), condition)


def upgrade() -> None:
    _source_check(NEW)
    with op.batch_alter_table('ledger_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('public', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('public_text', sa.Text(), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('ledger_items', schema=None) as batch_op:
        batch_op.drop_column('public_text')
        batch_op.drop_column('public')
    op.execute("DELETE FROM obligations WHERE source = 'survey'")
    _source_check(OLD)
