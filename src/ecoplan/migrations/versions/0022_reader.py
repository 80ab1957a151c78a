"""reader: a deadline's kind (due/start) and scope (task/paragraph/clause) as columns

Existing deadlines are decided once from their texts by the reader's rules (as publishing
does from now on), so the app no longer reads them from the text.

Revision ID: 0022_reader
Revises: 0021_cascade
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0022_reader'
down_revision = '0021_cascade'
branch_labels = None
depends_on = None

DEADLINES = sa.table('plan_deadlines', sa.column('id', sa.Integer()), sa.column('task_id', sa.Integer()),
                     sa.column('text', sa.Text()), sa.column('kind', sa.String(10)),
                     sa.column('scope', sa.String(10)))
TASKS = sa.table('plan_tasks', sa.column('id', sa.Integer()), sa.column('text', sa.Text()))


def upgrade() -> None:
    with op.batch_alter_table('plan_deadlines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('scope', sa.String(length=10), nullable=True))
        batch_op.create_check_constraint(op.f('ck_plan_deadlines_kind'), "kind IN ('due', 'start')")
        batch_op.create_check_constraint(op.f('ck_plan_deadlines_scope'),
                                         "scope IN ('task', 'paragraph', 'clause')")
    _decide_existing()


def _decide_existing() -> None:
    from ecoplan.plan.deadlines import deadline_kind, deadline_scope

    connection = op.get_bind()
    rows = connection.execute(
        sa.select(DEADLINES.c.id, DEADLINES.c.text, TASKS.c.text.label('task_text'))
        .join(TASKS, TASKS.c.id == DEADLINES.c.task_id)).all()
    for row in rows:
        connection.execute(DEADLINES.update().where(DEADLINES.c.id == row.id).values(
            kind=deadline_kind(row.text or ''), scope=deadline_scope(row.task_text or '', row.text or '')))


def downgrade() -> None:
    with op.batch_alter_table('plan_deadlines', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_plan_deadlines_scope'), type_='check')
        batch_op.drop_constraint(op.f('ck_plan_deadlines_kind'), type_='check')
        batch_op.drop_column('scope')
        batch_op.drop_column('kind')
