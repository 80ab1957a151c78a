"""core: one name per thing — the role 负责落实 is stored as ``implementers``, as the plan
contract (``ecoplan.plan/1``) and the API write it (it was ``implementer``)

Revision ID: 0024_core
Revises: 0023_cascade2

Data change, idempotent: every responsibility and progress report stored with the role
``implementer`` gets ``implementers``; the two checks take the new code. The audit log keeps
what it recorded (its entries are history, chained by their hashes).
"""

from __future__ import annotations

from alembic import op

revision = '0024_core'
down_revision = '0023_cascade2'
branch_labels = None
depends_on = None

TABLES = ('plan_responsibilities', 'progress_reports')
CODES = "'lead', 'cooperating', 'shared', '{}'"
OLD, NEW = 'implementer', 'implementers'


def _rename(old: str, new: str) -> None:
    """Drop the check, rewrite the rows, check again (two steps: SQLite copies the table
    when a check changes, and the copied rows must pass the check in force)."""
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f'ck_{table}_role'), type_='check')
        op.execute(f"UPDATE {table} SET role = '{new}' WHERE role = '{old}'")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_check_constraint(op.f(f'ck_{table}_role'),
                                             f"role IN ({CODES.format(new)})")


def upgrade() -> None:
    _rename(OLD, NEW)


def downgrade() -> None:
    _rename(NEW, OLD)
