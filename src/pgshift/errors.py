"""Errors a user can act on.

Every failure pgshift reports on purpose is a ``PgshiftError``: it carries what happened, where
(file, line, migration, statement) and what to do, and the exit code the CLI returns. Anything else
escaping to the CLI is a bug and is shown with its traceback.
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
