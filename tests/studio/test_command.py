"""``pgshift studio`` as a command: prints a tokened loopback URL, serves it, read-only on protected envs."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest


def start(args: list[str], cwd: Path) -> tuple[subprocess.Popen[str], str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pgshift", "studio", "--no-open", *args],
        cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    return proc, line


def stop(proc: subprocess.Popen[str]) -> str:
    proc.terminate()
    _out, err = proc.communicate(timeout=20)
    return err


def test_prints_a_tokened_loopback_url_and_serves_it(blog_url: str, tmp_path: Path):
    proc, url = start(["--url", blog_url], tmp_path)
    try:
        assert url.startswith("http://127.0.0.1:") and "?token=" in url
        with urllib.request.urlopen(url, timeout=20) as response:
            assert response.status == 200
    except urllib.error.HTTPError as exc:
        assert exc.code == 401  # urllib keeps no cookie: the redirect target without the token is refused
    finally:
        err = stop(proc)
    from pgshift.studio.settings import database_label

    # user@host:port/db without the password; the host is a socket folder on a throwaway server
    assert f"pgshift studio for {database_label(blog_url)}" in err


def test_token_required_and_api_answers(blog_url: str, tmp_path: Path):
    proc, url = start(["--url", blog_url], tmp_path)
    try:
        base, token = url.split("/?token=")
        request = urllib.request.Request(base + "/api/tables", headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=20) as response:
            assert b'"posts"' in response.read()
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + "/api/tables", timeout=20)
        assert refused.value.code == 401
    finally:
        stop(proc)


def test_protected_environment_is_read_only(blog_url: str, tmp_path: Path):
    (tmp_path / "pgshift.toml").write_text(
        f'[environments.prod]\nurl = "{blog_url}"\nprotected = true\n', encoding="utf-8"
    )
    proc, url = start(["--env", "prod"], tmp_path)
    try:
        base, token = url.split("/?token=")
        request = urllib.request.Request(base + "/", headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=20) as response:
            assert b"read-only" in response.read()
    finally:
        err = stop(proc)
    assert "read-only: environment 'prod' is protected" in err


def test_help_is_listed_and_does_not_import_the_server():
    code = (
        "import sys\nfrom pgshift.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('starlette', 'uvicorn', 'jinja2', 'pgshift.studio') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "studio" in proc.stdout and proc.stdout.strip().endswith("[]")
