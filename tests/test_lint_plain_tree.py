"""The linter reads libpg_query's JSON tree (``parse_migration(plain=True)``), the rest of pgshift its protobuf
tree: both must give the same statements, positions, node order, transaction verdicts and type spellings, or
the linter would report differently from what ``pgshift migrate`` runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pgshift.pg.parser import (
    SqlSyntaxError,
    deparse_plain_type,
    deparse_type,
    find_nodes,
    find_plain,
    kind_of,
    nodes,
    parse_expression,
    parse_migration,
    parse_statements,
)
from pgshift.runner.txmode import non_transactional_reason

CORPUS = sorted((Path(__file__).parent / "lint").glob("*/*.sql"))
BP = "\n--> statement-breakpoint\n"

SAMPLES = [
    "",
    "-- only a comment\n",
    ";;\nSELECT 1;;",
    "SELECT 1",
    'CREATE TABLE "é" (a int);' + BP + 'ALTER TABLE "é" ADD COLUMN "ü" varchar(10);' + BP + "DROP TABLE x;",
    "ALTER TABLE t DROP COLUMN a;" + BP + "ALTER TABLE t DROP COLUMN b" + BP + ", DROP COLUMN c;",
    "ALTER TABLE t ADD COLUMN a int; --> statement-breakpoint\nALTER TABLE t DROP COLUMN b;",
    "BEGIN;\nALTER TYPE e ADD VALUE 'v';\nUPDATE t SET x = 'v' WHERE y IN (SELECT 'v');\nCOMMIT;\n"
    "INSERT INTO t VALUES ('a', coalesce('b', $$c$$), now(), random() + 1);\n",
    "CREATE INDEX CONCURRENTLY i ON t (lower(a), (a + random()::int)) WHERE upper(b) > now()::text;\n"
    "DROP INDEX CONCURRENTLY i;\nREINDEX TABLE CONCURRENTLY t;\nREINDEX SCHEMA s;\nVACUUM t;\n"
    "ALTER TABLE p DETACH PARTITION c CONCURRENTLY;\nALTER SYSTEM SET x = 1;\nCREATE DATABASE d;\n"
    "DROP DATABASE d;\nCREATE TABLESPACE ts LOCATION '/x';\nDROP TABLESPACE ts;\nALTER TYPE e ADD VALUE 'w';\n"
    "CALL p(random());\n",
    "ALTER TABLE t ADD COLUMN c timestamp DEFAULT clock_timestamp() + coalesce(now(), random()::text::timestamptz);",
]

TYPES = [
    "int",
    "integer[]",
    "varchar(20)",
    "varchar(20)[]",
    "pg_catalog.varchar",
    "numeric(10,2)",
    "interval day to second",
    "interval(3)",
    'public."Mood"',
    '"char"[][]',
    "timestamp(3) with time zone",
    "bit varying(5)",
    "double precision",
    'text COLLATE "C"',
]


def _texts() -> list[str]:
    return SAMPLES + [path.read_text() for path in CORPUS]


@pytest.mark.parametrize("breakpoints", [True, False])
def test_plain_statements_are_the_protobuf_ones(breakpoints: bool) -> None:
    for sql in [
        *_texts(),
        "ALTER TABLE t DROP COLUMN a;" + BP + "ALTER TABLE t DROP COLUMNN b;",
        'SELEC "é";',
    ]:
        for text in (sql, sql + "\n;\nSELEC 1;"):  # and with a syntax error at the end
            got = _parsed_with(text, breakpoints, plain=True)
            assert got == _parsed_with(text, breakpoints, plain=False), text


def _parsed_with(sql: str, breakpoints: bool, *, plain: bool) -> object:
    try:
        return [
            (s.text, s.offset, s.line, s.column, s.kind)
            for s in parse_migration(sql, breakpoints, plain=plain)
        ]
    except SqlSyntaxError as exc:
        return (exc.message, exc.offset, exc.line, exc.column)


def test_plain_chunk_positions_are_the_protobuf_ones() -> None:
    whole = "SELECT 'é';\nSELECT 1;\nSELECT 2;"
    chunk = whole[12:]

    def rows(plain: bool) -> list[tuple[object, ...]]:
        return [
            (s.text, s.offset, s.line, s.column)
            for s in parse_statements(chunk, base_offset=12, full_text=whole, plain=plain)
        ]

    assert rows(True) == rows(False)
    assert rows(True)[0][2:] == (2, 1)


@pytest.mark.parametrize("name", ["FuncCall", "A_Const", "ColumnRef", "TypeCast"])
def test_find_plain_finds_what_find_nodes_finds_in_the_same_order(name: str) -> None:
    """Same nodes, told apart by their positions (the linter names the first volatile call it meets).

    Only classes that appear wrapped in a Node: a field typed as the class itself (``relation``, a
    RangeVar) is not named in the plain tree."""
    node_class = getattr(nodes, name)
    for sql in _texts():
        try:
            pb, plain = parse_migration(sql), parse_migration(sql, plain=True)
        except SqlSyntaxError:
            continue
        for a, b in zip(pb, plain, strict=True):
            if a.node is None or a.kind == "call_stmt":  # CallStmt.funccall: the one field typed FuncCall
                continue
            expected = [n.location for n in find_nodes(a.node, node_class)]
            assert [n.get("location", 0) for n in find_plain(b.node, name)] == expected, a.text


def test_transaction_verdicts_are_the_same_from_both_trees() -> None:
    seen = set()
    for sql in _texts():
        try:
            pairs = zip(parse_migration(sql), parse_migration(sql, plain=True), strict=True)
        except SqlSyntaxError:
            continue
        for a, b in pairs:
            for version in (110000, 150000):
                reason = non_transactional_reason(a, version)
                assert non_transactional_reason(b, version) == reason, a.text
                seen.add(reason)
    assert len(seen) >= 9  # every reason of SAMPLES was met, not only None


@pytest.mark.parametrize("type_text", TYPES)
def test_plain_type_deparses_as_the_protobuf_type(type_text: str) -> None:
    sql = f"ALTER TABLE t ALTER COLUMN a TYPE {type_text};"
    (pb,) = parse_migration(sql)
    (plain,) = parse_migration(sql, plain=True)
    expected = deparse_type(getattr(pb.node.cmds[0].alter_table_cmd, "def").column_def.type_name)
    plain_type = plain.node["cmds"][0]["AlterTableCmd"]["def"]["ColumnDef"]["typeName"]
    assert deparse_plain_type(plain_type) == expected
    assert deparse_plain_type(plain_type) == expected  # cached: the same again


def test_plain_expression() -> None:
    expr = parse_expression("a IS NOT NULL", plain=True)
    assert expr["NullTest"]["nulltesttype"] == "IS_NOT_NULL"
    assert parse_expression("a +", plain=True) is None


def test_kind_of_names_statement_kinds() -> None:
    assert kind_of(nodes.CreateStmt) == "create_stmt"
    assert kind_of(nodes.A_Const) == "a_const"


def test_the_engine_names_only_enum_values_the_parser_has() -> None:
    """The engine compares plain-tree enums as strings: a misspelt one would silently never match."""
    source = (Path(__file__).parents[1] / "src/pgshift/lint/engine.py").read_text()
    names = set(re.findall(r'"((?:AT|CONSTR|OBJECT|TRANS_STMT|DROP|IS)_[A-Za-z_]+)"', source))
    assert len(names) > 20
    assert sorted(n for n in names if not hasattr(nodes, n)) == []


def test_new_finding_is_the_dataclass_finding() -> None:
    """``new_finding`` bypasses ``Finding.__init__``: it must name every field, in order, and give an
    equal, equally hashed, still frozen instance."""
    import dataclasses

    from pgshift.lint.finding import Finding, finding_from_row, new_finding

    row = ("r", "error", "m", "p", 1, 2, "s", "SHARE", True, "f", True, "public.t", "c", "public.i")
    built = new_finding(*row)
    assert list(vars(built)) == [f.name for f in dataclasses.fields(Finding)]
    assert built == Finding(*row) == finding_from_row(row)
    assert hash(built) == hash(Finding(*row))
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.rule = "x"  # type: ignore[misc]


def test_statements_are_dataclass_statements() -> None:
    """The parser builds statements without ``Statement.__init__``: same fields, in order, equal."""
    import dataclasses

    from pgshift.pg.parser import Statement

    (built,) = parse_migration("SELECT 1;", plain=True)
    assert list(vars(built)) == [f.name for f in dataclasses.fields(Statement)]
    assert built == Statement("SELECT 1", 0, 1, 1, "select_stmt", built.node)
