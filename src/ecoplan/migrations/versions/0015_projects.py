"""projects: the key-project ledger (重点工程项目)

Revision ID: 0015_projects
Revises: 0013_public
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0015_projects'
down_revision = '0014_intake'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=50), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=60), nullable=False),
    sa.Column('task', sa.String(length=20), nullable=False),
    sa.Column('owner', sa.String(length=100), nullable=False),
    sa.Column('district', sa.String(length=50), nullable=False),
    sa.Column('location', sa.String(length=200), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('invest_planned', sa.Float(), nullable=False),
    sa.Column('invest_done', sa.Float(), nullable=False),
    sa.Column('funding', sa.JSON(), nullable=False),
    sa.Column('start_planned', sa.Date(), nullable=True),
    sa.Column('start_actual', sa.Date(), nullable=True),
    sa.Column('main_planned', sa.Date(), nullable=True),
    sa.Column('main_actual', sa.Date(), nullable=True),
    sa.Column('ops_planned', sa.Date(), nullable=True),
    sa.Column('ops_actual', sa.Date(), nullable=True),
    sa.Column('synthetic', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects')),
    sa.UniqueConstraint('code', name=op.f('uq_projects_code'))
    )
    op.create_index(op.f('ix_projects_category'), 'projects', ['category'])
    op.create_index(op.f('ix_projects_owner'), 'projects', ['owner'])
    op.create_index(op.f('ix_projects_district'), 'projects', ['district'])


def downgrade() -> None:
    op.drop_table('projects')
