"""Type and expression normalisation: every spelling of one type is one canonical string."""

import pytest

from pgshift.model.types import SqlType, normalize_expression, normalize_type, parse_type, quote_ident

SAME = [
    ("INTEGER", "integer"),
    ("int4", "integer"),
    ("int", "integer"),
    ("SMALLINT", "smallint"),
    ("int8", "bigint"),
    ("SERIAL", "serial"),
    ("serial8", "bigserial"),
    ("VARCHAR(255)", "varchar(255)"),
    ("character varying(255)", "varchar(255)"),
    ("character varying", "varchar"),
    ("CHAR(3)", "char(3)"),
    ("character(1)", "char(1)"),
    ("bpchar(2)", "char(2)"),
    ("NUMERIC(10,2)", "numeric(10, 2)"),
    ("decimal(5)", "numeric(5)"),
    ("FLOAT", "double precision"),
    ("float8", "double precision"),
    ("float(10)", "real"),
    ("REAL", "real"),
    ("BOOLEAN", "boolean"),
    ("bool", "boolean"),
    ("TIMESTAMP WITHOUT TIME ZONE", "timestamp"),
    ("timestamp(3) with time zone", "timestamp (3) with time zone"),
    ("timestamptz", "timestamp with time zone"),
    ("time(0) without time zone", "time (0)"),
    ("timetz", "time with time zone"),
    ("interval day to second(3)", "interval day to second (3)"),
    ("INTERVAL", "interval"),
    ("UUID", "uuid"),
    ("JSONB", "jsonb"),
    ("BYTEA", "bytea"),
    ("INET", "inet"),
    ("cidr", "cidr"),
    ("MACADDR", "macaddr"),
    ("TEXT[]", "text[]"),
    ("INTEGER[][]", "integer[][]"),
    ("character varying(20)[]", "varchar(20)[]"),
]


@pytest.mark.parametrize(("spelling", "canonical"), SAME)
def test_normalize_type(spelling: str, canonical: str):
    assert normalize_type(spelling) == canonical
    assert normalize_type(canonical) == canonical  # idempotent


def test_user_types_keep_case_and_schema():
    parsed = parse_type('"MyEnum"[]')
    assert (parsed.base, parsed.array_dims, parsed.builtin) == ("MyEnum", 1, False)
    assert parse_type("auth.role").schema == "auth"
    assert parse_type("public.role").schema is None


def test_type_sql_quotes_user_types_only():
    assert SqlType.of("MyEnum[]", "public").sql == '"public"."MyEnum"[]'
    assert SqlType.of("role", "auth").sql == '"auth"."role"'
    assert SqlType.of("vector(1536)").sql == "vector(1536)"
    assert SqlType.of("timestamp (3) with time zone").sql == "timestamp (3) with time zone"


@pytest.mark.parametrize(("spelling", "canonical"), SAME)
def test_sql_type_is_parsed_once_and_spells_back(spelling: str, canonical: str):
    parsed = SqlType.parse(spelling)
    assert parsed.spelling == canonical
    assert SqlType.of(canonical) == parsed  # the model's text form splits back into the same value
    assert parsed.builtin


@pytest.mark.parametrize(
    ("spelling", "name", "modifiers"),
    [
        ("varchar(255)", "varchar", "255"),
        ("numeric(10, 2)[]", "numeric", "10, 2"),
        ("timestamp (3) with time zone", "timestamp with time zone", "3"),
        ("interval day to second (3)", "interval day to second", "3"),
        ("bit varying(8)", "bit varying", "8"),
        ("text", "text", ""),
    ],
)
def test_sql_type_name_and_modifiers(spelling: str, name: str, modifiers: str):
    assert (SqlType.of(spelling).name, SqlType.of(spelling).modifiers) == (name, modifiers)


def test_sql_type_equality_includes_schema_and_depth():
    assert SqlType.of("role", "public") != SqlType.of("role", "auth")
    assert SqlType.of("role[]", "public") != SqlType.of("role", "public")
    assert not SqlType.of("role", "public").builtin
    assert SqlType("serial").without_serial() == SqlType("integer")
    assert SqlType("bigint").as_serial() == SqlType("bigserial")
    assert SqlType("bigint", 1).as_serial() is None


def test_invalid_type_is_rejected():
    with pytest.raises(ValueError, match="not a valid Postgres type"):
        parse_type("integer; drop table x")


@pytest.mark.parametrize(
    ("a", "b"),
    [("now( )", "now()"), ("((a > 1))", "a > 1"), ("LOWER( email )", "lower(email)"), ("TRUE", "true")],
)
def test_normalize_expression_ignores_spelling(a: str, b: str):
    assert normalize_expression(a) == normalize_expression(b)


def test_quote_ident_escapes_quotes():
    assert quote_ident('we"ird') == '"we""ird"'


@pytest.mark.parametrize(
    ("stored", "written"),
    [
        ("email::text <> ''::text", "email <> ''"),  # what Postgres stores for a varchar column's CHECK
        ("(t <> 'a'::text) AND (length(t) > 2)", "t <> 'a' AND length(t) > 2"),
        ("p > 0::numeric", "p > 0"),
        ("lower((email)::text)", "lower(email)"),
    ],
)
def test_casts_postgres_adds_are_dropped(stored: str, written: str):
    """A cast on a column goes only knowing the column is varchar or text (``email`` here): the table's
    normalisation (``model/schema.canonical_table``) says which columns those are."""
    from pgshift.model.types import strip_column_text_casts

    varchar = frozenset({"email", "t"})
    assert strip_column_text_casts(normalize_expression(stored), varchar) == strip_column_text_casts(
        normalize_expression(written), varchar
    )


