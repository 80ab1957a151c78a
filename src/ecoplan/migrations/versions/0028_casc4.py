"""casc4: districts manage their own units (a town's or a district department's ``units.parent_id``,
the kind ``town`` 镇（街道）) and a sub-plan's responsible units are unit records
(``subplan_units``: the name as written → the unit that reports, as the owner decided)

Revision ID: 0028_casc4
Revises: 0027_cascade4

Data change (idempotent): every existing sub-plan gets its ``subplan_units`` rows, each name
mapped to the unit the report-time name matching found until now (the name itself, or the
owner's name + the name without its 区/市/县 prefix: ``区工业和信息化局`` in 武进区's plan →
``武进区工业和信息化局``), so name-matched measures keep their reporters; names no unit matched
stay undecided (the owner reports them, as before).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0028_casc4'
down_revision = '0027_cascade4'
branch_labels = None
depends_on = None
OLD_KINDS = "kind IN ('department', 'district', 'enterprise', 'other')"
NEW_KINDS = "kind IN ('department', 'district', 'town', 'enterprise', 'other')"


def upgrade() -> None:
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parent_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_units_parent_id'), ['parent_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_units_parent_id_units'), 'units',
                                    ['parent_id'], ['id'])
        batch_op.drop_constraint(op.f('ck_units_kind'), type_='check')
        batch_op.create_check_constraint(op.f('ck_units_kind'), NEW_KINDS)
    op.create_table(
        'subplan_units',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('subplan_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=True),
        sa.Column('decided', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['subplan_id'], ['subplans.id'],
                                name=op.f('fk_subplan_units_subplan_id_subplans')),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_subplan_units_unit_id_units')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_subplan_units')),
        sa.UniqueConstraint('subplan_id', 'name', name='uq_subplan_units_subplan_name'))
    with op.batch_alter_table('subplan_units', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subplan_units_subplan_id'), ['subplan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_subplan_units_unit_id'), ['unit_id'], unique=False)
    map_written_names(op.get_bind())


def _candidates(owner: str, name: str) -> tuple[str, ...]:
    """The names the report-time matching tried (``subplans.reporting`` before this revision)."""
    bare = name.removeprefix("区").removeprefix("市").removeprefix("县")
    return (name, f"{owner}{bare}") if bare != name else (name, f"{owner}{name}")


def map_written_names(connection) -> int:
    """Write the rows the name matching implied for sub-plans that have none; how many."""
    import json

    units = {name: uid for uid, name in connection.execute(sa.text(
        "SELECT id, name FROM units WHERE active = :yes"), {"yes": True})}
    done = {sid for (sid,) in connection.execute(sa.text("SELECT DISTINCT subplan_id FROM subplan_units"))}
    plans = connection.execute(sa.text(
        "SELECT s.id, u.id, u.name FROM subplans s JOIN units u ON u.id = s.unit_id")).all()
    written = 0
    for subplan_id, owner_id, owner in plans:
        if subplan_id in done:
            continue
        names: list[str] = []
        for (raw,) in connection.execute(sa.text(
                "SELECT units FROM subplan_items WHERE subplan_id = :s ORDER BY position"),
                {"s": subplan_id}):
            for name in (json.loads(raw) if isinstance(raw, str) else raw) or []:
                if name and name not in names:
                    names.append(name)
        for name in names:
            found = next((units[c] for c in _candidates(owner, name)
                          if c in units and units[c] != owner_id), None)
            connection.execute(sa.text(
                "INSERT INTO subplan_units (subplan_id, name, unit_id, decided) "
                "VALUES (:s, :n, :u, :d)"),
                {"s": subplan_id, "n": name[:200], "u": found, "d": found is not None})
            written += 1
    return written


def downgrade() -> None:
    with op.batch_alter_table('subplan_units', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subplan_units_unit_id'))
        batch_op.drop_index(batch_op.f('ix_subplan_units_subplan_id'))
    op.drop_table('subplan_units')
    op.execute("UPDATE units SET kind = 'other' WHERE kind = 'town'")
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_units_kind'), type_='check')
        batch_op.create_check_constraint(op.f('ck_units_kind'), OLD_KINDS)
        batch_op.drop_constraint(batch_op.f('fk_units_parent_id_units'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_units_parent_id'))
        batch_op.drop_column('parent_id')
