"""Errors a user can act on.

Every failure pgshift reports on purpose is a ``PgshiftError``: it carries what happened, where
(file, line, migration, statement) and what to do, and the exit code the CLI returns. Anything else
escaping to the CLI is a bug and is shown with its traceback.

A ``PgshiftError`` masks passwords in its own text when it is built (``pgshift.urls.mask_secrets``),
so no caller can leak one through an error message, ``--json`` or a log line.
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_FINDINGS = 1  # status: pending/drift; check: error-level findings
EXIT_ERROR = 2  # bad input, failed command


@dataclass
class PgshiftError(Exception):
    """A failure with a message for people.

    ``message`` says what happened; ``where`` names the place (a file, ``file:line``, a migration
    tag, a statement number); ``hint`` says what to do about it.
    """

    message: str
    where: str | None = None
    hint: str | None = None
    exit_code: int = EXIT_ERROR

    def __post_init__(self) -> None:
        from pgshift.urls import mask_secrets

        self.message = mask_secrets(self.message)
        self.where = mask_secrets(self.where) if self.where else self.where
        self.hint = mask_secrets(self.hint) if self.hint else self.hint
        self.args = (self.message,)

    def __str__(self) -> str:
        parts = [self.message]
        if self.where:
            parts.append(f"  at: {self.where}")
        if self.hint:
            parts.append(f"  hint: {self.hint}")
        return "\n".join(parts)


class ConfigError(PgshiftError):
    """Bad configuration: an unknown key, a bad value, a file that cannot be read."""


class SchemaLoadError(PgshiftError):
    """The schema module could not be imported or did not hold a MetaData."""


class FolderError(PgshiftError):
    """The migration folder (journal, snapshots, SQL files) is corrupt or of an unsupported version."""


class DatabaseError(PgshiftError):
    """The server refused something (connection, catalog read, a statement); the text is masked."""


def database_error(
    exc: BaseException, doing: str = "database error", hint: str | None = None
) -> DatabaseError:
    """A psycopg error as a ``DatabaseError`` people can read: its first lines, never a password."""
    return DatabaseError(f"{doing}: {str(exc).strip()}", hint=hint)


class UnparsableSqlError(PgshiftError):
    """SQL pgshift rendered from the schema code that the PostgreSQL parser rejects: never written or run."""
