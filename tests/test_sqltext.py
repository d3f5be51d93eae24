"""Statement splitting through libpg_query, with positions in the whole file."""

import pytest

from pgshift.pg.parser import SqlSyntaxError, parse_migration, parse_statements


def test_dollar_quotes_and_strings_do_not_split():
    sql = "select ';'; do $$ begin perform 1; end $$; create table t (x int);"
    kinds = [s.kind for s in parse_statements(sql)]
    assert kinds == ["select_stmt", "do_stmt", "create_stmt"]


def test_positions_across_breakpoints():
    sql = (
        "-- header\nCREATE TABLE a (x int);--> statement-breakpoint\n\nCREATE INDEX CONCURRENTLY i ON a (x);"
    )
    first, second = parse_migration(sql)
    assert (first.line, first.column, first.kind) == (2, 1, "create_stmt")
    assert (second.line, second.kind) == (4, "index_stmt")
    assert second.node.concurrent is True


def test_syntax_error_located_in_whole_file():
    sql = "create table a (x int);--> statement-breakpoint\nselect 1;\ncreate tabl x (y int);"
    with pytest.raises(SqlSyntaxError) as info:
        parse_migration(sql)
    assert (info.value.line, info.value.column) == (3, 8)
    assert "tabl" in info.value.message


def test_non_ascii_keeps_positions():
    sql = "select 'ééé';\nselect 2;"
    assert [s.line for s in parse_statements(sql)] == [1, 2]
    assert parse_statements(sql)[1].text == "select 2"


# --- one splitter; node kinds from the binding's constants (issue 8, item 4) -----------------------

import ast  # noqa: E402
from pathlib import Path  # noqa: E402

import postgast  # noqa: E402

from pgshift.lint.engine import lint_text  # noqa: E402
from pgshift.pg import parser  # noqa: E402

SRC = Path(parser.__file__).resolve().parents[1]
BREAK = "--> statement-breakpoint"


def _chunkwise(sql: str) -> list[tuple[str, int, int, int, str]]:
    """The reference: each breakpoint chunk parsed on its own (what drizzle-orm sends)."""
    out, offset = [], 0
    for chunk in sql.split(BREAK):
        for s in parser.parse_statements(chunk, base_offset=offset, full_text=sql):
            out.append((s.text, s.offset, s.line, s.column, s.kind))
        offset += len(chunk) + len(BREAK)
    return out


@pytest.mark.parametrize(
    "sql",
    [
        f"CREATE TABLE a (x int);{BREAK}\n  CREATE INDEX i ON a (x);\n{BREAK}\nDROP TABLE b;",
        f"-- c\nselect ';';{BREAK}\ndo $$ begin perform 1; end $$;{BREAK}select 2",
        f"CREATE TABLE é (x text default 'ü');{BREAK}\nALTER TABLE é ADD y int;",  # non-ASCII
        f"CREATE TABLE a (x int{BREAK}\n);",  # a statement across a marker
    ],
)
def test_whole_file_parse_matches_chunk_by_chunk(sql):
    if "int" + BREAK in sql:  # drizzle-orm would send two broken halves: so must the parse
        with pytest.raises(SqlSyntaxError):
            parser.parse_migration(sql)
        return
    got = [(s.text, s.offset, s.line, s.column, s.kind) for s in parser.parse_migration(sql)]
    assert got == _chunkwise(sql)


def test_linter_uses_the_parser_splitter(monkeypatch):
    calls = []
    real = parser.parse_migration

    def spy(sql, breakpoints=True, *, plain=False):
        calls.append(sql)
        return real(sql, breakpoints, plain=plain)

    monkeypatch.setattr("pgshift.lint.engine.parse_migration", spy)
    sql = f"CREATE INDEX i ON a (x);{BREAK}\nDROP TABLE a;"
    findings = lint_text(sql, path="x.sql")
    assert calls == [sql]
    assert {f.rule for f in findings} >= {"index-not-concurrent", "drop-table"}


