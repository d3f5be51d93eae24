"""``migrate --backup FILE``: a pg_dump (custom format) taken before anything changes.

pg_dump is an external binary: the one on PATH when it is recent enough for the server, else the one
shipped with the embedded development server (``pgshift.devdb.pg_dump_for``). When there is none the
user asked for a backup and would not get one, so that is an error (and nothing is migrated), never a
silent skip. The password reaches pg_dump through PGPASSWORD, never its command line (visible to every
user in ``/proc/*/cmdline``).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from pgshift.errors import PgshiftError
from pgshift.urls import mask_url, normalize_url, split_password


def _server_version(url: str) -> int | None:
    import psycopg

    try:
        with psycopg.connect(normalize_url(url), connect_timeout=15) as conn:
            return conn.info.server_version
    except psycopg.Error:
        return None  # pg_dump will say why it cannot connect


def backup(url: str, target: Path) -> Path:
    """Dump the whole database to ``target`` with ``pg_dump -Fc``; returns the file written."""
    from pgshift.devdb import pg_dump_for

    binary = pg_dump_for(_server_version(url))
    if binary is None:
        raise PgshiftError(
            "--backup needs pg_dump, which is not on PATH; nothing was migrated",
            hint="install the PostgreSQL client tools (e.g. apt install postgresql-client) or drop --backup",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    conninfo, password = split_password(url)
    env = dict(os.environ)
    if password is not None:
        env["PGPASSWORD"] = password
    try:
        proc = subprocess.run(
            [binary, "--format=custom", "--file", str(target), "--dbname", conninfo],
            capture_output=True,
            text=True,
            timeout=24 * 3600,
            env=env,
        )
    except OSError as exc:
        raise PgshiftError(f"could not run pg_dump: {exc}; nothing was migrated") from None
    if proc.returncode != 0:
        target.unlink(missing_ok=True)
        raise PgshiftError(
            f"pg_dump failed (exit {proc.returncode}); nothing was migrated: {mask_url(proc.stderr.strip())}",
            where=binary,
            hint="a pg_dump older than the server refuses to dump it; use the client matching the server",
        )
    return target
