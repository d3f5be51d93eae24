"""pgshift: schema-as-code migrations for PostgreSQL.

One plain function per command, each returning a frozen dataclass::

    import pgshift
    pgshift.generate(name="add_users")                  # -> GenerateResult
    pgshift.migrate(os.environ["DATABASE_URL"])         # -> MigrateResult
    pgshift.status(url)                                 # -> StatusReport
    pgshift.rollback(url, steps=1)                      # -> RollbackResult
    pgshift.baseline(url)                               # -> BaselineResult
    pgshift.push(url, force=True)                       # -> PushResult
    pgshift.pull(url, output="app/schema.py")           # -> PullResult
    pgshift.check()                                     # -> CheckResult

Every failure a caller can act on is a ``PgshiftError`` (subclasses below), its text free of passwords.

Names are resolved lazily so that ``import pgshift`` stays cheap (no SQLAlchemy, no psycopg, no rich)
for the CLI's start-up and for applications that only call ``pgshift.migrate`` at boot.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from pgshift import dataclass_cache as _dataclass_cache

__version__ = "0.1.0"

# pgshift's dataclasses take their compiled methods from a cache, as modules take theirs from .pyc files
# (the compiling was ~40% of the imports of a generate: pgshift.dataclass_cache says more).
_dataclass_cache.install()

# public name -> the module that defines it
_EXPORTS: dict[str, str] = {
    # commands
    "generate": "pgshift.api.generate",
    "migrate": "pgshift.api.migrate",
    "status": "pgshift.api.status",
    "rollback": "pgshift.api.rollback",
    "baseline": "pgshift.api.baseline",
    "push": "pgshift.api.push",
    "pull": "pgshift.api.pull",
    "check": "pgshift.api.check",
    # results
    "GenerateResult": "pgshift.api.generate",
    "MigrateResult": "pgshift.runner.run",
    "Applied": "pgshift.runner.run",
    "StatusReport": "pgshift.runner.plan",
    "RollbackResult": "pgshift.runner.rollback",
    "RollbackStep": "pgshift.runner.rollback",
    "BaselineResult": "pgshift.api.baseline",
    "PushPlan": "pgshift.api.push",
    "PushResult": "pgshift.api.push",
    "PullResult": "pgshift.api.pull",
    "CheckResult": "pgshift.api.check",
    "Config": "pgshift.config",
    "RenameDecisions": "pgshift.diff.renames",
    # errors
    "PgshiftError": "pgshift.errors",
    "ConfigError": "pgshift.errors",
    "SchemaLoadError": "pgshift.errors",
    "FolderError": "pgshift.errors",
    "DatabaseError": "pgshift.errors",
    "MigrationError": "pgshift.runner.run",
    "LockWaitTimeout": "pgshift.runner.lock",
    "RenameError": "pgshift.diff.renames",
    "PushError": "pgshift.api.push",
    "RebaseError": "pgshift.api.rebase",
}

__all__ = [
    "Applied",
    "BaselineResult",
    "CheckResult",
    "Config",
    "ConfigError",
    "DatabaseError",
    "FolderError",
    "GenerateResult",
    "LockWaitTimeout",
    "MigrateResult",
    "MigrationError",
    "PgshiftError",
    "PullResult",
    "PushError",
    "PushPlan",
    "PushResult",
    "RebaseError",
    "RenameDecisions",
    "RenameError",
    "RollbackResult",
    "RollbackStep",
    "SchemaLoadError",
    "StatusReport",
    "__version__",
    "baseline",
    "check",
    "generate",
    "migrate",
    "pull",
    "push",
    "rollback",
    "status",
]

if TYPE_CHECKING:
    from pgshift.api.baseline import BaselineResult, baseline
    from pgshift.api.check import CheckResult, check
    from pgshift.api.generate import GenerateResult, generate
    from pgshift.api.migrate import migrate
    from pgshift.api.pull import PullResult, pull
    from pgshift.api.push import PushError, PushPlan, PushResult, push
    from pgshift.api.rebase import RebaseError
    from pgshift.api.rollback import rollback
    from pgshift.api.status import status
    from pgshift.config import Config
    from pgshift.diff.renames import RenameDecisions, RenameError
    from pgshift.errors import ConfigError, DatabaseError, FolderError, PgshiftError, SchemaLoadError
    from pgshift.runner.lock import LockWaitTimeout
    from pgshift.runner.plan import StatusReport
    from pgshift.runner.rollback import RollbackResult, RollbackStep
    from pgshift.runner.run import Applied, MigrateResult, MigrationError


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pgshift' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # resolve once
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
