"""Type and expression normalisation: every spelling of one type is one canonical string."""

import pytest

from pgshift.model.types import normalize_expression, normalize_type, parse_type, quote_ident, type_sql

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
    assert (parsed.base, parsed.dimensions, parsed.builtin) == ("MyEnum", 1, False)
    assert parse_type("auth.role").schema == "auth"
    assert parse_type("public.role").schema is None


def test_type_sql_quotes_user_types_only():
    assert type_sql("MyEnum[]", "public") == '"public"."MyEnum"[]'
    assert type_sql("role", "auth") == '"auth"."role"'
    assert type_sql("vector(1536)", None) == "vector(1536)"
    assert type_sql("timestamp (3) with time zone", None) == "timestamp (3) with time zone"


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
    assert normalize_expression(stored) == normalize_expression(written)


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


def test_volatile_functions_are_volatile_on_the_server(db):
    """The one list of volatile functions agrees with pg_proc wherever the server has the function."""
    from pgshift.pg.functions import VOLATILE_FUNCTIONS

    rows = db.execute(
        "SELECT proname, provolatile FROM pg_proc WHERE proname = ANY(%s)", (sorted(VOLATILE_FUNCTIONS),)
    ).fetchall()
    assert rows, "the server knows none of the listed functions"
    assert {name: kind for name, kind in rows if kind != "v"} == {}
