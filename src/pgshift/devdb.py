"""The embedded development database: a PostgreSQL cluster kept in the project folder.

When no URL is configured (no ``--url``, no ``url`` in the config, no ``$DATABASE_URL``), commands
that need a database use a cluster in ``<project>/.pgshift/pgdata``, started on demand and reused
by later commands. This lets ``pgshift migrate`` work on a fresh clone with nothing installed.

The cluster comes from a provider behind a one-method interface, so the engine can be swapped
(pgserver's bundled PostgreSQL 16 today; a system installation or a container tomorrow).
"""

from __future__ import annotations

import warnings
from pathlib import Path
from types import ModuleType
from typing import Protocol

from pgshift.errors import PgshiftError

DEVDB_DIR = Path(".pgshift") / "pgdata"
DATABASE = "postgres"


class Provider(Protocol):
    """Starts (or reuses) a cluster whose files live in ``data_dir`` and returns its URL."""

    def url(self, data_dir: Path) -> str: ...

    def stop(self, data_dir: Path) -> None: ...


class PgserverProvider:
    """PostgreSQL 16 from the ``pgserver`` wheel: no system install, copes with running as root."""

    def url(self, data_dir: Path) -> str:
        pgserver = _import_pgserver()
        if not data_dir.exists():
            ignore_in_git(data_dir.parent)
        data_dir.mkdir(parents=True, exist_ok=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                server = pgserver.get_server(data_dir, cleanup_mode=None)
            except Exception as exc:
                raise PgshiftError(
                    f"could not start the embedded development database: {exc}",
                    where=str(data_dir),
                    hint="delete the folder to start afresh, or use a real database with --url",
                ) from exc
        return str(server.get_uri(DATABASE))

    def stop(self, data_dir: Path) -> None:
        import os
        import subprocess

        if not (data_dir / "postmaster.pid").exists():
            return
        _import_pgserver()
        from pgserver import _commands  # the provider's own runner: it switches user when root

        user = "pgserver" if os.geteuid() == 0 else None
        try:
            _commands.pg_ctl(  # type: ignore[attr-defined]  # made by a factory at import time
                ["-w", "-m", "fast", "stop"], pgdata=data_dir, user=user
            )
        except subprocess.CalledProcessError as exc:
            raise PgshiftError(
                f"could not stop the development database: {exc}",
                where=str(data_dir),
            ) from exc


def _import_pgserver() -> ModuleType:
    """Import pgserver quietly (platformdirs warns at import time when XDG_RUNTIME_DIR is unset)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import pgserver
    except ImportError as exc:  # pragma: no cover - a dependency of pgshift
        raise PgshiftError(
            "the embedded development database needs the 'pgserver' package",
            hint="pip install pgserver, or point pgshift at a database with --url or DATABASE_URL",
        ) from exc
    return pgserver


def ignore_in_git(folder: Path) -> None:
    """Add ``.pgshift/`` to the project's .gitignore (next to ``folder``) when git would see it.

    The cluster's files are machine-local and large; committing them by accident is easy otherwise.
    """
    project = folder.parent
    if not (project / ".git").exists() and not (project / ".gitignore").exists():
        return
    entry = f"{folder.name}/"
    gitignore = project / ".gitignore"
    existing = gitignore.read_text(encoding="utf-8") if gitignore.exists() else ""
    if any(
        line.strip() in (entry, folder.name, f"/{entry}", f"/{folder.name}") for line in existing.splitlines()
    ):
        return
    prefix = "" if not existing or existing.endswith("\n") else "\n"
    with gitignore.open("a", encoding="utf-8") as handle:
        handle.write(f"{prefix}{entry}\n")


def bundled_binary(name: str) -> Path | None:
    """A client program shipped with the embedded server (pgserver's PostgreSQL 16), if installed."""
    try:
        pgserver = _import_pgserver()
    except PgshiftError:
        return None
    path = Path(str(pgserver.__file__)).parent / "pginstall" / "bin" / name
    return path if path.exists() else None


def _major(binary: str) -> int | None:
    """The major version of a PostgreSQL client program (``pg_dump (PostgreSQL) 15.20`` -> 15)."""
    import subprocess

    try:
        out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30).stdout
    except OSError:
        return None
    for word in out.split():
        head = word.split(".")[0]
        if head.isdigit():
            return int(head)
    return None


def pg_dump_for(server_version_num: int | None) -> str | None:
    """The pg_dump to use against a server: the one on PATH when it is at least the server's major
    version (pg_dump refuses newer servers), else the embedded server's own; None when there is none.

    ``server_version_num`` is ``SHOW server_version_num`` (e.g. 160004); None: take the first found.
    """
    import shutil

    candidates = [c for c in (shutil.which("pg_dump"), bundled_binary("pg_dump")) if c]
    if not candidates:
        return None
    if server_version_num is None:
        return str(candidates[0])
    wanted = server_version_num // 10000
    for candidate in candidates:
        major = _major(str(candidate))
        if major is not None and major >= wanted:
            return str(candidate)
    return str(candidates[0])  # too old: it fails naming the mismatch, which the caller reports


PROVIDER: Provider = PgserverProvider()


def dev_data_dir(root: Path) -> Path:
    return root / DEVDB_DIR


def dev_url(root: Path) -> str:
    """URL of the project's development database, starting it if needed."""
    return PROVIDER.url(dev_data_dir(root))


def describe(root: Path) -> str:
    """One line telling people where the data lives and how to use a real database instead."""
    return (
        f"using the embedded development database in {dev_data_dir(root)} "
        "(set DATABASE_URL, --url or `url` in the config to use another)"
    )
