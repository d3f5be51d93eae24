"""User-defined casts and operators end to end, checked with independent catalog facts
(tests/catalog_facts.py reads pg_cast and pg_operator through reg* output, not pgshift's catalog queries)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import psycopg

from pgshift.api.drift import Drift
from pgshift.api.pull import pull
from pgshift.api.push import push
from pgshift.api.rollback import rollback
from pgshift.api.status import status
from pgshift.diff.differ import diff
from pgshift.diff.hazards import HazardKind
from pgshift.diff.render import migration_sql
from pgshift.sources.introspect import introspect
from tests.catalog_facts import catalog_facts
from tests.pgversions import on_every_version
from tests.test_corpus_pgdump import round_trip
from tests.test_objects import project

SETUP = """
CREATE SCHEMA app;
CREATE DOMAIN app.email AS text;
CREATE FUNCTION app.email_eq(app.email, app.email) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT lower($1) = lower($2) $$;
CREATE FUNCTION app.email_ne(app.email, app.email) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT lower($1) <> lower($2) $$;
CREATE OPERATOR app.=== (LEFTARG = app.email, RIGHTARG = app.email, FUNCTION = app.email_eq,
    COMMUTATOR = OPERATOR(app.===), NEGATOR = OPERATOR(app.!==), RESTRICT = eqsel, JOIN = eqjoinsel,
    HASHES, MERGES);
-- NEGATOR again: filling the shell links back on 15 but not on 16 (pgshift reads either as a pair)
CREATE OPERATOR app.!== (LEFTARG = app.email, RIGHTARG = app.email, FUNCTION = app.email_ne,
    NEGATOR = OPERATOR(app.===));
COMMENT ON OPERATOR app.=== (app.email, app.email) IS 'same address, any case';
CREATE TYPE public.pair AS (a integer, b integer);
CREATE FUNCTION public.pair_text(pair) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT $1.a || ',' || $1.b $$;
CREATE CAST (pair AS text) WITH FUNCTION public.pair_text(pair) AS ASSIGNMENT;
COMMENT ON CAST (pair AS text) IS 'it''s a,b';
CREATE CAST (pair AS json) WITH INOUT AS IMPLICIT;
-- from a built-in type, by a function in a managed schema (WITHOUT FUNCTION: tests/cases/casts_operators;
-- 18 refuses it for range types, and user types of other kinds are never binary-compatible)
CREATE FUNCTION public.int_pair(integer) RETURNS pair LANGUAGE sql IMMUTABLE AS $$ SELECT ROW($1, $1)::pair $$;
CREATE CAST (integer AS pair) WITH FUNCTION public.int_pair(integer);
CREATE FUNCTION public.neg_pair(pair) RETURNS pair LANGUAGE sql IMMUTABLE AS $$ SELECT ROW(-$1.a, -$1.b)::pair $$;
CREATE OPERATOR public.- (RIGHTARG = pair, FUNCTION = public.neg_pair);
-- what uses them: a CHECK, an index key and a view (so they must exist before these are created)
CREATE TABLE app.account (id integer PRIMARY KEY, email app.email NOT NULL, backup app.email,
    CONSTRAINT backup_differs CHECK (backup OPERATOR(app.!==) email));
CREATE INDEX account_is_admin ON app.account ((email OPERATOR(app.===) 'admin'::app.email));
CREATE VIEW app.twins AS
    SELECT a.id FROM app.account a JOIN app.account b ON a.email OPERATOR(app.===) b.backup;
