"""What one studio run knows: the database, its mode, its secrets and the addresses it answers to."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from psycopg.conninfo import conninfo_to_dict

from pgshift.studio._core import Config

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 50


@dataclass(frozen=True)
class Settings:
    """One run's settings. ``url`` holds the password: it is used to connect and never rendered.

    ``read_only`` refuses every change (edits, inserts, deletes, writes from the console, migrations);
    ``dev_database`` allows applying pending migrations from the page (the embedded development
    database, or a non-protected database on this machine).
    """

    url: str
    config: Config
    port: int
    host: str = "127.0.0.1"
    read_only: bool = False
    read_only_reason: str = ""
    dev_database: bool = False
    statement_timeout_ms: int = 5000
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    @property
    def allowed_hosts(self) -> frozenset[str]:
        """Host header values accepted (DNS rebinding: a foreign name resolving to 127.0.0.1 is refused)."""
        names = set(LOOPBACK_NAMES)
        if self.host not in ("127.0.0.1", "0.0.0.0", "::", "::1", "localhost"):
            names.add(self.host if ":" not in self.host else f"[{self.host}]")
        return frozenset(f"{name}:{self.port}" for name in names)

    @property
    def cookie_name(self) -> str:
        return f"pgshift_studio_{self.port}"

    @property
    def origin(self) -> str:
        return f"http://{self.host if self.host not in ('0.0.0.0', '::') else '127.0.0.1'}:{self.port}"

    @property
    def database_label(self) -> str:
        """user@host:port/dbname — never the password."""
        return database_label(self.url)


def database_label(url: str) -> str:
    try:
        params = conninfo_to_dict(url)
    except Exception:
        return "database"
    user = str(params.get("user") or "")
    host = str(params.get("host") or "localhost")
    port = str(params.get("port") or "5432")
    name = str(params.get("dbname") or user or "postgres")
    return f"{user + '@' if user else ''}{host}:{port}/{name}"


def is_local_url(url: str) -> bool:
    """Whether the database is on this machine (loopback host or a Unix socket)."""
    try:
        host = str(conninfo_to_dict(url).get("host") or "")
    except Exception:
        return False
    return host in ("", "localhost", "127.0.0.1", "::1") or host.startswith("/")
