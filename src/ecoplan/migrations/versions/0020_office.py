"""office: robot pushes retried in the background (next try's time), 加签 secrets encrypted,
target names with water classes in the standard's spelling (劣Ⅴ类), monitoring imports'
state ``importing`` and confirmed water sections, the role ``monitoring``

Revision ID: 0020_office
Revises: 0019_public

Data changes, both idempotent:
- every robot secret still kept in plain text is encrypted with the data dir's key
  (:mod:`ecoplan.secretbox`: ``ECOPLAN_SECRET_KEY`` or ``<data dir>/secret.key``);
  the column widens to hold the token;
- every stored target's metric and scope get :func:`ecoplan.plan.roman.roman_classes`
  ("劣V类", "劣v类", "劣五类" → "劣Ⅴ类"), as plan extraction now writes them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context, op

revision = '0020_office'
down_revision = '0019_public'
branch_labels = None
depends_on = None
OLD_STATES = "state IN ('previewed', 'done', 'failed', 'undone')"
NEW_STATES = "state IN ('previewed', 'importing', 'done', 'failed', 'undone')"
OLD_ROLES = "role IN ('admin', 'reporter', 'leader', 'district', 'viewer')"
NEW_ROLES = "role IN ('admin', 'reporter', 'leader', 'district', 'viewer', 'monitoring')"


def upgrade() -> None:
    with op.batch_alter_table('webhooks', schema=None) as batch_op:
        batch_op.alter_column('secret', existing_type=sa.String(length=200),
                              type_=sa.String(length=500), existing_nullable=False)
    with op.batch_alter_table('webhook_deliveries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_webhook_deliveries_next_attempt_at'),
                              ['next_attempt_at'], unique=False)
    with op.batch_alter_table('monitoring_imports', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_monitoring_imports_state'), type_='check')
        batch_op.create_check_constraint(op.f('ck_monitoring_imports_state'), NEW_STATES)
        batch_op.add_column(sa.Column('unknown_sections', sa.JSON(), nullable=False,
                                      server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('sections', sa.JSON(), nullable=False,
                                      server_default=sa.text("'{}'")))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_users_role'), type_='check')
        batch_op.create_check_constraint(op.f('ck_users_role'), NEW_ROLES)
    seal_plain_secrets(op.get_bind(), context.config.attributes.get("settings"))
    spell_target_names(op.get_bind())


def seal_plain_secrets(connection, settings) -> int:
    """Encrypt the secrets kept in plain text; how many there were."""
    from ecoplan import secretbox
    from ecoplan.config import Settings

    rows = connection.execute(sa.text(
        "SELECT id, secret FROM webhooks WHERE secret <> '' AND secret NOT LIKE 'fernet:%'")).all()
    if rows:
        settings = settings or Settings.from_env()
        for row_id, secret in rows:
            connection.execute(sa.text("UPDATE webhooks SET secret = :s WHERE id = :i"),
                               {"s": secretbox.seal(secret, settings), "i": row_id})
    return len(rows)


def spell_target_names(connection) -> int:
    """Write the stored targets' names in the standard's spelling; how many changed."""
    from ecoplan.plan.roman import roman_classes

    changed = 0
    for row_id, metric, scope in connection.execute(
            sa.text("SELECT id, metric, scope FROM plan_targets")).all():
        new_metric, new_scope = roman_classes(metric or ""), roman_classes(scope or "")
        if (new_metric, new_scope) != (metric or "", scope or ""):
            connection.execute(sa.text("UPDATE plan_targets SET metric = :m, scope = :s WHERE id = :i"),
                               {"m": new_metric, "s": new_scope, "i": row_id})
            changed += 1
    return changed


def downgrade() -> None:
    """The schema only: secrets stay encrypted and names in the standard's spelling (the
    old code reads an encrypted secret as the secret itself: re-enter it after a downgrade);
    an import caught ``importing`` becomes ``failed``; a ``monitoring`` user becomes an inactive
    ``viewer`` (the older schema has no such role; deactivated so it sees nothing more)."""
    op.execute("UPDATE monitoring_imports SET state = 'failed' WHERE state = 'importing'")
    op.execute("UPDATE users SET role = 'viewer', active = FALSE WHERE role = 'monitoring'")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_users_role'), type_='check')
        batch_op.create_check_constraint(op.f('ck_users_role'), OLD_ROLES)
    with op.batch_alter_table('monitoring_imports', schema=None) as batch_op:
        batch_op.drop_column('sections')
        batch_op.drop_column('unknown_sections')
        batch_op.drop_constraint(op.f('ck_monitoring_imports_state'), type_='check')
        batch_op.create_check_constraint(op.f('ck_monitoring_imports_state'), OLD_STATES)
    with op.batch_alter_table('webhook_deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_webhook_deliveries_next_attempt_at'))
        batch_op.drop_column('next_attempt_at')
    with op.batch_alter_table('webhooks', schema=None) as batch_op:
        batch_op.alter_column('secret', existing_type=sa.String(length=500),
                              type_=sa.String(length=200), existing_nullable=False)
