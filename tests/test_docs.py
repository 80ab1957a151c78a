"""Docs that cannot go stale: the CLI reference and the settings page follow the code."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import click
import pytest

from ecoplan.cli import cli
from ecoplan.clidoc import render, root_context, undocumented, walk
from ecoplan.config import Settings

REPO = Path(__file__).resolve().parents[1]
REGENERATE = "PYTHONPATH=src python -m ecoplan.clidoc > docs/cli.md"
ENV_NAME = re.compile(r"^ECOPLAN_[A-Z0-9_]*[A-Z0-9]$")


def env_vars_read(source: str) -> set[str]:
    """Environment variable names a Python module reads.

    Any string constant that is a whole ``ECOPLAN_*`` name (whatever mapping it is looked up in),
    and the literal name in ``os.environ[…]``, ``os.environ.get(…)`` and ``os.getenv(…)``.
    """
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and ENV_NAME.match(node.value):
            names.add(node.value)
        key = _environ_key(node)
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            names.add(key.value)
    return names


def _is_environ(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "environ") or (
        isinstance(node, ast.Name) and node.id == "environ")


def _environ_key(node: ast.AST) -> ast.AST | None:
    if isinstance(node, ast.Subscript) and _is_environ(node.value):
        return node.slice
    if isinstance(node, ast.Call) and node.args and isinstance(node.func, ast.Attribute):
        func = node.func
        if (func.attr == "get" and _is_environ(func.value)) or func.attr == "getenv":
            return node.args[0]
    return None


def option_env_vars(group: click.Command) -> set[str]:
    """``envvar=`` names of every option of every command."""
    names = set()
    for ctx in walk(root_context(group)):
        for param in ctx.command.get_params(ctx):
            envvar = getattr(param, "envvar", None)
            names.update([envvar] if isinstance(envvar, str) else envvar or [])
    return names


def mentions(text: str, name: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text) is not None


@pytest.fixture(scope="module")
def settings_doc() -> str:
    return (REPO / "docs" / "settings.md").read_text(encoding="utf-8")


def test_cli_reference_is_up_to_date():
    written = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == render(cli), f"docs/cli.md is out of date with the commands; run: {REGENERATE}"


def test_every_command_option_and_argument_has_help():
    missing = undocumented(cli)
    assert not missing, "undocumented:\n" + "\n".join(missing)


def test_every_settings_field_is_documented(settings_doc):
    fields = [f.name for f in dataclasses.fields(Settings)]
    assert fields
    missing = [name for name in fields if not mentions(settings_doc, name)]
    assert not missing, f"Settings fields not described in docs/settings.md: {missing}"


def test_every_environment_variable_is_documented(settings_doc):
    read = option_env_vars(cli)
    for path in (REPO / "src").rglob("*.py"):
        read |= env_vars_read(path.read_text(encoding="utf-8"))
    assert "ECOPLAN_DATA_DIR" in read and "ECOPLAN_DATABASE_URL" in read
    missing = sorted(name for name in read if not mentions(settings_doc, name))
    assert not missing, f"environment variables not described in docs/settings.md: {missing}"


# The checks above must be able to fail: each is tried on a case it has to catch.

def test_env_scan_finds_every_way_of_reading():
    source = """
import os
from os import environ
a = os.environ.get("HOME_X")
b = os.environ["PLAIN_Y"]
c = os.getenv("GETENV_Z")
d = environ.get("BARE_W")
def f(env=os.environ):
    return env.get("ECOPLAN_FROM_MAPPING"), env.get("NOT_OURS")