@pytest.mark.parametrize("stored", ["(id)::text ~~ '1%'::text", "(ci)::text = 'Foo'::text", "(n)::varchar"])
def test_casts_on_columns_of_other_types_are_kept(stored: str):
    """On an integer, citext or ``name`` column the cast is the author's: without it the comparison is
    another one (case-insensitive for citext) or none at all (integer LIKE)."""
    from pgshift.model.types import strip_column_text_casts

    assert "::" in strip_column_text_casts(normalize_expression(stored), frozenset({"email"}))


@pytest.mark.parametrize(
    "kept", ["'{}'::jsonb", "now() - '1 day'::interval", "x::varchar(5)", "(a)::integer"]
)
def test_meaningful_casts_are_kept(kept: str):
    assert "::" in normalize_expression(kept)


def test_one_view_normaliser_for_snapshot_and_catalog() -> None:
    """drizzle-kit's spelling (quoted, table-qualified) and pg_get_viewdef's meet in one spelling."""
    from pgshift.model.types import normalize_view_definition

    drizzle = 'select "id", "email" from "users" where "users"."active" = true'
    catalog = " SELECT users.id,\n    users.email\n   FROM users\n  WHERE users.active = true;"
    assert normalize_view_definition(drizzle) == normalize_view_definition(catalog)
    assert normalize_view_definition("not sql at all;") == "not sql at all"


VIEWS = [
    " SELECT users.id,\n    users.email\n   FROM users\n  WHERE users.active = true;",
    'select "u"."id" from "users" "u" join orders o on o.uid = u.id',
    "SELECT ';' AS semi, 'é' AS accent FROM t WHERE t.a > 1",
    "SELECT a FROM t -- a trailing comment",
    "SELECT 1 /* inside */ + 2",
    "",
    "not sql at all;",
    "SELECT 1; SELECT 2",
    "WITH x AS (SELECT t.a FROM t) SELECT x.a FROM x",
]


@pytest.mark.parametrize("drop", [None, *range(len(VIEWS))])
def test_view_definitions_normalised_together_as_one_by_one(drop: int | None) -> None:
    """Introspection normalises every view in one parser call: the same text as one at a time, also when
    a text cannot be part of a joined parse (a syntax error, two statements, none, a trailing comment)."""
    from pgshift.model.types import normalize_view_definition, normalize_view_definitions

    texts = [v for i, v in enumerate(VIEWS) if i != drop]
    assert normalize_view_definitions(texts) == [normalize_view_definition(t) for t in texts]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SELECT t.a, t.b FROM t WHERE t.c > 1", ("t", 3)),
        ("SELECT x.a FROM t x", ("t", 1)),
        # a relation anywhere counts, not only in the top FROM: a sub-select in the target list or WHERE
        ("SELECT t.a, (SELECT max(u.b) FROM u) FROM t", None),
        ("SELECT t.a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.id = t.id)", None),
        ("SELECT t.a FROM t UNION ALL SELECT t.a FROM t", None),  # the same table twice: two relations
        ("SELECT t.a FROM t JOIN u ON u.id = t.id", None),
        ("SELECT 1", None),
    ],
)
def test_only_relation_finds_the_one_relation_or_says_none(text: str, expected: tuple[str, int] | None) -> None:
    """View normalisation drops qualifiers only over a single relation; the walk that stops at a second
    one must still see relations outside FROM clauses."""
    import postgast

    from pgshift.pg.parser import only_relation

    found = only_relation(postgast.parse(text))
    assert (None if found is None else (found[0].relname, len(found[1]))) == expected


def test_parse_each_joins_only_what_parses_alone() -> None:
    from pgshift.pg.parser import collect_nodes, deparse, nodes, parse_each

    trees = parse_each(["SELECT a FROM t", "SELECT b FROM u JOIN v ON true"])
    assert [deparse(t) for t in trees] == ["SELECT a FROM t", "SELECT b FROM u JOIN v ON true"]
    found = collect_nodes(trees[1], (nodes.RangeVar, nodes.ColumnRef))
    assert sorted(r.relname for r in found[nodes.RangeVar]) == ["u", "v"]
    assert [len(found[nodes.ColumnRef])] == [1]
    assert parse_each(["SELECT (", "SELECT 1"])[0] is None  # alone, each as it parses
    assert len(parse_each(["SELECT 1; SELECT 2", "SELECT 3"])[0].stmts) == 2


def test_volatile_functions_are_volatile_on_the_server(db):
    """The one list of volatile functions agrees with pg_proc wherever the server has the function."""
    from pgshift.pg.functions import VOLATILE_FUNCTIONS

    rows = db.execute(
        "SELECT proname, provolatile FROM pg_proc WHERE proname = ANY(%s)", (sorted(VOLATILE_FUNCTIONS),)
    ).fetchall()
    assert rows, "the server knows none of the listed functions"
    assert {name: kind for name, kind in rows if kind != "v"} == {}
