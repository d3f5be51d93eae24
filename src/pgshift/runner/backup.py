"""``migrate --backup FILE``: a pg_dump (custom format) taken before anything changes.

pg_dump is an external binary; when it is not on PATH the user asked for a backup and would not get
one, so that is an error (and nothing is migrated), never a silent skip.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from pgshift.errors import PgshiftError
from pgshift.urls import mask_url


def pg_dump_path() -> str | None:
    return shutil.which("pg_dump")


def backup(url: str, target: Path) -> Path:
    """Dump the whole database to ``target`` with ``pg_dump -Fc``; returns the file written."""
    binary = pg_dump_path()
    if binary is None:
        raise PgshiftError(
            "--backup needs pg_dump, which is not on PATH; nothing was migrated",
            hint="install the PostgreSQL client tools (e.g. apt install postgresql-client) or drop --backup",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        proc = subprocess.run(
            [binary, "--format=custom", "--file", str(target), "--dbname", url],
            capture_output=True,
            text=True,
            timeout=24 * 3600,
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
