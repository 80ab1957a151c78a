import subprocess
import sys

from ecoplan.cli import main


def test_help_lists_usage(repo_root):
    out = subprocess.run(
        [sys.executable, "-m", "ecoplan", "--help"], capture_output=True, text=True, cwd=repo_root,
        env={"PYTHONPATH": str(repo_root / "src")},
    )
    assert out.returncode == 0
    assert "Usage: ecoplan" in out.stdout


def test_unknown_command_is_one_line_not_traceback(repo_root):
    out = subprocess.run(
        [sys.executable, "-m", "ecoplan", "no-such-command"], capture_output=True, text=True, cwd=repo_root,
        env={"PYTHONPATH": str(repo_root / "src")},
    )
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert out.stderr.startswith("ecoplan: error:")


def test_main_exits_zero_on_version(capsys):
    try:
        main(["--version"])
    except SystemExit as exc:
        assert exc.code == 0
    assert "ecoplan" in capsys.readouterr().out
