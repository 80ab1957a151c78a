"""The ``ecoplan`` command: a thin group of the library's commands, the app's and each feature's
(``Manifest.commands``).

Output is JSON on stdout unless a command offers other formats; errors are one line on stderr
and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import sys

import click

from ecoplan import __version__
from ecoplan.app.cli import db, demo, serve
from ecoplan.app.features import FEATURES
from ecoplan.assessment.cli import assessment
from ecoplan.backup.cli import backup, restore
from ecoplan.monitoring.cli_data import data
from ecoplan.monitoring.cli_indicators import indicators_group
from ecoplan.monitoring.cli_targets import targets
from ecoplan.plan.cli import plan
from ecoplan.reports_cli import report
from ecoplan.standards_cli import aqi_command
from ecoplan.water_cli import water_class
from ecoplan.errors import InputError

EXIT_INPUT = 2
EXIT_INTERNAL = 70


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ecoplan")
def cli() -> None:
    """ecoplan：生态文明建设工作方案从发布的文件到年终考评的全过程管理。"""


def _register() -> None:
    for command in (water_class, data, indicators_group, targets, aqi_command, plan, serve, demo,
                    db, report, assessment, backup, restore):
        cli.add_command(command)
    for feature in FEATURES:
        for command in feature.commands:
            cli.add_command(command)


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
