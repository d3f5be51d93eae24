"""Issue 11 (C): every rewrite pgshift's normaliser makes keeps an expression's meaning.

Random expressions over numeric, text, interval and date literals (with and without casts), IN lists,
BETWEEN, operators and functions are evaluated on the server as written and as normalised: the value
and the type (``pg_typeof``) must be the same every time. An expression the server rejects as written
is skipped; one it rejects only after normalisation is a failure. Expressions over columns of every
type a cast may be taken off (varchar, text) or must stay on (char(n), name, integer, numeric) are
rewritten as a table's CHECK is (``canonical_table``) and evaluated over rows of such a table.
"""

from __future__ import annotations

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pgshift.model.types import SqlType, canonical_default, normalize_expression

_ints = st.integers(min_value=-20, max_value=20).map(str)
_decimals = st.decimals(min_value=-20, max_value=20, places=2, allow_nan=False).map(str)
_numeric_lit = st.one_of(
    _ints,
    _decimals,
    _ints.map(lambda v: f"{v}::numeric"),
    _ints.map(lambda v: f"({v})::numeric"),
    _ints.map(lambda v: f"'{v}'::integer"),
    _decimals.map(lambda v: f"{v}::numeric"),
    _ints.map(lambda v: f"{v}::bigint"),
    _ints.map(lambda v: f"{v}::real"),
)
_text_lit = st.sampled_from(["'a'", "'b '", "'x'::text", "'y'::varchar", "'z'::character varying", "''"])
_date_lit = st.sampled_from(["'2024-02-29'::date", "date '2025-01-01'", "current_date"])
_interval_lit = st.sampled_from(["'1 day'::interval", "interval '2 hours'", "'3 mons'::interval"])


def _numeric_expr() -> st.SearchStrategy[str]:
    return st.recursive(
        _numeric_lit,
        lambda inner: st.one_of(
            st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "%"]), inner).map(
                lambda t: f"({t[0]} {t[1]} {t[2]})"
            ),
            inner.map(lambda e: f"abs({e})"),
            inner.map(lambda e: f"round({e}::numeric, 1)"),
            inner.map(lambda e: f"-({e})"),
        ),
        max_leaves=4,
    )


_num = _numeric_expr()
_boolean = st.one_of(
    st.tuples(_num, st.sampled_from(["=", "<>", "<", ">", "<=", ">="]), _num).map(
        lambda t: f"{t[0]} {t[1]} {t[2]}"
    ),
    st.tuples(_num, _num, _num).map(lambda t: f"{t[0]} BETWEEN {t[1]} AND {t[2]}"),
    st.tuples(_num, _num, _num).map(lambda t: f"{t[0]} NOT BETWEEN {t[1]} AND {t[2]}"),
    st.tuples(_num, st.lists(_numeric_lit, min_size=1, max_size=4)).map(
        lambda t: f"{t[0]} IN ({', '.join(t[1])})"
    ),
    st.tuples(_text_lit, st.lists(_text_lit, min_size=1, max_size=4)).map(
        lambda t: f"{t[0]} IN ({', '.join(t[1])})"
    ),
    st.tuples(_text_lit, st.lists(_text_lit, min_size=1, max_size=3)).map(
        lambda t: f"{t[0]} NOT IN ({', '.join(t[1])})"
    ),
    st.tuples(_text_lit, st.lists(_text_lit, min_size=1, max_size=3)).map(
        lambda t: f"{t[0]} = ANY (ARRAY[{', '.join(t[1])}]::text[])"
    ),
    st.tuples(_text_lit, _text_lit).map(lambda t: f"{t[0]} || {t[1]} <> ''"),
)
_any_expr = st.one_of(
    _num,
    _boolean,
    st.tuples(_date_lit, _interval_lit).map(lambda t: f"{t[0]} + {t[1]}"),
    st.tuples(_date_lit, _ints).map(lambda t: f"{t[0]} + {t[1]}"),
    st.tuples(_interval_lit, _num).map(lambda t: f"{t[0]} * ({t[1]})"),
    st.tuples(_text_lit, _text_lit).map(lambda t: f"upper({t[0]}) || {t[1]}"),
    _text_lit,
)


