"""What a database error means, decided by its SQLSTATE and never by its message text.

Server messages are translated (``lc_messages``) and reworded between major versions; the five
character SQLSTATE codes are stable and documented (PostgreSQL manual, appendix A). Every place in
pgshift that must tell a lock timeout from a missing table from a lost connection asks this module,
and every place that turns a driver error into a message for people uses :func:`database_errors`,
so the URL's password never shows and the wording is the same everywhere.

Imported lazily by the CLI (it imports psycopg): ``pgshift --help`` must not pay for the driver.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import psycopg

from pgshift.errors import DatabaseError as DatabaseErrorReport
from pgshift.urls import mask_url

DatabaseError = psycopg.Error
"""The base class of every error the driver raises (server errors and connection failures)."""

LOCK_NOT_AVAILABLE = "55P03"  # lock_timeout expired, or NOWAIT
QUERY_CANCELED = "57014"  # statement_timeout, or pg_cancel_backend
ADMIN_SHUTDOWN = "57P01"  # pg_terminate_backend, or a fast shutdown
CRASH_SHUTDOWN = "57P02"
CANNOT_CONNECT_NOW = "57P03"
UNDEFINED_TABLE = "42P01"
UNDEFINED_OBJECT = "42704"
UNDEFINED_COLUMN = "42703"
UNDEFINED_FUNCTION = "42883"
INVALID_SCHEMA_NAME = "3F000"
CONNECTION_EXCEPTION_CLASS = "08"  # the whole class: connection failure, does not exist, ...

_UNDEFINED = frozenset(
    {UNDEFINED_TABLE, UNDEFINED_OBJECT, UNDEFINED_COLUMN, UNDEFINED_FUNCTION, INVALID_SCHEMA_NAME}
)
_SESSION_ENDED = frozenset({ADMIN_SHUTDOWN, CRASH_SHUTDOWN, CANNOT_CONNECT_NOW})


def sqlstate(exc: BaseException) -> str | None:
    """The error's SQLSTATE, or None (not a database error, or one raised by the client library)."""
    if isinstance(exc, psycopg.Error):
        return exc.sqlstate
    return None


def is_database_error(exc: BaseException) -> bool:
    return isinstance(exc, psycopg.Error)


def is_lock_timeout(exc: BaseException) -> bool:
    """``lock_timeout`` expired: the statement waited too long for a lock and nothing of it happened."""
    return sqlstate(exc) == LOCK_NOT_AVAILABLE


def is_undefined(exc: BaseException) -> bool:
    """The statement named a table, column, type, function or schema that does not exist."""
    return sqlstate(exc) in _UNDEFINED


def is_connection_lost(exc: BaseException) -> bool:
    """The session is gone: terminated by an administrator, a server restart, or a broken socket.

    A socket closed under the client has no SQLSTATE at all (libpq reports it locally), so a driver
    ``OperationalError`` without one counts too.
    """
    if not isinstance(exc, psycopg.Error):
        return False
    state = exc.sqlstate
    if state is None:
        return isinstance(exc, psycopg.OperationalError)
    return state in _SESSION_ENDED or state.startswith(CONNECTION_EXCEPTION_CLASS)


def describe(exc: BaseException) -> str:
    """The server's message with DETAIL, HINT and SQLSTATE, password-free; one line per part."""
    if not isinstance(exc, psycopg.Error):
        return mask_url(str(exc)).strip()
    diag = exc.diag
    parts = [(diag.message_primary or str(exc)).strip()]
    if diag.message_detail:
        parts.append(f"DETAIL: {diag.message_detail}")
    if diag.message_hint:
        parts.append(f"HINT: {diag.message_hint}")
    if exc.sqlstate:
        parts.append(f"SQLSTATE {exc.sqlstate}")
    return mask_url("\n  ".join(parts))


@contextlib.contextmanager
def database_errors(doing: str = "database error", *, hint: str | None = None) -> Iterator[None]:
    """Turn a driver error escaping the block into a ``DatabaseError`` (a PgshiftError; password masked).

    ``doing`` starts the message ("pull could not read the database: ..."). PgshiftErrors and every
    other exception pass through untouched.
    """
    try:
        yield
    except psycopg.Error as exc:
        raise DatabaseErrorReport(f"{doing}: {mask_url(str(exc)).strip()}", hint=hint) from None