def test_deparse_type_builds_nodes_without_parsing_sample_sql(monkeypatch):
    type_name = parser.parse_expression("NULL::numeric(10, 2)[]").type_cast.type_name

    def refuse(*args, **kwargs):
        raise AssertionError("parsed SQL to build a node")

    monkeypatch.setattr(postgast, "parse", refuse)
    parser._deparse_type.cache_clear()
    assert parser.deparse_type(type_name) == "numeric(10, 2)[]"
    varchar = parser.nodes.TypeName(
        names=[parser.nodes.Node(string=parser.nodes.String(sval=n)) for n in ("pg_catalog", "varchar")],
        typmods=[parser.nodes.Node(a_const=parser.nodes.A_Const(ival=parser.nodes.Integer(ival=20)))],
    )
    assert parser.deparse_type(varchar) == "varchar(20)"


def test_syntax_error_survives_a_with_block():
    """A frozen exception dataclass turned into FrozenInstanceError inside a @contextmanager."""
    import contextlib

    @contextlib.contextmanager
    def block():
        yield

    with pytest.raises(SqlSyntaxError), block():
        parser.parse_statements("create tabl x (y int)")


def test_statement_after_a_marker_on_its_line_is_kept():
    """Regression: the whole-file parse read `--> statement-breakpoint select 2` as one comment."""
    sql = f"select 1;{BREAK} select 2;"
    assert [s.text for s in parser.parse_migration(sql)] == ["select 1", "select 2"]
    assert "drop-table" in {f.rule for f in lint_text(f"select 1;{BREAK} DROP TABLE a;", path="x.sql")}


def _offences(path: Path) -> list[str]:
    """Parsing literal sample SQL, or comparing a node field with a bare number."""
    tree = ast.parse(path.read_text())
    out = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("parse", "parse_statements", "parse_migration")
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            out.append(f"{path.name}:{node.lineno} parses sample SQL")
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            numbers = [
                c
                for side in sides
                for c in ([side] if not isinstance(side, ast.Tuple | ast.Set | ast.List) else side.elts)
                if isinstance(c, ast.Constant) and type(c.value) is int and c.value not in (0, 1, -1)
            ]
            if numbers and any(isinstance(s, ast.Attribute) for s in sides):
                out.append(f"{path.name}:{node.lineno} compares a node field with a number")
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Tuple | ast.Set)
            and all(isinstance(t, ast.Name) for t in node.targets)  # not unpacking: a, b = 1, 0
        ):
            ints = [e for e in node.value.elts if isinstance(e, ast.Constant) and type(e.value) is int]
            if len(ints) > 1 and len(ints) == len(node.value.elts):
                out.append(f"{path.name}:{node.lineno} a tuple of bare numbers")
    return out


def test_no_magic_node_numbers_or_sample_parses_in_lint_and_pg():
    files = [*sorted((SRC / "lint").glob("*.py")), *sorted((SRC / "pg").glob("*.py"))]
    files += [SRC / "runner" / "txmode.py"]
    offences = [o for f in files for o in _offences(f)]
    assert offences == []


def test_the_scan_catches_what_it_looks_for(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('WIDE = (3, 4, 5)\nt = postgast.parse("SELECT NULL::int")\nok = node.kind == 7\n')
    assert len(_offences(bad)) == 3


def test_lint_goes_through_the_parser_boundary():
    for path in sorted((SRC / "lint").glob("*.py")):
        assert "postgast" not in path.read_text(), path.name


@pytest.mark.parametrize(
    "sql",
    [
        "CREATE INDEX i ON t (lower(a), coalesce(b, upper(c))) WHERE d > now() AND random() < 0.5",
        "ALTER TABLE t ADD COLUMN x float DEFAULT random() + clock_timestamp()::float",
        "SELECT f(g(1), h('a')), 'b' FROM t WHERE k IN (1, 2, 'c') AND m(n) = 'd'",
    ],
)
def test_find_nodes_keeps_postgast_pre_order(sql):
    """The linter names the first volatile call of a default, so the cheaper walk must keep the order."""
    tree = postgast.parse(sql)
    assert len(list(postgast.find_nodes(tree, parser.nodes.FuncCall))) > 1  # an order to keep
    for cls in (parser.nodes.FuncCall, parser.nodes.A_Const, parser.nodes.ColumnRef):
        expected = [n.SerializeToString() for n in postgast.find_nodes(tree, cls)]
        assert [n.SerializeToString() for n in parser.find_nodes(tree, cls)] == expected
