"""The CLI reference (``docs/cli.md``), generated from the ``--help`` of every command.

Regenerate with ``PYTHONPATH=src python -m ecoplan.clidoc > docs/cli.md``; ``tests/test_docs.py``
fails when the file differs from what this module writes, or when a command or option has no help.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import click

# Help is rendered at a fixed width so the reference does not depend on the terminal it was made in.
WIDTH = 100

HEADER = """\
# ecoplan command reference

<!-- Generated from the --help of every command; do not edit by hand.
     Regenerate: PYTHONPATH=src python -m ecoplan.clidoc > docs/cli.md
     tests/test_docs.py fails when this file is out of date. -->

Every command also accepts `-h` / `--help`. Errors are one line on stderr
(`ecoplan: error: …`) with a non-zero exit code. Settings read from the environment
(`ECOPLAN_*`) are described in [settings.md](settings.md).
"""


def walk(ctx: click.Context) -> Iterator[click.Context]:
    """``ctx`` and the context of every subcommand below it, depth first, sorted by name."""
    yield ctx
    command = ctx.command
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            child = command.get_command(ctx, name)
            if child is not None and not child.hidden:
                yield from walk(click.Context(child, info_name=name, parent=ctx))


def root_context(group: click.Command, name: str = "ecoplan") -> click.Context:
    """A context for ``group`` with the group's own settings and the fixed help width."""
    settings = {**group.context_settings, "terminal_width": WIDTH, "max_content_width": WIDTH}
    return click.Context(group, info_name=name, **settings)


def _anchor(path: str) -> str:
    return path.replace(" ", "-")


def _section(ctx: click.Context) -> str:
    path = ctx.command_path
    help_text = ctx.command.get_help(ctx).rstrip()
    return f'<a id="{_anchor(path)}"></a>\n## `{path}`\n\n```text\n$ {path} --help\n{help_text}\n```\n'


def _contents(contexts: list[click.Context]) -> str:
    lines = []
    for ctx in contexts:
        depth = ctx.command_path.count(" ")
        summary = ctx.command.get_short_help_str(limit=WIDTH)
        lines.append(f"{'  ' * depth}- [`{ctx.command_path}`](#{_anchor(ctx.command_path)}) — {summary}")
    return "## Commands\n\n" + "\n".join(lines) + "\n"


def render(group: click.Command, name: str = "ecoplan") -> str:
    """The whole ``docs/cli.md`` text for ``group``: contents, then one section per command."""
    contexts = list(walk(root_context(group, name)))
    parts = [HEADER, _contents(contexts), *(_section(ctx) for ctx in contexts)]
    return "\n".join(parts)


def undocumented(group: click.Command, name: str = "ecoplan") -> list[str]:
    """Commands without help, options without help, and arguments the command's help never names.

    Each entry reads ``"<command path>: <what is missing>"``; an empty list means all is documented.
    """
    missing = []
    for ctx in walk(root_context(group, name)):
        command, path = ctx.command, ctx.command_path
        help_text = command.help or command.short_help or ""
        if not help_text.strip():
            missing.append(f"{path}: command has no help text")
        help_names = set(ctx.help_option_names)
        for param in command.get_params(ctx):
            if isinstance(param, click.Option):
                if not set(param.opts) & help_names and not (param.help or "").strip():
                    missing.append(f"{path}: option {'/'.join(param.opts)} has no help text")
            elif isinstance(param, click.Argument):
                name = param.human_readable_name
                if name not in help_text:
                    missing.append(f"{path}: argument {name} is not named in the command's help")
    return missing


def main() -> None:
    """Write the reference for the ``ecoplan`` group to stdout (UTF-8 whatever the locale)."""
    from ecoplan.cli import cli

    sys.stdout.buffer.write(render(cli).encode("utf-8"))


if __name__ == "__main__":
    main()
