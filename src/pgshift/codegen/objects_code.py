"""What pull writes for functions, procedures, aggregates, views, triggers, rules, event triggers,
statistics objects, publications, text search dictionaries and configurations, casts and operators: ``pgshift.objects`` declarations registered on the MetaData (SQLAlchemy has no construct for them).

The server's own text (``pg_get_functiondef``, ``pg_get_triggerdef``, ...) is cut into the declaration's
parts at the places the server's format fixes (the header line ends with the argument list); when a
definition does not have that shape it is written whole as ``objects.SQL``, which means the same.
Declarations are read back through a scratch database, so what they create is compared, not how they
are written.
"""

from __future__ import annotations

from pgshift.model import schema as m
from pgshift.model.types import quote_ident, unqualified_type_name


def _text(value: str) -> str:
    """A Python literal for ``value``: triple-quoted when that keeps it readable, repr() otherwise."""
    if "\n" in value and '"""' not in value and "\\" not in value and not value.endswith('"'):
        return '"""' + value + '"""'
    return repr(value)


def _printed(name: str, text: str) -> str | None:
    """How the server printed ``name`` at the start of ``text`` (bare or quoted), None if neither."""
    for spelling in (name, quote_ident(name)):
        if text.startswith(spelling):
            return spelling
    return None


def _split_routine(f: m.Function) -> tuple[str, str] | None:
    """(signature, definition) of a function/procedure/aggregate, as ``pgshift.objects`` takes them."""
    header = (
        "CREATE AGGREGATE "
        if f.kind is m.RoutineKind.AGGREGATE
        else f"CREATE OR REPLACE {f.kind.value.upper()} "
    )
    if not f.definition.startswith(header):
        return None
    rest = f.definition[len(header) :]
    schema = _printed(f.schema, rest)
    if schema is None or rest[len(schema) : len(schema) + 1] != ".":
        return None
    rest = rest[len(schema) + 1 :]
    name = _printed(f.name, rest)
    if name is None:
        return None
    args = f"({f.arguments})"
    after = rest[len(name) :]
    if f.kind is m.RoutineKind.AGGREGATE:
        if not (after.startswith(args + " (") and after.endswith(")")):
            return None
        return name + args, after[len(args) + 2 : -1]
    if not after.startswith(args + "\n"):
        return None
    return name + args, after[len(args) + 1 :].rstrip("\n")


def _function(f: m.Function) -> str:
    split = _split_routine(f)
    if split is None:
        return f"objects.SQL({_text(f.definition)})"
    signature, definition = split
    cls = {"function": "Function", "procedure": "Procedure", "aggregate": "Aggregate"}[f.kind.value]
    return f"objects.{cls}({f.schema!r}, {signature!r}, {_text(definition)}{_comment_arg(f.comment)})"


def _comment_arg(comment: str | None) -> str:
    """The declaration classes' own ``comment=`` (objects.SQL has none: ``objects.Comment`` then)."""
    return "" if comment is None else f", comment={comment!r}"


def _trigger(t: m.Trigger) -> str:
    args = _trigger_args(t)
    return f"objects.Trigger({', '.join(args)})" if args else f"objects.SQL({_text(t.definition)})"


def _trigger_args(t: m.Trigger) -> list[str] | None:
    for prefix, constraint in (("CREATE TRIGGER ", False), ("CREATE CONSTRAINT TRIGGER ", True)):
        if t.definition.startswith(prefix):
            rest = t.definition[len(prefix) :]
            name = _printed(t.name, rest)
            if name is not None and rest[len(name) : len(name) + 1] == " ":
                args = [repr(t.schema), repr(t.name), _text(rest[len(name) + 1 :])]
                if constraint:
                    args.append("constraint=True")
                enabled = {"D": False, "R": "replica", "A": "always"}.get(t.enabled)
                if t.enabled != "O":
                    args += [f"enabled={enabled!r}", f"table={_table_ref(t.schema, t.table)!r}"]
                if t.comment is not None:
                    args.append(f"comment={t.comment!r}")
                return args
    return None


