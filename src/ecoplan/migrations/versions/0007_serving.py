"""serving: data versions, login attempts and leases, shared by every worker process and host

Revision ID: 0007_serving
Revises: 0011b_webhooks
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007_serving'
down_revision = '0011b_webhooks'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('data_versions',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_data_versions'))
    )
    op.create_table('login_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('endpoint', sa.String(length=32), nullable=False),
    sa.Column('client', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('refused', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_attempts'))
    )
    op.create_index('ix_login_attempts_client', 'login_attempts', ['endpoint', 'client', 'at'],
                    unique=False)
    op.create_index(op.f('ix_login_attempts_at'), 'login_attempts', ['at'], unique=False)
    op.create_table('leases',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('holder', sa.String(length=128), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_leases'))
    )


def downgrade() -> None:
    op.drop_table('leases')
    op.drop_index(op.f('ix_login_attempts_at'), table_name='login_attempts')
    op.drop_index('ix_login_attempts_client', table_name='login_attempts')
    op.drop_table('login_attempts')
    op.drop_table('data_versions')