doc = "mentions ECOPLAN_SMTP_* in prose"
"""
    assert env_vars_read(source) == {"HOME_X", "PLAIN_Y", "GETENV_Z", "BARE_W", "ECOPLAN_FROM_MAPPING"}


def test_mentions_needs_the_whole_name():
    assert mentions("`ECOPLAN_SMTP_HOST` is read", "ECOPLAN_SMTP_HOST")
    assert not mentions("`ECOPLAN_SMTP_HOST` is read", "ECOPLAN_SMTP")
    assert not mentions("data_dir_extra", "data_dir")


def _toy_group() -> click.Group:
    @click.group()
    def toy() -> None:
        """A toy group."""

    @toy.command("ok")
    @click.option("--good", help="Has help.")
    @click.argument("path")
    def ok(good, path) -> None:
        """Reads PATH."""

    @toy.command("bad")
    @click.option("--bare", envvar="TOY_BARE")
    @click.argument("infile")
    def bad(bare, infile) -> None:
        pass

    return toy


def test_undocumented_names_each_gap():
    assert undocumented(_toy_group(), "toy") == [
        "toy bad: command has no help text",
        "toy bad: option --bare has no help text",
        "toy bad: argument INFILE is not named in the command's help",
    ]


def test_option_env_vars_are_collected():
    assert option_env_vars(_toy_group()) == {"TOY_BARE"}


def test_render_changes_when_an_option_is_added():
    group = _toy_group()
    before = render(group, "toy")
    click.option("--new-flag", is_flag=True, help="New.")(group.commands["ok"])
    after = render(group, "toy")
    assert "--new-flag" not in before and "--new-flag" in after
    assert "## `toy bad`" in after and "$ toy ok --help" in after


# Label tables whose identifiers and Chinese labels docs/glossary.md must list. A module not in
# this tree yet (its branch unmerged) is skipped; once present, its labels are checked.
GLOSSARY_LABELS = [
    ("ecoplan.app.plans.present", "ROLE_LABELS"),
    ("ecoplan.app.plans.present", "STATUS_LABELS"),
    ("ecoplan.app.plans.present", "VERSION_STATUS_LABELS"),
    ("ecoplan.app.plans.present", "CHANGE_LABELS"),
    ("ecoplan.app.permissions", "ROLE_LABELS"),
    ("ecoplan.app.units.models", "KIND_LABELS"),
    ("ecoplan.app.progress.present", "STATE_LABELS"),
    ("ecoplan.app.progress.present", "FREQUENCY_LABELS"),
    ("ecoplan.app.progress.present", "NOTICE_LABELS"),
    ("ecoplan.app.status.status", "LABELS"),
    ("ecoplan.app.status.pace", "PACE_MODES"),
    ("ecoplan.app.ledger.workflow", "STATE_LABELS"),
    ("ecoplan.app.ledger.workflow", "ACTION_LABELS"),
    ("ecoplan.app.ledger.models", "SOURCE_LABELS"),
    ("ecoplan.app.ledger.models", "STAGE_LABELS"),
    ("ecoplan.app.supervision.models", "KIND_LABELS"),
    ("ecoplan.app.assessment.models", "GRANT_LABELS"),
    ("ecoplan.app.subplans.models", "STATE_LABELS"),
    ("ecoplan.app.subplans.models", "ITEM_KIND_LABELS"),
    ("ecoplan.app.letters.models", "STATE_LABELS"),
    ("ecoplan.app.meetings.models", "KIND_LABELS"),
    ("ecoplan.app.meetings.models", "FORM_LABELS"),
    ("ecoplan.standards.aqi_tables", "CATEGORIES"),
    ("ecoplan.standards.aqi_tables", "LEVEL_NAMES"),
    ("ecoplan.standards.aqi_tables", "COLOURS"),
    ("ecoplan.standards.water", "CLASS_LABELS"),
    ("ecoplan.standards.water", "CLASS_GRADES"),
    ("ecoplan.standards.trophic", "GRADES"),
]


def glossary_gaps(labels, glossary: str) -> list[str]:
    """Identifiers (string keys, wanted in backticks) and labels (values) missing from the glossary."""
    pairs = labels.items() if isinstance(labels, dict) else ((None, v) for v in labels)
    gaps = []
    for key, label in pairs:
        if isinstance(key, str) and f"`{key}`" not in glossary:
            gaps.append(f"`{key}`")
        if label and label not in glossary:
            gaps.append(label)
    return gaps


@pytest.fixture(scope="module")
def glossary() -> str:
    return (REPO / "docs" / "glossary.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("module", "attr"), GLOSSARY_LABELS, ids=lambda x: x)
def test_glossary_lists_the_labels_of(module, attr, glossary):
    import importlib
    import importlib.util

    if importlib.util.find_spec(module.rpartition(".")[0]) is None or importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not in this tree")
    gaps = glossary_gaps(getattr(importlib.import_module(module), attr), glossary)
    assert not gaps, f"docs/glossary.md lacks {module}.{attr}: {gaps}"


def test_glossary_gaps_finds_missing_identifiers_and_labels():
    text = "| 已完成 | `done` |\n| 滞后 | behind |"
    assert glossary_gaps({"done": "已完成", "behind": "滞后", None: "未填报"}, text) == ["`behind`", "未填报"]
    assert glossary_gaps(("", "已完成", "逾期"), text) == ["逾期"]