def _table_ref(schema: str, table: str) -> str:
    return f"{quote_ident(schema)}.{quote_ident(table)}"


def _view(v: m.View) -> str:
    args = [repr(v.schema), repr(v.name), _text(v.definition)]
    if v.with_:
        args.append(f"options={v.with_!r}")
    if v.comment is not None:
        args.append(f"comment={v.comment!r}")
    if v.column_comments:
        args.append(f"column_comments={v.column_comments!r}")
    if v.column_defaults:
        args.append(f"column_defaults={v.column_defaults!r}")
    if v.indexes:
        from pgshift.diff.kinds.index import create_index_sql, index_statistics_sets

        sql = tuple(
            statement
            for i in v.indexes
            for statement in (
                create_index_sql(v.schema, v.name, i, concurrently=False),
                *index_statistics_sets(v.schema, i),
            )
        )
        args.append(f"indexes={sql!r}")
    if v.materialized:
        if v.with_no_data:
            args.append("with_data=False")
        if v.clustered_on is not None:
            args.append(f"cluster_on={v.clustered_on!r}")
        return f"objects.MaterializedView({', '.join(args)})"
    return f"objects.View({', '.join(args)})"


def _rule(r: m.Rule) -> str:
    body = _rule_body(r)
    if body is None:
        return f"objects.SQL({_text(r.definition)})"
    return f"objects.Rule({r.schema!r}, {r.name!r}, {_text(body)}{_comment_arg(r.comment)})"


def _rule_body(r: m.Rule) -> str | None:
    prefix = "CREATE RULE "
    if r.definition.startswith(prefix):
        rest = r.definition[len(prefix) :]
        name = _printed(r.name, rest)
        if name is not None and rest[len(name) :].startswith(" AS"):
            return rest[len(name) + 3 :].strip()
    return None


def _event_trigger(e: m.EventTrigger) -> str:
    args = [repr(e.name), repr(e.event), repr(_table_ref(e.function_schema, e.function_name))]
    if e.tags:
        args.append(f"tags={e.tags!r}")
    enabled = {"D": False, "R": "replica", "A": "always"}.get(e.enabled)
    if e.enabled != "O":
        args.append(f"enabled={enabled!r}")
    return f"objects.EventTrigger({', '.join(args)}{_comment_arg(e.comment)})"


def _cast(c: m.Cast) -> str:
    args = [repr(c.source), repr(c.target)]
    if c.method == "f":
        args.append(f"function={c.function!r}")
    elif c.method == "i":
        args.append("inout=True")
    if c.context != "e":
        args.append(f"context={ {'a': 'assignment', 'i': 'implicit'}[c.context]!r}")
    return f"objects.Cast({', '.join(args)}{_comment_arg(c.comment)})"


def _operator(o: m.Operator) -> str:
    args = [repr(o.schema), repr(o.name), repr(o.left), repr(o.right), repr(o.function)]
    args += [f"{k}={getattr(o, k)!r}" for k in ("commutator", "negator", "restrict", "join") if getattr(o, k)]
    args += [f"{k}=True" for k in ("hashes", "merges") if getattr(o, k)]
    return f"objects.Operator({', '.join(args)}{_comment_arg(o.comment)})"


def _statistics(s: m.Statistics) -> list[str]:
    """A statistics object as the server prints it, its target and its comment: ``objects.SQL`` each
    (read back through the scratch database like the rest)."""
    from pgshift.diff.kinds.statistics import target_sql

    out = [f"objects.SQL({_text(s.definition)})"]
    if s.target is not None:
        out.append(f"objects.SQL({target_sql(s, s.target).removesuffix(';')!r})")
    if s.comment is not None:
        target = f"STATISTICS {_table_ref(s.schema, s.name)}"
        out.append(f"objects.Comment({target!r}, {s.comment!r})")
    return out


