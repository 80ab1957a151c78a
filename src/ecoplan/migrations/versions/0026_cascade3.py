"""cascade3: the key-project ledger as a target's figure source (obligations.projects); project
monthly reports carry a version (the shared reporting workflow's stale-form check; existing
reports start at 1)

Revision ID: 0026_cascade3
Revises: 0023_cascade2
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0026_cascade3'
down_revision = '0023_cascade2'
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


def downgrade() -> None:
    with op.batch_alter_table('project_reports', schema=None) as batch_op:
        batch_op.drop_column('version')
    op.execute("DELETE FROM obligations WHERE source = 'projects'")
    with op.batch_alter_table('obligations', schema=None) as batch_op:
        batch_op.drop_column('projects')
    _source_check(OLD)
