"""pg/sqlstate: database errors decided by SQLSTATE, on a real server (never by message text)."""

from __future__ import annotations

import psycopg
import pytest

from pgshift.errors import PgshiftError
from pgshift.pg import sqlstate


def _error(conn: psycopg.Connection, query: str) -> psycopg.Error:
    with pytest.raises(psycopg.Error) as info:
        conn.execute(query)  # type: ignore[arg-type]
    return info.value


def test_undefined_and_lock_timeout(db: psycopg.Connection, db_url: str) -> None:
    for query in (
        "SELECT * FROM nope",
        "SELECT nope FROM pg_class",
        "SELECT 'x'::nope",
        "SELECT nope()",
        "SELECT * FROM nope.t",
    ):
        exc = _error(db, query)
        assert sqlstate.is_undefined(exc), query
        assert not sqlstate.is_lock_timeout(exc)
    assert not sqlstate.is_undefined(_error(db, "SELECT 1/0"))
    db.execute("CREATE TABLE t (id int)")
    with psycopg.connect(db_url) as holder:
        holder.execute("LOCK TABLE t")
        db.execute("SET lock_timeout = '50ms'")
        exc = _error(db, "ALTER TABLE t ADD COLUMN x int")
    assert sqlstate.is_lock_timeout(exc) and sqlstate.sqlstate(exc) == "55P03"
    assert "SQLSTATE 55P03" in sqlstate.describe(exc)


def test_terminated_session_is_a_lost_connection(db: psycopg.Connection, db_url: str) -> None:
    with psycopg.connect(db_url, autocommit=True) as victim:
        pid = victim.info.backend_pid
        db.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with pytest.raises(psycopg.Error) as info:
            victim.execute("SELECT 1")
    assert sqlstate.is_connection_lost(info.value)
    assert not sqlstate.is_connection_lost(_error(db, "SELECT 1/0"))
    assert not sqlstate.is_connection_lost(ValueError("x"))


def test_database_errors_masks_the_password() -> None:
    with pytest.raises(PgshiftError) as info, sqlstate.database_errors("database error while testing"):
        raise psycopg.OperationalError("connection to postgresql://u:secret@h/db failed")
    assert "secret" not in str(info.value)
    assert info.value.message.startswith("database error while testing:")
    with pytest.raises(KeyError), sqlstate.database_errors():
        raise KeyError("untouched")