def _evaluate(conn: psycopg.Connection, expression: str) -> tuple[str | None, str] | None:
    try:
        with conn.transaction():
            # As a query's output column, as a stored default or CHECK uses it: an untyped literal
            # is resolved there (to text), as Postgres does for every output column.
            row = conn.execute(
                f"SELECT v::text, pg_typeof(v)::text FROM (SELECT ({expression}) AS v) AS s"
            ).fetchone()
    except psycopg.Error:
        return None
    assert row is not None
    return row[0], row[1]


@pytest.fixture(scope="module")
def conn(server_url: str):  # type: ignore[no-untyped-def]
    with psycopg.connect(server_url, autocommit=True) as connection:
        yield connection


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(expression=_any_expr)
def test_normalised_expression_has_the_same_value_and_type(conn, expression: str) -> None:  # type: ignore[no-untyped-def]
    before = _evaluate(conn, expression)
    if before is None:
        return  # the server rejects it as written: nothing to preserve
    normalised = normalize_expression(expression)
    after = _evaluate(conn, normalised)
    assert after == before, f"{expression!r} -> {normalised!r}"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    expression=_num, column_type=st.sampled_from(["numeric", "numeric(12, 2)", "integer", "bigint", "real"])
)
def test_canonical_default_assigns_the_same_value(conn, expression: str, column_type: str) -> None:  # type: ignore[no-untyped-def]
    """A default is assigned to its column: the value stored must be the same."""
    before = _evaluate(conn, f"({expression})::{column_type}")
    if before is None:
        return
    canonical = canonical_default(expression, SqlType.parse(column_type))
    assert _evaluate(conn, f"({canonical})::{column_type}") == before, f"{expression!r} -> {canonical!r}"


# Regressions of issue 11, defects 1 and 2: the exact cases, normalised the same from both sides.
@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("1::numeric / 4", "((1)::numeric / (4)::numeric)"),
        ("1::numeric / 2 > 0", "((((1)::numeric / (2)::numeric) > (0)::numeric))"),
        ("ratio > 1::numeric / 8", "(ratio > ((1)::numeric / (8)::numeric))"),
        (
            "status IN ('new', 'active', 'closed')",
            "((status)::text = ANY ((ARRAY['new'::character varying, 'active'::character varying, "
            "'closed'::character varying])::text[]))",
        ),
        ("score BETWEEN 0 AND 100", "(((score >= 0) AND (score <= 100)))"),
    ],
)
def test_written_and_stored_spellings_agree(written: str, stored: str) -> None:
    """(``status`` is a varchar column: the table's normalisation takes its ``::text`` out.)"""
    from pgshift.model.types import strip_column_text_casts

    varchar = frozenset({"status"})
    assert strip_column_text_casts(normalize_expression(written), varchar) == strip_column_text_casts(
        normalize_expression(stored), varchar
    )
    assert "::numeric" not in normalize_expression(written) or "numeric" in written


def test_casts_that_change_meaning_are_kept() -> None:
    assert normalize_expression("1::numeric / 4") != normalize_expression("1 / 4")
    assert normalize_expression("1::numeric / 2 > 0") != normalize_expression("(1 / 2) > 0")


def test_negative_default_on_numeric_column_is_one_spelling() -> None:
    spellings = {
        canonical_default(d, SqlType.parse("numeric(12, 2)"))
        for d in ("-1", "'-1'", "'-1'::numeric", "'-1'::integer")
    }
    assert len(spellings) == 1


