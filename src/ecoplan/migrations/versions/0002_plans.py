"""plans: plans, their versions and source documents, sections, tasks, targets,
responsibilities and deadlines (each item with a stable uid and a row version)

Revision ID: 0002_plans
Revises: 0001_core
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002_plans'
down_revision = '0001_core'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region', sa.String(length=100), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plans')),
    sa.UniqueConstraint('region', 'year', name='uq_plans_region_year')
    )
    op.create_table('plan_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('stored_path', sa.String(length=500), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('uploaded_by', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['uploaded_by'], ['users.id'], name=op.f('fk_plan_sources_uploaded_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_sources'))
    )
    with op.batch_alter_table('plan_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_sources_sha256'), ['sha256'], unique=False)

    op.create_table('plan_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('based_on_id', sa.Integer(), nullable=True),
    sa.Column('document', sa.JSON(), nullable=False),
    sa.Column('warnings', sa.JSON(), nullable=False),
    sa.Column('unknown_units', sa.JSON(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_by', sa.Integer(), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('edited_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'published')", name=op.f('ck_plan_versions_status')),
    sa.ForeignKeyConstraint(['based_on_id'], ['plan_versions.id'], name=op.f('fk_plan_versions_based_on_id_plan_versions')),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_plan_versions_created_by_users')),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_plan_versions_plan_id_plans')),
    sa.ForeignKeyConstraint(['published_by'], ['users.id'], name=op.f('fk_plan_versions_published_by_users')),
    sa.ForeignKeyConstraint(['source_id'], ['plan_sources.id'], name=op.f('fk_plan_versions_source_id_plan_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_versions')),
    sa.UniqueConstraint('plan_id', 'number', name='uq_plan_versions_plan_number')
    )
    with op.batch_alter_table('plan_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_versions_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_sections',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=50), nullable=False),
    sa.Column('path', sa.JSON(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['plan_versions.id'], name=op.f('fk_plan_sections_version_id_plan_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_sections'))
    )
    with op.batch_alter_table('plan_sections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_sections_uid'), ['uid'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_sections_version_id'), ['version_id'], unique=False)

    op.create_table('plan_tasks',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.Integer(), nullable=True),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('subitems', sa.JSON(), nullable=False),
    sa.Column('districts', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('not_started', 'in_progress', 'done', 'behind')", name=op.f('ck_plan_tasks_status')),
    sa.ForeignKeyConstraint(['section_id'], ['plan_sections.id'], name=op.f('fk_plan_tasks_section_id_plan_sections')),
    sa.ForeignKeyConstraint(['version_id'], ['plan_versions.id'], name=op.f('fk_plan_tasks_version_id_plan_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_tasks'))
    )
    with op.batch_alter_table('plan_tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_tasks_uid'), ['uid'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_tasks_version_id'), ['version_id'], unique=False)

    op.create_table('plan_deadlines',
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['task_id'], ['plan_tasks.id'], name=op.f('fk_plan_deadlines_task_id_plan_tasks')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_deadlines'))
    )
    with op.batch_alter_table('plan_deadlines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_deadlines_task_id'), ['task_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_deadlines_uid'), ['uid'], unique=False)

    op.create_table('plan_responsibilities',
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('unit_name', sa.String(length=200), nullable=False),
    sa.Column('written', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.CheckConstraint("role IN ('lead', 'cooperating', 'shared', 'implementer')", name=op.f('ck_plan_responsibilities_role')),
    sa.ForeignKeyConstraint(['task_id'], ['plan_tasks.id'], name=op.f('fk_plan_responsibilities_task_id_plan_tasks')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_plan_responsibilities_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_responsibilities'))
    )
    with op.batch_alter_table('plan_responsibilities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_responsibilities_task_id'), ['task_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_responsibilities_uid'), ['uid'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_responsibilities_unit_id'), ['unit_id'], unique=False)

    op.create_table('plan_targets',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=True),
    sa.Column('task_ref', sa.String(length=30), nullable=False),
    sa.Column('metric', sa.String(length=200), nullable=False),
    sa.Column('scope', sa.String(length=100), nullable=False),
    sa.Column('comparator', sa.String(length=2), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('unit', sa.String(length=50), nullable=False),
    sa.Column('baseline', sa.String(length=50), nullable=True),
    sa.Column('soft', sa.Boolean(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.CheckConstraint("comparator IN ('<=', '>=', '<', '>', '==')", name=op.f('ck_plan_targets_comparator')),
    sa.ForeignKeyConstraint(['task_id'], ['plan_tasks.id'], name=op.f('fk_plan_targets_task_id_plan_tasks')),
    sa.ForeignKeyConstraint(['version_id'], ['plan_versions.id'], name=op.f('fk_plan_targets_version_id_plan_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_targets'))
    )
    with op.batch_alter_table('plan_targets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_targets_uid'), ['uid'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_targets_version_id'), ['version_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('plan_targets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_targets_version_id'))
        batch_op.drop_index(batch_op.f('ix_plan_targets_uid'))

    op.drop_table('plan_targets')
    with op.batch_alter_table('plan_responsibilities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_responsibilities_unit_id'))
        batch_op.drop_index(batch_op.f('ix_plan_responsibilities_uid'))
        batch_op.drop_index(batch_op.f('ix_plan_responsibilities_task_id'))

    op.drop_table('plan_responsibilities')
    with op.batch_alter_table('plan_deadlines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_deadlines_uid'))
        batch_op.drop_index(batch_op.f('ix_plan_deadlines_task_id'))

    op.drop_table('plan_deadlines')
    with op.batch_alter_table('plan_tasks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_tasks_version_id'))
        batch_op.drop_index(batch_op.f('ix_plan_tasks_uid'))

    op.drop_table('plan_tasks')
    with op.batch_alter_table('plan_sections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_sections_version_id'))
        batch_op.drop_index(batch_op.f('ix_plan_sections_uid'))

    op.drop_table('plan_sections')
    with op.batch_alter_table('plan_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_versions_plan_id'))

    op.drop_table('plan_versions')
    with op.batch_alter_table('plan_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_sources_sha256'))

    op.drop_table('plan_sources')
    op.drop_table('plans')