"""

SCHEMAS = ("public", "app")


def _facts(url: str) -> list[str]:
    return [f for f in catalog_facts(url, kinds=("cast", "operator"))]


@on_every_version
def test_pull_generate_migrate_round_trip(pg: str, make_db: Callable[[], str], tmp_path: Path) -> None:
    """pull -> code -> generate -> migrate gives the source's casts and operators (functions, contexts,
    methods, commutator/negator links, estimators, HASHES/MERGES, comments) by independent catalog facts;
    push of the pulled code plans nothing, status finds no drift, and the down file removes them."""
    planned, differing, config, fresh = round_trip(make_db, tmp_path, SETUP, SCHEMAS)
    assert planned == set() and differing == set()
    facts = _facts(fresh)
    assert len([f for f in facts if f.startswith("cast |")]) == 3, facts
    assert len([f for f in facts if f.startswith("operator |")]) == 3, facts
    assert any(
        "===(app.email,app.email)" in f and "same address" in f and "| true | true |" in f for f in facts
    )
    code = (tmp_path / "pulled" / "schema.py").read_text()
    assert "objects.Cast('pair', 'text', function='public.pair_text(pair)', context='assignment'" in code
    assert "objects.Operator('app', '===', 'app.email', 'app.email', 'app.email_eq'" in code
    assert status(fresh, config=config).drift == Drift(against="0000_all", items=())
    with psycopg.connect(fresh, autocommit=True) as conn:  # drift made by hand
        conn.execute("DROP CAST (pair AS json); COMMENT ON OPERATOR public.- (NONE, pair) IS 'by hand'")
    drift = status(fresh, config=config).drift
    assert drift is not None
    assert {item.message.split(" — ")[0] for item in drift.items} == {
        "cast (pair AS json) is in the schema but not in the database",
        "comment on operator public.-(NONE, pair) would be needed: the database differs from the schema",
    }, drift.items
    with psycopg.connect(fresh, autocommit=True) as conn:
        conn.execute(
            "CREATE CAST (pair AS json) WITH INOUT AS IMPLICIT; COMMENT ON OPERATOR public.- (NONE, pair) IS NULL"
        )
    rollback(fresh, config=config)  # the down file drops them after their users, before their functions
    assert _facts(fresh) == []


def test_casts_outside_the_managed_schemas_are_listed_and_left_alone(
    db_url: str, db: psycopg.Connection, tmp_path: Path
) -> None:
    """A cast between two built-in types without a function belongs to no managed schema: listed as not
    managed, never dropped by push; a shell operator (named by a NEGATOR, never defined) is listed too."""
    db.execute(SETUP)
    db.execute("CREATE CAST (uuid AS bytea) WITH INOUT")
    db.execute(
        "CREATE FUNCTION public.int_eq_text(integer, text) RETURNS boolean LANGUAGE sql IMMUTABLE "
        "AS $$ SELECT $1::text = $2 $$; "
        "CREATE OPERATOR public.=~= (LEFTARG = integer, RIGHTARG = text, FUNCTION = public.int_eq_text, "
        "NEGATOR = OPERATOR(public.!~=))"
    )
    config = project(tmp_path, db_url, schema_filter=SCHEMAS)
    pulled = pull(db_url, config=config, output=tmp_path / "schema.py")
    listed = {(u.kind, u.name) for u in pulled.unmanaged}
    assert ("cast", "uuid AS bytea") in listed
    assert ("shell operator", "public.!~=(integer, text)") in listed
    assert not {kind for kind, _ in listed} & {"operator"}
    assert {c.key for c in pulled.model.casts} == {"(pair AS json)", "(pair AS text)", "(integer AS pair)"}
    assert "public.=~=(integer, text)" in {o.key for o in pulled.model.operators}
    assert push(db_url, config=config).plan.operations == ()
    count = (
        "SELECT count(*) FROM pg_cast WHERE castsource = 'uuid'::regtype AND casttarget = 'bytea'::regtype"
    )
    assert db.execute(count).fetchone() == (1,)


def test_a_changed_operator_is_rebuilt_and_its_users_named(make_db: Callable[[], str]) -> None:
    """ALTER OPERATOR cannot change the function: drop and create, a PRECONDITION hazard naming the
    index, CHECK and view that block the DROP. RESTRICT/JOIN change in place, with no hazard."""
    before, after = make_db(), make_db()
    for url in (before, after):
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(SETUP)
    with psycopg.connect(after, autocommit=True) as conn:
        conn.execute("ALTER OPERATOR app.!== (app.email, app.email) SET (RESTRICT = neqsel)")
        conn.execute(
            "DROP VIEW app.twins; DROP INDEX app.account_is_admin; DROP OPERATOR app.=== (app.email, app.email)"
        )
        conn.execute(
            "CREATE FUNCTION app.email_same(app.email, app.email) RETURNS boolean LANGUAGE sql IMMUTABLE "
            "AS $$ SELECT $1 = $2 $$; "
            "CREATE OPERATOR app.=== (LEFTARG = app.email, RIGHTARG = app.email, FUNCTION = app.email_same, "
            "COMMUTATOR = OPERATOR(app.===), NEGATOR = OPERATOR(app.!==), RESTRICT = eqsel, JOIN = eqjoinsel, "
            "HASHES, MERGES); COMMENT ON OPERATOR app.=== (app.email, app.email) IS 'same address, any case'; "
            "CREATE INDEX account_is_admin ON app.account ((email OPERATOR(app.===) 'admin'::app.email)); "
            "CREATE VIEW app.twins AS SELECT a.id FROM app.account a JOIN app.account b ON a.email OPERATOR(app.===) b.backup"
        )
    with psycopg.connect(before) as a, psycopg.connect(after) as b:
        old, new = introspect(a, schema_filter=SCHEMAS), introspect(b, schema_filter=SCHEMAS)
    ops = diff(old, new)
    described = [op.describe() for op in ops]
    assert "alter operator app.!==(app.email, app.email)" in described
    assert "drop operator app.===(app.email, app.email)" in described
    hazards = [h for op in ops for h in op.hazards() if h.kind is HazardKind.PRECONDITION]
    assert len(hazards) == 1 and "index account_is_admin on app.account" in hazards[0].message
    assert "view app.twins" in hazards[0].message
    up = migration_sql(ops)
    assert up.index("DROP OPERATOR") < up.index("CREATE OPERATOR"), up
    assert 'ALTER OPERATOR "app".!== (app.email, app.email) SET (RESTRICT = pg_catalog.neqsel);' in up


def test_an_operator_dropped_for_a_schema_rename_names_its_users() -> None:
    """Renaming a schema drops its functions before the rename (their text names it) and so the operators
    calling them: a CHECK still using one blocks that DROP, said as a PRECONDITION hazard."""
    from pgshift.diff.renames import RenameDecisions, parse_rename_flag
    from tests.test_cases import CASES, load_case_model

    old = load_case_model(CASES / "casts_operators" / "before.py")  # its CHECK uses app.!==
    new = load_case_model(CASES / "casts_operators_rename_schema" / "after.py")
    renames = RenameDecisions().with_rename(*parse_rename_flag("schema:app=billing"))
    hazards = [h.message for op in diff(old, new, renames=renames) for h in op.hazards()
               if h.kind is HazardKind.PRECONDITION]  # fmt: skip
    assert hazards == [
        "app.!==(app.email, app.email): its schema is renamed, so it is dropped and created again, and the "
        "DROP fails while CHECK backup_differs on billing.account use it (drop those first, by hand, and create "
        "them again after)"
    ]


def test_declarations_spell_their_statements() -> None:
    """A bare COMMUTATOR/NEGATOR is the operator's own schema (PostgreSQL would take the search_path's
    first); a cast's context is one of three words; comments follow the CREATE."""
    import pytest

    from pgshift import objects

    op = objects.Operator("app", "===", "app.email", "app.email", "app.email_eq", commutator="===",
                          negator="public.!==", hashes=True, comment="same")  # fmt: skip
    assert op.statements() == [
        'CREATE OPERATOR "app".=== (LEFTARG = app.email, RIGHTARG = app.email, FUNCTION = app.email_eq, '
        'COMMUTATOR = OPERATOR("app".===), NEGATOR = OPERATOR(public.!==), HASHES)',
        "COMMENT ON OPERATOR \"app\".=== (app.email, app.email) IS 'same'",
    ]
    prefix = objects.Operator("public", "-", None, "pair", "public.neg_pair")
    assert prefix.statements() == ['CREATE OPERATOR "public".- (RIGHTARG = pair, FUNCTION = public.neg_pair)']
    assert objects.Cast("pair", "json", inout=True, context="implicit").statements() == [
        "CREATE CAST (pair AS json) WITH INOUT AS IMPLICIT"
    ]
    assert objects.Cast("a", "b").statements() == ["CREATE CAST (a AS b) WITHOUT FUNCTION"]
    with pytest.raises(ValueError, match="context is 'explicit', 'assignment' or 'implicit'"):
        objects.Cast("a", "b", context="always").statements()


