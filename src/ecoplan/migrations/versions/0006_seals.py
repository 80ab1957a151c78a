"""seals: one seal image per issuing office (the PNG is a file under the data dir)

Revision ID: 0006_seals
Revises: 0005_status
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006_seals'
down_revision = '0005_status'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('issuer_seals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('issuer', sa.String(length=100), nullable=False),
    sa.Column('stored_name', sa.String(length=64), nullable=False),
    sa.Column('size_mm', sa.Float(), nullable=False),
    sa.Column('width_px', sa.Integer(), nullable=False),
    sa.Column('height_px', sa.Integer(), nullable=False),
    sa.Column('bytes', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_by', sa.String(length=64), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issuer_seals')),
    sa.UniqueConstraint('issuer', name=op.f('uq_issuer_seals_issuer')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_issuer_seals_stored_name'))
    )


def downgrade() -> None:
    op.drop_table('issuer_seals')
