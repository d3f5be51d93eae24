"""Foreign-data wrappers made by hand and foreign servers (kinds ``foreign data wrapper`` and ``foreign
server``): database-wide, keyed by name; and the ``OPTIONS (...)`` clauses they share with foreign
tables and their columns (``options_sql``, ``options_change_sql``: the one owner of that spelling).

Wrappers and servers are created after the functions (a wrapper's handler) and extensions (postgres_fdw's
wrapper), before the tables (a foreign table names its server); dropped after the tables and before the
functions and extensions. A wrapper changes in place (``ALTER FOREIGN DATA WRAPPER ... HANDLER /
VALIDATOR / OPTIONS``); a server's VERSION, options and comment change in place, while its wrapper or
TYPE cannot (no ALTER for them): it is dropped and created again, and the foreign tables on it with it
(``Plan.rebuilt_servers``, read by the table step). Options change with ``OPTIONS (ADD / SET / DROP
...)`` naming only the options that differ, so an option the model never holds (one named like a
credential, pgshift.urls.is_secret_option) is left as it is.

Dropping a server fails while a user mapping (not managed) or a foreign table outside the managed schemas
depends on it: pgshift never writes CASCADE, which would drop them unseen. A server dropped and created
again by the down file comes back without its credential options and user mappings (said in its hazards).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pgshift.diff.hazards import Action
from pgshift.diff.kinds.base import Operation
from pgshift.diff.kinds.comment import comment_sql, created_comment
from pgshift.diff.plan import Plan
from pgshift.model.schema import ForeignDataWrapper, ForeignServer, Model, Options
from pgshift.model.types import quote_ident, quote_literal


def options_sql(options: Options) -> str:
    """`` OPTIONS (name 'value', ...)`` as CREATE writes it, or nothing when there are none."""
    if not options:
        return ""
    return " OPTIONS (" + ", ".join(f"{quote_ident(k)} {quote_literal(v)}" for k, v in options) + ")"


def options_change_sql(old: Options, new: Options) -> str:
    """`` OPTIONS (ADD a '1', SET b '2', DROP c)`` turning ``old`` into ``new`` (only what differs)."""
    before, after = dict(old), dict(new)
    parts = [f"DROP {quote_ident(k)}" for k in before if k not in after]
    for k, v in after.items():
        if k not in before:
            parts.append(f"ADD {quote_ident(k)} {quote_literal(v)}")
        elif before[k] != v:
            parts.append(f"SET {quote_ident(k)} {quote_literal(v)}")
    return " OPTIONS (" + ", ".join(parts) + ")" if parts else ""


def _function(name: str) -> str:
    schema, _, bare = name.rpartition(".")
    return f"{quote_ident(schema)}.{quote_ident(bare)}" if schema else quote_ident(bare)


# --- wrappers ---------------------------------------------------------------------------------------


def _wrapper_target(w: ForeignDataWrapper) -> str:
    return f"FOREIGN DATA WRAPPER {quote_ident(w.name)}"


@dataclass(frozen=True)
class CreateForeignDataWrapper(Operation):
    """CREATE FOREIGN DATA WRAPPER."""

    wrapper: ForeignDataWrapper
    action = Action.CREATE_FOREIGN_DATA_WRAPPER

    @property
    def subject(self) -> str:
        return self.wrapper.key

    def sql(self) -> list[str]:
        w = self.wrapper
        text = f"CREATE {_wrapper_target(w)}"
        text += f" HANDLER {_function(w.handler)}" if w.handler else ""
        text += f" VALIDATOR {_function(w.validator)}" if w.validator else ""
        return [text + options_sql(w.options) + ";", *created_comment(_wrapper_target(w), w.comment)]

    def reverse(self) -> Operation:
        return DropForeignDataWrapper(self.wrapper)

    def describe(self) -> str:
        return f"create foreign data wrapper {self.wrapper.key}"


@dataclass(frozen=True)
class DropForeignDataWrapper(Operation):
    """DROP FOREIGN DATA WRAPPER."""

    wrapper: ForeignDataWrapper
    action = Action.DROP_FOREIGN_DATA_WRAPPER

    @property
    def subject(self) -> str:
        return self.wrapper.key

    def sql(self) -> list[str]:
        return [f"DROP {_wrapper_target(self.wrapper)};"]

    def reverse(self) -> Operation:
        return CreateForeignDataWrapper(self.wrapper)

    def describe(self) -> str:
        return f"drop foreign data wrapper {self.wrapper.key}"


@dataclass(frozen=True)
class AlterForeignDataWrapper(Operation):
    """ALTER FOREIGN DATA WRAPPER, from ``old`` to ``new``."""

    old: ForeignDataWrapper
    new: ForeignDataWrapper
    action = Action.ALTER_FOREIGN_DATA_WRAPPER

    @property
    def subject(self) -> str:
        return self.new.key

    def sql(self) -> list[str]:
        a, b = self.old, self.new
        parts = []
        if a.handler != b.handler:
            parts.append(f"HANDLER {_function(b.handler)}" if b.handler else "NO HANDLER")
        if a.validator != b.validator:
            parts.append(f"VALIDATOR {_function(b.validator)}" if b.validator else "NO VALIDATOR")
        out = [f"ALTER {_wrapper_target(b)} {' '.join(parts)};"] if parts else []
        if a.options != b.options:
            out.append(f"ALTER {_wrapper_target(b)}{options_change_sql(a.options, b.options)};")
        if a.comment != b.comment:
            out.append(comment_sql(_wrapper_target(b), b.comment))
        return out

    def reverse(self) -> Operation:
        return AlterForeignDataWrapper(self.new, self.old)

    def describe(self) -> str:
        return f"alter foreign data wrapper {self.new.key}"


def diff_wrappers(old: Model, new: Model, plan: Plan) -> Model:
    before = {w.key: w for w in old.foreign_data_wrappers}
    after = {w.key: w for w in new.foreign_data_wrappers}
    for key, w in before.items():
        if key not in after:
            plan.drop_foreign_wrappers.append(DropForeignDataWrapper(w))
        elif after[key] != w:
            plan.foreign_wrappers.append(AlterForeignDataWrapper(w, after[key]))
    plan.foreign_wrappers += [CreateForeignDataWrapper(w) for k, w in after.items() if k not in before]
    return old


# --- servers ----------------------------------------------------------------------------------------


def _server_target(s: ForeignServer) -> str:
    return f"SERVER {quote_ident(s.name)}"


def create_server_sql(s: ForeignServer) -> str:
    text = f"CREATE SERVER {quote_ident(s.name)}"
    text += f" TYPE {quote_literal(s.type)}" if s.type is not None else ""
    text += f" VERSION {quote_literal(s.version)}" if s.version is not None else ""
    return text + f" FOREIGN DATA WRAPPER {quote_ident(s.wrapper)}{options_sql(s.options)};"


@dataclass(frozen=True)
class CreateForeignServer(Operation):
    """CREATE SERVER."""

    server: ForeignServer
    action = Action.CREATE_SERVER

    @property
    def subject(self) -> str:
        return self.server.key

    def sql(self) -> list[str]:
        s = self.server
        return [create_server_sql(s), *created_comment(_server_target(s), s.comment)]

    def reverse(self) -> Operation:
        return DropForeignServer(self.server)

    def describe(self) -> str:
        return f"create foreign server {self.server.key}"


@dataclass(frozen=True)
class DropForeignServer(Operation):
    """DROP SERVER, never CASCADE: its foreign tables in the managed schemas are dropped first by their
    own ops; a user mapping or another schema's foreign table on it makes the statement fail."""

    server: ForeignServer
    action = Action.DROP_SERVER

    @property
    def subject(self) -> str:
        return self.server.key

    def sql(self) -> list[str]:
        return [f"DROP {_server_target(self.server)};"]

    def reverse(self) -> Operation:
        return CreateForeignServer(self.server)

    def describe(self) -> str:
        return f"drop foreign server {self.server.key}"