@on_every_version
def test_a_one_sided_link_reads_as_a_pair(pg: str, make_db: Callable[[], str]) -> None:
    """Filling in a shell (made by another operator's NEGATOR) links back on 15 but not on 16+: pgshift
    reads the link from either side, so the model, and a database created from it, are the same on
    every version."""
    from pgshift.model.schema import Model
    from tests.test_cases import apply_ops

    source, created = make_db(), make_db()
    with psycopg.connect(source, autocommit=True) as conn:
        conn.execute(
            "CREATE FUNCTION f(integer, integer) RETURNS boolean LANGUAGE sql AS $$ SELECT $1 = $2 $$; "
            "CREATE FUNCTION g(integer, integer) RETURNS boolean LANGUAGE sql AS $$ SELECT $1 <> $2 $$; "
            "CREATE OPERATOR public.=== (LEFTARG = integer, RIGHTARG = integer, FUNCTION = f, "
            "NEGATOR = OPERATOR(public.!==)); "
            "CREATE OPERATOR public.!== (LEFTARG = integer, RIGHTARG = integer, FUNCTION = g)"
        )
        model = introspect(conn)
    assert {o.name: o.negator for o in model.operators} == {"===": "public.!==", "!==": "public.==="}
    apply_ops(created, diff(Model(), model))
    with psycopg.connect(created) as conn:
        assert diff(introspect(conn), model) == []