def _publication(p: m.Publication) -> str:
    """``objects.Publication`` with each table as the migration's SQL lists it (``ONLY`` left to the
    class, which adds it)."""
    from pgshift.diff.kinds.publication import table_sql

    args = [repr(p.name)]
    if p.tables:
        args.append(f"tables={tuple(table_sql(t).removeprefix('ONLY ') for t in p.tables)!r}")
    if p.schemas:
        args.append(f"schemas={p.schemas!r}")
    if p.all_tables:
        args.append("all_tables=True")
    if p.publish != m.PUBLISH_ALL:
        args.append(f"publish={p.publish!r}")
    if p.via_root:
        args.append("via_partition_root=True")
    if p.generated_columns:
        args.append("generated_columns=True")
    return f"objects.Publication({', '.join(args)}{_comment_arg(p.comment)})"


def _sql_name(schema: str, name: str) -> str:
    """``pg_catalog.english_stem`` as SQL names it (each part quoted only where it must be)."""
    return f"{unqualified_type_name(schema)}.{unqualified_type_name(name)}"


def _ts_dictionary(d: m.TextSearchDictionary) -> str:
    args = [repr(d.schema), repr(d.name), repr(_sql_name(d.template_schema, d.template))]
    if d.options:
        args.append(f"options={dict(d.options)!r}")
    return f"objects.TextSearchDictionary({', '.join(args)}{_comment_arg(d.comment)})"


def _ts_configuration(c: m.TextSearchConfiguration) -> str:
    """Its parser and its mappings, token types sharing their dictionaries on one line (a configuration
    made with ``COPY`` holds its copied mappings: they are written out)."""
    from pgshift.diff.kinds.text_search import mapping_groups

    args = [repr(c.schema), repr(c.name), f"parser={_sql_name(c.parser_schema, c.parser)!r}"]
    if c.mappings:
        groups = [
            f"{', '.join(unqualified_type_name(t) for t in tokens)!r}: "
            f"{', '.join(_sql_name(s, n) for s, n in dictionaries)!r}"
            for tokens, dictionaries in mapping_groups(c.mappings)
        ]
        args.append("mappings={" + "".join(f"\n        {g}," for g in groups) + "\n    }")
    return f"objects.TextSearchConfiguration({', '.join(args)}{_comment_arg(c.comment)})"


def _comments(model: m.Model) -> list[str]:
    """``objects.Comment`` for the comments neither SQLAlchemy nor a declaration class carries: on
    schemas, enums and sequences (SQLAlchemy's ``Enum`` and ``Sequence`` take no ``comment=``), and on routines,
    triggers and rules written whole as ``objects.SQL``."""
    out = [
        f"objects.Comment({'SCHEMA ' + quote_ident(name)!r}, {comment!r})"
        for name, comment in model.schema_comments
    ]
    for e in model.enums:
        if e.comment is not None:
            target = f"TYPE {quote_ident(e.schema)}.{quote_ident(e.name)}"
            out.append(f"objects.Comment({target!r}, {e.comment!r})")
    for s in model.sequences:
        if s.comment is not None:
            target = f"SEQUENCE {quote_ident(s.schema)}.{quote_ident(s.name)}"
            out.append(f"objects.Comment({target!r}, {s.comment!r})")
    for f in model.functions:
        if f.comment is not None and _split_routine(f) is None:
            target = (
                f"{f.kind.value.upper()} {quote_ident(f.schema)}.{quote_ident(f.name)}({f.identity_args})"
            )
            out.append(f"objects.Comment({target!r}, {f.comment!r})")
    for t in model.triggers:
        if t.comment is not None and _trigger_args(t) is None:
            target = f"TRIGGER {quote_ident(t.name)} ON {_table_ref(t.schema, t.table)}"
            out.append(f"objects.Comment({target!r}, {t.comment!r})")
    for v in model.views:  # an index's comment: its CREATE INDEX has no room for one
        out += [
            f"objects.Comment({f'INDEX {_table_ref(v.schema, i.name)}'!r}, {i.comment!r})"
            for i in v.indexes
            if i.comment is not None
        ]
    for r in model.rules:
        if r.comment is not None and _rule_body(r) is None:
            target = f"RULE {quote_ident(r.name)} ON {_table_ref(r.schema, r.table)}"
            out.append(f"objects.Comment({target!r}, {r.comment!r})")
    return out


