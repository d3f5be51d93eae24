"""Declaring what SQLAlchemy has no construct for: functions, procedures, aggregates, triggers, views,
materialized views, rules, event triggers, publications, text search dictionaries and configurations, casts, operators, extensions, foreign-data wrappers and servers, grants and default privileges (and any other statement — domains, composite and range types,
collations as ``SQL("CREATE DOMAIN ...")``, extended statistics as ``SQL("CREATE STATISTICS ...")``), attached to the schema's MetaData.

    from pgshift import objects

    objects.register(metadata, [
        objects.Function("public", "add_tax(amount numeric, rate numeric DEFAULT 0.2)",
                         "RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT amount * (1 + rate) $$"),
        objects.Trigger("public", "account_touch",
                        "BEFORE UPDATE ON public.account FOR EACH ROW EXECUTE FUNCTION touch_updated_at()"),
        objects.View("public", "active_account", "SELECT id, email FROM account WHERE status = 'active'"),
    ])

The classes follow alembic_utils' entities (``PGFunction(schema, signature, definition)``, ...), and
``register`` also accepts those entities as they are (anything with ``to_sql_statement_create()``), so
code written for Alembic moves over unchanged. Each declaration is only the statement that creates it:
pgshift runs them on a scratch database and reads the result back with the same catalog queries it uses
on real databases (``pgshift.api.scratch``), so the server itself decides what a body or a view means and
how it is spelled. Nothing here imports SQLAlchemy or talks to a database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

INFO_KEY = "pgshift"  # metadata.info[INFO_KEY]["objects"]: the declarations, in order


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _commented(statements: list[str], comment: str | None) -> list[str]:
    """``statements`` and, for a declared ``comment``, ``COMMENT ON`` the object the first one creates
    (named by the parser from that statement: ``pgshift.pg.parser.comment_on_created``)."""
    if comment is None:
        return statements
    from pgshift.pg.parser import comment_on_created

    return [*statements, comment_on_created(statements[0], comment)]


class Declaration(Protocol):
    """Anything ``register`` accepts: it knows the statements that create it."""

    def statements(self) -> list[str]: ...


@dataclass(frozen=True)
class Function:
    """``CREATE FUNCTION schema.signature definition``: ``signature`` is ``name(arguments)`` as SQL
    spells it (defaults included), ``definition`` the rest (``RETURNS ... LANGUAGE ... AS $$...$$``).
    ``comment`` (on every declaration class that has one) is set with ``COMMENT ON`` after creating it."""

    schema: str
    signature: str
    definition: str
    comment: str | None = None

    keyword = "FUNCTION"

    def statements(self) -> list[str]:
        create = f"CREATE {self.keyword} {_ident(self.schema)}.{self.signature} {self.definition.strip()}"
        return _commented([create], self.comment)


@dataclass(frozen=True)
class Procedure(Function):
    """``CREATE PROCEDURE schema.signature definition``."""

    keyword = "PROCEDURE"


@dataclass(frozen=True)
class Aggregate:
    """``CREATE AGGREGATE schema.signature (definition)``: ``definition`` is the option list,
    ``SFUNC = step, STYPE = text, ...``."""

    schema: str
    signature: str
    definition: str
    comment: str | None = None

    def statements(self) -> list[str]:
        create = f"CREATE AGGREGATE {_ident(self.schema)}.{self.signature} ({self.definition.strip()})"
        return _commented([create], self.comment)


@dataclass(frozen=True)
class Trigger:
    """``CREATE [CONSTRAINT] TRIGGER name definition``: ``definition`` names the table
    (``BEFORE UPDATE ON public.account FOR EACH ROW EXECUTE FUNCTION touch()``). ``enabled`` is True
    (fires normally), False (``DISABLE TRIGGER``), ``"replica"`` or ``"always"``."""

    schema: str
    name: str
    definition: str
    constraint: bool = False
    enabled: bool | str = True
    table: str | None = None  # needed only when enabled is not True: the table it is on, as SQL spells it
    comment: str | None = None

    def statements(self) -> list[str]:
        kind = "CONSTRAINT TRIGGER" if self.constraint else "TRIGGER"
        out = [f"CREATE {kind} {_ident(self.name)} {self.definition.strip()}"]
        if self.enabled is not True:
            if self.table is None:
                raise ValueError(
                    f"trigger {self.name}: say which table (table=...) to set enabled={self.enabled!r}"
                )
            how = {False: "DISABLE", "replica": "ENABLE REPLICA", "always": "ENABLE ALWAYS"}[self.enabled]
            out.append(f"ALTER TABLE {self.table} {how} TRIGGER {_ident(self.name)}")
        return _commented(out, self.comment)


@dataclass(frozen=True)
class View:
    """``CREATE VIEW schema.name [WITH (options)] AS definition`` (``definition`` is the SELECT), then
    ``comment`` and ``column_comments`` (``(("email", "the address"),)``) with ``COMMENT ON``. A
    materialized view's ``indexes`` are ``CREATE INDEX`` statements on it (and ``ALTER INDEX ... SET
    STATISTICS`` of their keys), run after it is created. A
    view's ``column_defaults`` (``(("status", "'new'"),)``) are what an INSERT through it gets (``ALTER
    VIEW ... ALTER COLUMN ... SET DEFAULT``)."""

    schema: str
    name: str
    definition: str
    options: tuple[tuple[str, str], ...] = ()
    comment: str | None = None
    column_comments: tuple[tuple[str, str], ...] = ()
    indexes: tuple[str, ...] = ()
    column_defaults: tuple[tuple[str, str], ...] = ()

    keyword = "VIEW"

    def _with(self) -> str:
        return " WITH (" + ", ".join(f"{k}={v}" for k, v in self.options) + ")" if self.options else ""

    def _create(self) -> str:
        body = self.definition.strip().removesuffix(";")
        return f"CREATE VIEW {self._ref()}{self._with()} AS {body}"

    def _ref(self) -> str:
        return f"{_ident(self.schema)}.{_ident(self.name)}"

    def statements(self) -> list[str]:
        out = [self._create(), *(i.strip().removesuffix(";") for i in self.indexes)]
        out += [
            f"ALTER VIEW {self._ref()} ALTER COLUMN {_ident(column)} SET DEFAULT {expression}"
            for column, expression in self.column_defaults
        ]
        if self.comment is not None:
            out.append(f"COMMENT ON {self.keyword} {self._ref()} IS {_literal(self.comment)}")
        out += [
            f"COMMENT ON COLUMN {self._ref()}.{_ident(column)} IS {_literal(text)}"
            for column, text in self.column_comments
        ]
        return out


@dataclass(frozen=True)
class MaterializedView(View):
    """``CREATE MATERIALIZED VIEW ... AS definition [WITH NO DATA]``; ``cluster_on`` names the index (one
    of ``indexes``) that ``ALTER MATERIALIZED VIEW ... CLUSTER ON`` marks for a bare ``CLUSTER``."""

    with_data: bool = True
    cluster_on: str | None = None

    keyword = "MATERIALIZED VIEW"

    def statements(self) -> list[str]:
        out = super().statements()
        if self.cluster_on is not None:
            at = 1 + len(self.indexes)  # after the indexes, before the comments
            out.insert(at, f"ALTER MATERIALIZED VIEW {self._ref()} CLUSTER ON {_ident(self.cluster_on)}")
        return out

    def _create(self) -> str:
        body = self.definition.strip().removesuffix(";")
        tail = "" if self.with_data else " WITH NO DATA"
        return f"CREATE MATERIALIZED VIEW {self._ref()}{self._with()} AS {body}{tail}"


@dataclass(frozen=True)
class Rule:
    """``CREATE RULE name AS definition`` (``ON DELETE TO public.cache DO INSTEAD NOTHING``)."""

    schema: str
    name: str
    definition: str
    comment: str | None = None

    def statements(self) -> list[str]:
        create = f"CREATE RULE {_ident(self.name)} AS {self.definition.strip().removesuffix(';')}"
        return _commented([create], self.comment)


@dataclass(frozen=True)
class EventTrigger:
    """``CREATE EVENT TRIGGER name ON event [WHEN TAG IN (tags)] EXECUTE FUNCTION function()``:
    ``function`` as SQL names it (``public.log_ddl``, the function declared too); ``tags`` are command
    tags (``("CREATE TABLE", "DROP TABLE")``). ``enabled`` is True, False (``DISABLE``), ``"replica"``
    or ``"always"``. Database-wide: pgshift manages it with the schema holding its function. Creating
    one needs a superuser (on the scratch server too)."""

    name: str
    event: str
    function: str
    tags: tuple[str, ...] = ()
    enabled: bool | str = True
    comment: str | None = None

    def statements(self) -> list[str]:
        when = f" WHEN TAG IN ({', '.join(_literal(t) for t in self.tags)})" if self.tags else ""
        function = self.function.strip().removesuffix("()")
        out = [
            f"CREATE EVENT TRIGGER {_ident(self.name)} ON {self.event}{when} EXECUTE FUNCTION {function}()"
        ]
        if self.enabled is not True:
            how = {False: "DISABLE", "replica": "ENABLE REPLICA", "always": "ENABLE ALWAYS"}.get(self.enabled)
            if how is None:
                raise ValueError(
                    f"event trigger {self.name}: enabled is True, False, 'replica' or 'always', not {self.enabled!r}"
                )
            out.append(f"ALTER EVENT TRIGGER {_ident(self.name)} {how}")
        if self.comment is not None:
            out.append(f"COMMENT ON EVENT TRIGGER {_ident(self.name)} IS {_literal(self.comment)}")
        return out


def _options_sql(options: dict[str, str] | None, owner: str) -> str:
    """`` OPTIONS (name 'value', ...)``, or nothing; an option named like a credential is refused here,
    at the line that declares it (pgshift.urls.is_secret_option: its value is never written anywhere)."""
    if not options:
        return ""
    from pgshift.model.schema import checked_options

    checked = checked_options(options, owner)
    return " OPTIONS (" + ", ".join(f"{_ident(k)} {_literal(v)}" for k, v in checked) + ")"


@dataclass(frozen=True)
class ForeignDataWrapper:
    """``CREATE FOREIGN DATA WRAPPER name [HANDLER h] [VALIDATOR v] [OPTIONS (...)]`` made by hand (an
    extension's wrapper, such as postgres_fdw's, comes with ``Extension("postgres_fdw")`` instead).
    ``handler`` / ``validator``: ``schema.name`` of the functions. Read as data (no scratch database);
    database-wide, and managed once the code declares one (``pgshift.api.managed.OPT_IN``)."""

    name: str
    handler: str | None = None
    validator: str | None = None
    options: dict[str, str] | None = None
    comment: str | None = None

    foreign_declaration = True
    kind = "wrapper"

    def statements(self) -> list[str]:
        out = f"CREATE FOREIGN DATA WRAPPER {_ident(self.name)}"
        out += f" HANDLER {self.handler}" if self.handler else ""
        out += f" VALIDATOR {self.validator}" if self.validator else ""
        out += _options_sql(self.options, f"objects.ForeignDataWrapper {self.name}")
        return [out]


@dataclass(frozen=True)
class ForeignServer:
    """``CREATE SERVER name [TYPE t] [VERSION v] FOREIGN DATA WRAPPER wrapper [OPTIONS (...)]``.
    ``options`` never holds a credential (``password``, ``sslpassword``, ...: refused, see
    pgshift.urls.is_secret_option); set those by hand or in a user mapping, which pgshift lists as not
    managed and leaves alone. Read as data; database-wide, managed once the code declares one."""

    name: str
    wrapper: str
    type: str | None = None
    version: str | None = None
    options: dict[str, str] | None = None
    comment: str | None = None

    foreign_declaration = True
    kind = "server"

    def statements(self) -> list[str]:
        out = f"CREATE SERVER {_ident(self.name)}"
        out += f" TYPE {_literal(self.type)}" if self.type is not None else ""
        out += f" VERSION {_literal(self.version)}" if self.version is not None else ""
        out += f" FOREIGN DATA WRAPPER {_ident(self.wrapper)}"
        out += _options_sql(self.options, f"objects.ForeignServer {self.name}")
        return [out]


@dataclass(frozen=True)
class Publication:
    """``CREATE PUBLICATION name [FOR ALL TABLES | FOR TABLE ..., TABLES IN SCHEMA ...] [WITH (...)]``.
    ``tables`` as SQL spells each after ``TABLE``, a column list and a row filter included
    (``"public.orders (id, total) WHERE (total > 100)"``); each is published ``ONLY`` (inheritance
    children are listed as tables of their own). ``schemas`` are published whole (``TABLES IN
    SCHEMA``); ``all_tables`` is ``FOR ALL TABLES``. ``publish`` names the operations sent (all four by
    default), ``via_partition_root`` is ``publish_via_partition_root``, ``generated_columns``
    ``publish_generated_columns = stored`` (PostgreSQL 18+). Database-wide: pgshift manages
    one whose tables and schemas all lie in the managed schemas (see pgshift.model.schema.Publication)."""

    name: str
    tables: tuple[str, ...] = ()
    schemas: tuple[str, ...] = ()
    all_tables: bool = False
    publish: tuple[str, ...] = ("insert", "update", "delete", "truncate")
    via_partition_root: bool = False
    comment: str | None = None
    generated_columns: bool = False  # publish_generated_columns = stored (PostgreSQL 18+)

    def statements(self) -> list[str]:
        if self.all_tables and (self.tables or self.schemas):
            raise ValueError(f"publication {self.name}: all_tables=True publishes every table; list none")
        objects = [
            f"TABLE {t if t.strip().upper().startswith('ONLY ') else 'ONLY ' + t.strip()}"
            for t in self.tables
        ]
        if self.schemas:
            objects.append("TABLES IN SCHEMA " + ", ".join(_ident(s) for s in self.schemas))
        text = f"CREATE PUBLICATION {_ident(self.name)}"
        if self.all_tables:
            text += " FOR ALL TABLES"
        elif objects:
            text += " FOR " + ", ".join(objects)
        publish = ", ".join(op.strip().lower() for op in self.publish)
        root = "true" if self.via_partition_root else "false"
        generated = ", publish_generated_columns = stored" if self.generated_columns else ""
        text += f" WITH (publish = {_literal(publish)}, publish_via_partition_root = {root}{generated})"
        out = [text]
        if self.comment is not None:
            out.append(f"COMMENT ON PUBLICATION {_ident(self.name)} IS {_literal(self.comment)}")
        return out


@dataclass(frozen=True)
class TextSearchDictionary:
    """``CREATE TEXT SEARCH DICTIONARY schema.name (TEMPLATE = template, option = 'value', ...)``:
    ``template`` as SQL names it (``snowball``, ``pg_catalog.simple``; templates are built in or an
    extension's), ``options`` as (name, value) pairs or a dict (``{"language": "english",
    "stopwords": "english"}``), names as SQL spells them (unquoted: ``Language`` is ``language``)."""

    schema: str
    name: str
    template: str
    options: tuple[tuple[str, str], ...] | dict[str, str] = ()
    comment: str | None = None

    def statements(self) -> list[str]:
        pairs = self.options.items() if isinstance(self.options, dict) else self.options
        options = "".join(f", {k} = {_literal(str(v))}" for k, v in pairs)  # names as SQL spells them
        ref = f"{_ident(self.schema)}.{_ident(self.name)}"
        out = [f"CREATE TEXT SEARCH DICTIONARY {ref} (TEMPLATE = {self.template}{options})"]
        if self.comment is not None:
            out.append(f"COMMENT ON TEXT SEARCH DICTIONARY {ref} IS {_literal(self.comment)}")
        return out


@dataclass(frozen=True)
class TextSearchConfiguration:
    """``CREATE TEXT SEARCH CONFIGURATION schema.name (PARSER = parser)`` or ``(COPY = copy)`` (start from
    another configuration's parser and mappings: ``copy="english"``), then for each of ``mappings``
    ``ALTER MAPPING FOR tokens WITH dictionaries`` (which adds a mapping or replaces one), and
    ``DROP MAPPING FOR`` the token types in ``drop_mappings``. ``mappings`` are (tokens, dictionaries)
    pairs or a dict, each side as SQL lists it: ``{"hword, word": "public.unaccent, english_stem"}``.
    pgshift compares the result (a parser and its mappings), not how it was written."""

    schema: str
    name: str
    parser: str | None = None
    copy: str | None = None
    mappings: tuple[tuple[str, str], ...] | dict[str, str] = ()
    drop_mappings: tuple[str, ...] = ()
    comment: str | None = None

    def statements(self) -> list[str]:
        if (self.parser is None) == (self.copy is None):
            raise ValueError(f"text search configuration {self.name}: give parser= or copy=, one of them")
        ref = f"{_ident(self.schema)}.{_ident(self.name)}"
        source = f"PARSER = {self.parser}" if self.parser is not None else f"COPY = {self.copy}"
        out = [f"CREATE TEXT SEARCH CONFIGURATION {ref} ({source})"]
        pairs = self.mappings.items() if isinstance(self.mappings, dict) else self.mappings
        out += [f"ALTER TEXT SEARCH CONFIGURATION {ref} ALTER MAPPING FOR {t} WITH {d}" for t, d in pairs]
        if self.drop_mappings:
            out.append(
                f"ALTER TEXT SEARCH CONFIGURATION {ref} DROP MAPPING FOR {', '.join(self.drop_mappings)}"
            )
        if self.comment is not None:
            out.append(f"COMMENT ON TEXT SEARCH CONFIGURATION {ref} IS {_literal(self.comment)}")
        return out


@dataclass(frozen=True)
class Cast:
    """``CREATE CAST (source AS target) WITH FUNCTION function [AS ASSIGNMENT | AS IMPLICIT]``:
    ``function`` as SQL names it with its argument types (``public.to_email(text)``); without one,
    ``WITH INOUT`` when ``inout`` else ``WITHOUT FUNCTION``. ``context`` is ``"explicit"`` (the
    default), ``"assignment"`` or ``"implicit"``. Database-wide: pgshift manages it with the schema of
    its function, else of its source type, else of its target type."""

    source: str
    target: str
    function: str | None = None
    inout: bool = False
    context: str = "explicit"
    comment: str | None = None

    def statements(self) -> list[str]:
        contexts = {"explicit": "", "assignment": " AS ASSIGNMENT", "implicit": " AS IMPLICIT"}
        if self.context not in contexts:
            raise ValueError(
                f"cast ({self.source} AS {self.target}): context is 'explicit', 'assignment' or "
                f"'implicit', not {self.context!r}"
            )
        if self.function is not None:
            how = f"WITH FUNCTION {self.function.strip()}"
        else:
            how = "WITH INOUT" if self.inout else "WITHOUT FUNCTION"
        cast = f"CAST ({self.source} AS {self.target})"
        out = [f"CREATE {cast} {how}{contexts[self.context]}"]
        if self.comment is not None:
            out.append(f"COMMENT ON {cast} IS {_literal(self.comment)}")
        return out


@dataclass(frozen=True)
class Operator:
    """``CREATE OPERATOR schema.name (LEFTARG = left, RIGHTARG = right, FUNCTION = function, ...)``:
    ``left`` None for a prefix operator; functions as SQL names them (``public.email_eq``, no
    arguments); ``commutator`` and ``negator`` as ``schema.op`` (a bare ``op`` is in ``schema``), made a
    shell until declared too; ``restrict``/``join`` the selectivity estimators (``eqsel``/``eqjoinsel``)."""

    schema: str
    name: str
    left: str | None
    right: str
    function: str
    commutator: str | None = None
    negator: str | None = None
    restrict: str | None = None
    join: str | None = None
    hashes: bool = False
    merges: bool = False
    comment: str | None = None

    def _other(self, op: str) -> str:
        return f"OPERATOR({op if '.' in op else f'{_ident(self.schema)}.{op}'})"

    def statements(self) -> list[str]:
        options = [f"LEFTARG = {self.left}"] if self.left else []
        options += [f"RIGHTARG = {self.right}", f"FUNCTION = {self.function}"]
        options += [f"COMMUTATOR = {self._other(self.commutator)}"] if self.commutator else []
        options += [f"NEGATOR = {self._other(self.negator)}"] if self.negator else []
        options += [f"RESTRICT = {self.restrict}"] if self.restrict else []
        options += [f"JOIN = {self.join}"] if self.join else []
        options += ["HASHES"] if self.hashes else []
        options += ["MERGES"] if self.merges else []
        name = f"{_ident(self.schema)}.{self.name}"
        out = [f"CREATE OPERATOR {name} ({', '.join(options)})"]
        if self.comment is not None:
            on = f"OPERATOR {name} ({self.left or 'NONE'}, {self.right})"
            out.append(f"COMMENT ON {on} IS {_literal(self.comment)}")
        return out


@dataclass(frozen=True)
class Extension:
    """``CREATE EXTENSION IF NOT EXISTS name [WITH SCHEMA schema]`` (alembic_utils' ``PGExtension``)."""

    name: str
    schema: str | None = None

    def statements(self) -> list[str]:
        where = f" WITH SCHEMA {_ident(self.schema)}" if self.schema else ""
        return [f"CREATE EXTENSION IF NOT EXISTS {_ident(self.name)}{where}"]


@dataclass(frozen=True)
class Comment:
    """``COMMENT ON <target> IS 'text'``, e.g. ``Comment("FUNCTION public.add_tax(numeric, numeric)", ...)``."""

    target: str
    text: str | None

    def statements(self) -> list[str]:
        value = "NULL" if self.text is None else _literal(self.text)
        return [f"COMMENT ON {self.target} IS {value}"]


@dataclass(frozen=True)
class SQL:
    """Any other statement the declarations need (run on the scratch database in order)."""

    statement: str

    def statements(self) -> list[str]:
        return [self.statement]


@dataclass(frozen=True)
class Grant:
    """``GRANT privileges [(columns)] ON <on> schema.name TO to [WITH GRANT OPTION]``. ``on`` is table
    (views too), sequence, function, procedure, schema, type or domain; a routine's ``name`` is
    ``add_tax(numeric, numeric)`` (argument types); a schema's is the schema. ``to`` is a role, roles or
    ``"PUBLIC"``; roles are never created. Read as data (pgshift.sources.kinds.grant), not run on the
    scratch database; once the code declares one grant, grants are managed (see pgshift.api.managed).

    ``revoke=True`` takes away a privilege PUBLIC has by default instead: ``Grant("function", "public",
    "f(text)", "PUBLIC", "EXECUTE", revoke=True)`` is ``REVOKE EXECUTE ON FUNCTION public.f(text) FROM
    PUBLIC`` (routines: EXECUTE; types and domains: USAGE). It counts as a grant for the opt-in."""

    on: str
    schema: str
    name: str
    to: str | tuple[str, ...]
    privileges: str | tuple[str, ...]
    columns: tuple[str, ...] = ()
    with_grant_option: bool = False
    revoke: bool = False

    privilege_declaration = True

    def statements(self) -> list[str]:
        privileges = self.privileges.split(",") if isinstance(self.privileges, str) else self.privileges
        cols = " (" + ", ".join(_ident(c) for c in self.columns) + ")" if self.columns else ""
        # the column list follows each privilege: in ``GRANT SELECT, UPDATE (c)`` SELECT is the table's
        words = ", ".join(f"{p.strip()}{cols}" for p in privileges)
        if self.on == "schema":
            target = _ident(self.schema)
        elif self.on in ("function", "procedure"):  # name(argument types) as SQL spells it
            target = f"{_ident(self.schema)}.{self.name}"
        else:
            target = f"{_ident(self.schema)}.{_ident(self.name)}"
        roles = (self.to,) if isinstance(self.to, str) else self.to
        to = ", ".join("PUBLIC" if r.upper() == "PUBLIC" else _ident(r) for r in roles)
        if self.revoke:
            return [f"REVOKE {words} ON {self.on.upper()} {target} FROM {to}"]
        option = " WITH GRANT OPTION" if self.with_grant_option else ""
        return [f"GRANT {words} ON {self.on.upper()} {target} TO {to}{option}"]


@dataclass(frozen=True)
class DefaultPrivileges:
    """``ALTER DEFAULT PRIVILEGES [FOR ROLE for_role] [IN SCHEMA schema] GRANT privileges ON <on> TO to``:
    ``on`` is tables, sequences, functions, types or schemas. Without ``for_role``, the role applying
    the migrations; without ``schema``, every schema. Managed like ``Grant`` (its own opt-in).

    ``revoke=True`` takes a built-in default away instead (``ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON
    FUNCTIONS FROM PUBLIC``, a common hardening); it applies to every schema, so ``schema`` stays None."""

    on: str
    to: str | tuple[str, ...]
    privileges: str | tuple[str, ...]
    schema: str | None = None
    for_role: str | None = None
    with_grant_option: bool = False
    revoke: bool = False

    privilege_declaration = True

    def statements(self) -> list[str]:
        words = self.privileges if isinstance(self.privileges, str) else ", ".join(self.privileges)
        scope = (f" FOR ROLE {_ident(self.for_role)}" if self.for_role else "") + (
            f" IN SCHEMA {_ident(self.schema)}" if self.schema else ""
        )
        roles = (self.to,) if isinstance(self.to, str) else self.to
        to = ", ".join("PUBLIC" if r.upper() == "PUBLIC" else _ident(r) for r in roles)
        if self.revoke:
            return [f"ALTER DEFAULT PRIVILEGES{scope} REVOKE {words} ON {self.on.upper()} FROM {to}"]
        option = " WITH GRANT OPTION" if self.with_grant_option else ""
        return [f"ALTER DEFAULT PRIVILEGES{scope} GRANT {words} ON {self.on.upper()} TO {to}{option}"]


def is_privilege_declaration(declaration: Any) -> bool:
    """A grant or default privileges (ours, or alembic_utils' ``PGGrantTable``): read as data, never run
    on the scratch database (its roles may not exist there)."""
    if getattr(declaration, "privilege_declaration", False) is True:
        return True
    return type(declaration).__name__ == "PGGrantTable" and hasattr(declaration, "grant")


def statements_of(declaration: Any) -> list[str]:
    """The SQL of a pgshift declaration, or of an alembic_utils entity (its ``to_sql_statement_create``)."""
    own = getattr(declaration, "statements", None)
    if callable(own):
        return [str(s) for s in own()]
    create = getattr(declaration, "to_sql_statement_create", None)
    if callable(create):
        created = create()
        items = created if isinstance(created, list | tuple) else [created]
        return [str(getattr(item, "text", item)) for item in items]
    raise TypeError(
        f"{type(declaration).__name__} is not a declaration: use the classes of pgshift.objects "
        "(or alembic_utils entities)"
    )


def register(metadata: Any, declarations: Iterable[Any]) -> None:
    """Attach ``declarations`` to ``metadata`` (kept in ``metadata.info``), in the order given."""
    items = list(declarations)
    for item in items:
        statements_of(item)  # fail here, at the line that registers it, not later
    info = metadata.info.setdefault(INFO_KEY, {})
    info.setdefault("objects", []).extend(items)


def registered(metadata: Any) -> list[Any]:
    """The declarations registered on ``metadata`` (none when there are none)."""
    info = getattr(metadata, "info", None)
    if not isinstance(info, dict):
        return []
    own = info.get(INFO_KEY)
    return list(own.get("objects", ())) if isinstance(own, dict) else []
