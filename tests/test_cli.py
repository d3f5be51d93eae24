"""The CLI shell: fast help that imports no heavy library, exit codes, error formatting."""

import subprocess
import sys


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pgshift", *args], capture_output=True, text=True, timeout=60
    )


def test_help_lists_commands_and_imports_nothing_heavy():
    code = (
        "import sys; from pgshift.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit as e:\n    assert e.code == 0\n"
        "heavy = [m for m in ('sqlalchemy', 'psycopg', 'rich', 'postgast') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "HEAVY []" in proc.stdout, proc.stdout + proc.stderr
    assert "Commands:" in proc.stdout


def test_version():
    proc = run("--version")
    assert proc.returncode == 0
    assert "pgshift" in proc.stdout


def test_unknown_command_exits_2():
    proc = run("frobnicate")
    assert proc.returncode == 2
    assert "No such command" in proc.stderr
