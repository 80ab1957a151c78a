"""The ``ecoplan`` command: a thin group; each area adds its own commands.

Output is JSON on stdout unless a command offers other formats; errors are one line on stderr
and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import sys

import click

from ecoplan import __version__
from ecoplan.errors import InputError

EXIT_INPUT = 2
EXIT_INTERNAL = 70


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ecoplan")
def cli() -> None:
    """ecoplan：生态文明建设工作方案从发布的文件到年终考评的全过程管理。"""


# "module:attribute" of each area's click command or group, added to the top-level group.
COMMANDS = [
    "ecoplan.water_cli:water_class",
    "ecoplan.monitoring.cli_data:data",
    "ecoplan.monitoring.cli_indicators:indicators_group",
    "ecoplan.monitoring.cli_targets:targets",
    "ecoplan.standards_cli:aqi_command",
    "ecoplan.plan.cli:plan",
    "ecoplan.app.cli:serve",
    "ecoplan.app.cli:demo",
    "ecoplan.app.cli:db",
    "ecoplan.reports.cli:report",
    "ecoplan.app.progress.cli:progress",
    "ecoplan.assessment.cli:assessment",
    "ecoplan.backup.cli:backup",
    "ecoplan.backup.cli:restore",
]


def _register() -> None:
    import importlib

    for spec in COMMANDS:
        module, _, attr = spec.partition(":")
        cli.add_command(getattr(importlib.import_module(module), attr))


_register()


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the group, turning every failure into one line on stderr."""
    try:
        code = cli.main(args=argv, prog_name="ecoplan", standalone_mode=False)
    except InputError as err:
        click.echo(f"ecoplan: error: {err}", err=True)
        sys.exit(EXIT_INPUT)
    except click.exceptions.Abort:
        click.echo("ecoplan: aborted", err=True)
        sys.exit(1)
    except click.ClickException as err:
        click.echo(f"ecoplan: error: {err.format_message()}", err=True)
        sys.exit(err.exit_code)
    except click.exceptions.Exit as err:
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:  # the last line of defence: a message, not a traceback
        click.echo(f"ecoplan: internal error ({type(err).__name__}): {err}", err=True)
        sys.exit(EXIT_INTERNAL)
    sys.exit(code if isinstance(code, int) else 0)