def has_objects(model: m.Model) -> bool:
    """Whether the code needs ``objects.register``: declared kinds, or comments only a declaration sets."""
    commented = any(e.comment for e in model.enums) or any(s.comment for s in model.sequences)
    commented = commented or bool(model.schema_comments)
    declared = model.functions or model.views or model.triggers or model.rules or model.event_triggers
    text_search = model.ts_dictionaries or model.ts_configurations
    return bool(
        declared
        or model.defined
        or model.statistics
        or model.publications
        or text_search
        or model.casts
        or model.operators
        or commented
    )


_COMMENT_KEYWORD = {
    m.ObjectKind.EXTENSION: "EXTENSION",
    m.ObjectKind.COLLATION: "COLLATION",
    m.ObjectKind.DOMAIN: "DOMAIN",
    m.ObjectKind.RANGE: "TYPE",
    m.ObjectKind.COMPOSITE: "TYPE",
}


def _defined(o: m.DefinedObject) -> list[str]:
    if o.kind is m.ObjectKind.EXTENSION:
        out = [f"objects.Extension({o.name!r}, schema={o.schema!r})"]
        target = f"EXTENSION {quote_ident(o.name)}"
    else:
        out = [f"objects.SQL({_text(o.definition)})"]
        target = f"{_COMMENT_KEYWORD[o.kind]} {quote_ident(o.schema)}.{quote_ident(o.name)}"
    if o.comment is not None:
        out.append(f"objects.Comment({target!r}, {o.comment!r})")
    out += [f"objects.Comment({part!r}, {text!r})" for part, text in o.part_comments]
    return out


def _grant(g: m.Grant) -> str:
    name = g.schema if g.on == "schema" else g.name
    args = [repr(g.on), repr(g.schema), repr(name), repr(g.grantee), repr(g.privileges)]
    if g.column is not None:
        args.append(f"columns=({g.column!r},)")
    if g.revoked:
        args.append("revoke=True")
    if g.grantable:
        if g.grantable != g.privileges:  # part with, part without: two declarations say it
            without = tuple(p for p in g.privileges if p not in g.grantable)
            args[4] = repr(without)
            rest = [*args[:4], repr(g.grantable), *args[5:], "with_grant_option=True"]
            return f"objects.Grant({', '.join(args)}),\n    objects.Grant({', '.join(rest)})"
        args.append("with_grant_option=True")
    return f"objects.Grant({', '.join(args)})"


def _default_privileges(d: m.DefaultPrivilege) -> str:
    args = [repr(d.on), repr(d.grantee), repr(d.privileges)]
    if d.schema is not None:
        args.append(f"schema={d.schema!r}")
    if d.role is not None:
        args.append(f"for_role={d.role!r}")
    if d.revoked:
        args.append("revoke=True")
    if d.grantable:
        if d.grantable != d.privileges:
            without = tuple(p for p in d.privileges if p not in d.grantable)
            rest = [*args[:2], repr(d.grantable), *args[3:], "with_grant_option=True"]
            args[2] = repr(without)
            return f"objects.DefaultPrivileges({', '.join(args)}),\n    objects.DefaultPrivileges({', '.join(rest)})"
        args.append("with_grant_option=True")
    return f"objects.DefaultPrivileges({', '.join(args)})"


def privileges_block(model: m.Model, holder: str) -> list[str]:
    """``objects.register(<holder>, [...])`` for the model's grants and default privileges (empty when
    none). Declaring them makes pgshift manage them (pgshift.api.managed.OPT_IN)."""
    items = [_grant(g) for g in model.grants] + [_default_privileges(d) for d in model.default_privileges]
    if not items:
        return []
    lines = [
        "",
        "",
        "# Privileges (roles are not created by pgshift): declared here, so pgshift manages them.",
    ]
    lines.append(f"objects.register({holder}, [")
    lines += [f"    {item}," for item in items]
    lines.append("])")
    return lines