@dataclass(frozen=True)
class AlterForeignServer(Operation):
    """VERSION, options and comment, in place."""

    old: ForeignServer
    new: ForeignServer
    action = Action.ALTER_SERVER

    @property
    def subject(self) -> str:
        return self.new.key

    def sql(self) -> list[str]:
        a, b = self.old, self.new
        out = []
        if a.version != b.version:
            version = "NULL" if b.version is None else quote_literal(b.version)
            out.append(f"ALTER {_server_target(b)} VERSION {version};")
        if a.options != b.options:
            out.append(f"ALTER {_server_target(b)}{options_change_sql(a.options, b.options)};")
        if a.comment != b.comment:
            out.append(comment_sql(_server_target(b), b.comment))
        return out

    def reverse(self) -> Operation:
        return AlterForeignServer(self.new, self.old)

    def describe(self) -> str:
        return f"alter foreign server {self.new.key}"


def _in_place(a: ForeignServer, b: ForeignServer) -> bool:
    """``a`` becomes ``b`` by ALTER SERVER / COMMENT ON alone (its wrapper and TYPE cannot change)."""
    return replace(a, version=None, options=(), comment=None) == replace(
        b, version=None, options=(), comment=None
    )


def diff_servers(old: Model, new: Model, plan: Plan) -> Model:
    before = {s.key: s for s in old.foreign_servers}
    after = {s.key: s for s in new.foreign_servers}
    for key, s in before.items():
        new_s = after.get(key)
        if new_s is None:
            plan.drop_foreign_servers.append(DropForeignServer(s))
        elif not _in_place(s, new_s):
            # after its foreign tables are dropped (drop_rebuilt_tables), before it is created again
            plan.drop_rebuilt_servers.append(DropForeignServer(s))
            plan.foreign_servers.append(CreateForeignServer(new_s))
            plan.rebuilt_servers.add(key)
        elif s != new_s:
            plan.foreign_servers.append(AlterForeignServer(s, new_s))
    plan.foreign_servers += [CreateForeignServer(s) for k, s in after.items() if k not in before]
    return old