# Column references: the table's normalisation (``model.schema._without_coercions``) takes ``::text`` /
# ``::varchar`` off its varchar and text columns only. Evaluated over rows of every column type concerned
# (trailing blanks in char(n), a ``name``, NULLs), the rewritten expression must give the same values.
_COLUMNS = "id int, i int, n numeric, v varchar(10), tx text, nm name, c char(4)"
_ROWS = [
    "(1, 1, 1.5, 'ab', 'ab', 'ab', 'ab')",
    "(2, -3, 0, 'Ab ', 'x y', 'Zed', 'a ')",
    "(3, NULL, NULL, NULL, NULL, NULL, NULL)",
    "(4, 10, 2.25, '10', '1%', '10', '10')",
]
_column_ref = st.sampled_from(["i", "n", "v", "tx", "nm", "c"])
_cast = st.sampled_from(["", "::text", "::varchar", "::character varying", "::varchar(2)"])
_col_value = st.tuples(_column_ref, _cast).map(lambda t: f"{t[0]}{t[1]}" if not t[1] else f"({t[0]}){t[1]}")
_col_text_value = st.one_of(
    _col_value,
    _col_value.map(lambda e: f"upper({e})"),
    _col_value.map(lambda e: f"coalesce({e}, '?')"),
    st.tuples(_col_value, _col_value).map(lambda t: f"{t[0]} || {t[1]}"),
    _col_value.map(lambda e: f"length({e})"),
)
_col_boolean = st.one_of(
    st.tuples(_col_text_value, st.sampled_from(["=", "<>", "<", ">="]), _text_lit).map(
        lambda t: f"{t[0]} {t[1]} {t[2]}"
    ),
    st.tuples(_col_text_value, _col_text_value).map(lambda t: f"{t[0]} = {t[1]}"),
    st.tuples(_col_value, st.sampled_from(["'a%'", "'1%'", "'%b'", "'A_'"])).map(
        lambda t: f"{t[0]} LIKE {t[1]}"
    ),
    st.tuples(_col_value, st.lists(_text_lit, min_size=1, max_size=3)).map(
        lambda t: f"{t[0]} IN ({', '.join(t[1])})"
    ),
    _col_value.map(lambda e: f"{e} IS NOT NULL"),
)


@pytest.fixture(scope="module")
def rows_table(conn):  # type: ignore[no-untyped-def]
    conn.execute(f"CREATE TEMPORARY TABLE expr_rows ({_COLUMNS})")
    conn.execute(f"INSERT INTO expr_rows VALUES {', '.join(_ROWS)}")
    yield "expr_rows"
    conn.execute("DROP TABLE expr_rows")


def _over_rows(conn: psycopg.Connection, expression: str) -> list[tuple[str | None, ...]] | None:
    shown = f"({expression})::text, pg_typeof({expression})::text"
    try:
        with conn.transaction():
            return conn.execute(f"SELECT {shown} FROM expr_rows ORDER BY id").fetchall()
    except psycopg.Error:
        return None


def _as_table_normalises(expression: str) -> str:
    """``expression`` as a CHECK of a table with expr_rows' columns comes out of ``canonical_table``."""
    from pgshift.model.schema import CheckConstraint, Column, Table, canonical_table

    columns = tuple(
        Column(name, SqlType.parse(type_))
        for name, type_ in (part.strip().split(" ", 1) for part in _COLUMNS.split(","))
    )
    table = Table(
        "public",
        "expr_rows",
        columns,
        check_constraints=(CheckConstraint("c", normalize_expression(expression)),),
    )
    return canonical_table(table).check_constraints[0].expression


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(expression=st.one_of(_col_boolean, _col_text_value))
def test_column_casts_taken_out_keep_every_row_s_value(conn, rows_table, expression: str) -> None:  # type: ignore[no-untyped-def]
    """Booleans (CHECKs, predicates, policies) keep value and type; other values (generated columns,
    index keys, both assigned or compared as the column's type) keep their value."""
    before = _over_rows(conn, expression)
    if before is None:
        return
    normalised = _as_table_normalises(expression)
    after = _over_rows(conn, normalised)
    assert after is not None, f"{expression!r} -> {normalised!r} is refused"
    if before[0][1] != "boolean":
        before, after = [r[:1] for r in before], [r[:1] for r in after]
    assert after == before, f"{expression!r} -> {normalised!r}"