def _options_arg(options: m.Options) -> str:
    return f", options={dict(options)!r}" if options else ""


def _wrapper(w: m.ForeignDataWrapper) -> str:
    args = [repr(w.name)]
    if w.handler is not None:
        args.append(f"handler={_function_ref(w.handler)!r}")
    if w.validator is not None:
        args.append(f"validator={_function_ref(w.validator)!r}")
    return f"objects.ForeignDataWrapper({', '.join(args)}{_options_arg(w.options)}{_comment_arg(w.comment)})"


def _function_ref(name: str) -> str:
    schema, _, bare = name.rpartition(".")
    return _table_ref(schema, bare) if schema else quote_ident(bare)


def _server(s: m.ForeignServer) -> str:
    args = [repr(s.name), repr(s.wrapper)]
    if s.type is not None:
        args.append(f"type={s.type!r}")
    if s.version is not None:
        args.append(f"version={s.version!r}")
    return f"objects.ForeignServer({', '.join(args)}{_options_arg(s.options)}{_comment_arg(s.comment)})"


def foreign_block(model: m.Model, holder: str) -> list[str]:
    """``objects.register(<holder>, [...])`` for the model's foreign-data wrappers (made by hand) and
    servers (empty when none). Declaring them makes pgshift manage them (pgshift.api.managed.OPT_IN).
    Options named like credentials are never in the model, so never written here."""
    items = [_wrapper(w) for w in model.foreign_data_wrappers] + [_server(s) for s in model.foreign_servers]
    if not items:
        return []
    lines = [
        "",
        "",
        "# Foreign-data wrappers and servers: declared here, so pgshift manages them. Passwords and other",
        "# credential options, and user mappings, are never written by pgshift: set them on the server.",
    ]
    lines.append(f"objects.register({holder}, [")
    lines += [f"    {item}," for item in items]
    lines.append("])")
    return lines


def objects_block(model: m.Model, holder: str) -> list[str]:
    """``objects.register(<holder>, [...])`` for the model's foreign-data wrappers and servers, its
    declarable objects, then its privileges (empty when none)."""
    foreign = foreign_block(model, holder)
    if not has_objects(model):
        return foreign + privileges_block(model, holder)
    from pgshift.diff.kinds.view import dependency_order

    declared = {t.schema for t in model.tables} | {e.schema for e in model.enums}
    declared |= {s.schema for s in model.sequences} | {"public"}
    used = {f.schema for f in model.functions} | {v.schema for v in model.views}
    used |= {o.schema for o in model.defined} | {o.schema for o in model.operators}
    used |= {d.schema for d in model.ts_dictionaries} | {c.schema for c in model.ts_configurations}
    items = [
        f"objects.SQL({f'CREATE SCHEMA IF NOT EXISTS {quote_ident(s)}'!r})" for s in sorted(used - declared)
    ]
    items += [line for o in model.defined for line in _defined(o)]
    items += [_ts_dictionary(d) for d in model.ts_dictionaries]
    items += [_ts_configuration(c) for c in model.ts_configurations]
    routines = sorted(model.functions, key=lambda f: (f.kind is m.RoutineKind.AGGREGATE, f.key))
    items += [_function(f) for f in routines]
    items += [_cast(c) for c in model.casts] + [_operator(o) for o in model.operators]
    views = {v.key: v for v in model.views}
    items += [_view(views[k]) for k in dependency_order(model.views)]
    items += [_trigger(t) for t in model.triggers]
    items += [_rule(r) for r in model.rules]
    items += [_event_trigger(e) for e in model.event_triggers]
    items += [line for s in model.statistics for line in _statistics(s)]
    items += [_publication(p) for p in model.publications]
    items += _comments(model)
    lines = [
        "",
        "",
        "# Types, functions, views, triggers, rules and event triggers: pgshift reads them back through a "
        "scratch database.",
    ]
    lines.append(f"objects.register({holder}, [")
    lines += [f"    {item}," for item in items]
    lines.append("])")
    return foreign + lines + privileges_block(model, holder)
