"""casc5: the districts' annual report's 成文日期 (``district_reports.dated``, set by the
district; empty: the day it was last changed); evidence files of sub-plan measure reports
(``subplan_evidence``)

Revision ID: 0029_casc5
Revises: 0028_casc4
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0029_casc5'
down_revision = '0028_casc4'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('district_reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dated', sa.Date(), nullable=True))
    op.create_table(
        'subplan_evidence',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('report_id', sa.Integer(), nullable=False),
        sa.Column('file_name', sa.String(length=300), nullable=False),
        sa.Column('stored_name', sa.String(length=64), nullable=False),
        sa.Column('file_type', sa.String(length=10), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('uploaded_by', sa.Integer(), nullable=True),
        sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['report_id'], ['subplan_reports.id'],
                                name=op.f('fk_subplan_evidence_report_id_subplan_reports'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['uploaded_by'], ['users.id'],
                                name=op.f('fk_subplan_evidence_uploaded_by_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_subplan_evidence')),
        sa.UniqueConstraint('stored_name', name=op.f('uq_subplan_evidence_stored_name')))
    with op.batch_alter_table('subplan_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subplan_evidence_report_id'), ['report_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('subplan_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subplan_evidence_report_id'))
    op.drop_table('subplan_evidence')
    with op.batch_alter_table('district_reports', schema=None) as batch_op:
        batch_op.drop_column('dated')
