"""Issue 11 on a corpus nobody on the team designed: PostgREST's spec test fixtures
(tests/corpus/postgrest/schema.sql, from github.com/PostgREST/postgrest test/spec/fixtures). Eleven
schemas, two named ``"SPECIAL ""@/\\#~_-"`` and ``"EXTRA ""@/\\#~_-"`` and one in Arabic script
(``تست``); 228 tables, 83 views (two materialized), 4 partitioned tables, 225 functions of every flavour
(SQL and PL/pgSQL, SETOF and TABLE results, variadic, defaults, overloads, SECURITY DEFINER, SET options,
``RETURNS`` a view's row type), 10 aggregates, a procedure, 28 domains named like media types
(``"application/json"``), enums, composite types, a domain over a composite type, triggers, a rule,
casts, a foreign table, extensions in public and in their own schema, grants to three roles (column
grants, EXECUTE revoked from PUBLIC), comments.

The round trip of tests/test_corpus_pgdump.py, compared on every fact kind of tests/catalog_facts.py plus
its extra facts: pull D -> code; push of that code onto D plans nothing; generate from empty -> migrate a
fresh database = D; status shows no drift; generate again says no changes; down empties the schemas.
Proof (3), create_all, is tests/test_create_all.py's. Every difference found is either fixed (a
regression test below) or a named known gap (its reproduction below): the round trip fails when anything
else differs, and also when a known gap closes (then remove it here).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from pgshift.api.generate import generate
from pgshift.api.migrate import migrate
from pgshift.api.pull import pull
from pgshift.api.push import push
from pgshift.api.scratch import DeclarationError
from pgshift.pg.parser import parameter_names_quoted
from pgshift.runner.results import MigrationError
from pgshift.sources.load import load_metadata
from tests.catalog_facts import assert_same_facts, catalog_facts, facts_diff
from tests.corpus_db import load_corpus
from tests.test_corpus_pgdump import all_facts, assert_settled_then_emptied, round_trip
from tests.test_create_all import CORPORA, _create_all
from tests.test_objects import project

SCHEMAS = CORPORA["postgrest"]

# Facts (kind, object) that differ between the corpus and the migrated copy, by gap. Each gap has a
# minimal reproduction below.
KNOWN_GAPS: dict[str, set[tuple[str, str]]] = {
    # test_gap_acl_spelled_out_as_the_default: GRANT then REVOKE of the same privileges leaves an ACL
    # holding only the owner's rights; the copy has the default (NULL) ACL. The same privileges.
    "an ACL equal to the default, spelled out": {
        ("grant", "test.limited_article_stars"),
        ("privilege", "relation test.limited_article_stars"),
    },
    # test_gap_public_schema_recreated: the fixture drops schema public and creates it again (owner
    # postgres, no USAGE for PUBLIC); pgshift leaves a database's own public schema as it is.
    "schema public re-created": {("privilege", "schema public")},
    # test_gap_serial_over_a_bigint_sequence: an integer column owning a bigint sequence (pg_dump's
    # spelling of a serial made before PostgreSQL 10) is read as serial, whose sequence is integer.
    "serial over a bigint sequence": {("sequence", "test.auto_incrementing_pk_id_seq")},
}


def _key(fact: str) -> tuple[str, str]:
    kind, name, *_ = fact.split(" | ")
    return kind, name


def test_postgrest_round_trip(make_db: Callable[[], str], tmp_path: Path) -> None:
    source = load_corpus(make_db, "postgrest")
    config = project(tmp_path, source, out="pulled", schema_filter=SCHEMAS)
    pulled = pull(source, config=config, output=tmp_path / "schema.py", style="core")
    assert len(pulled.model.tables) == 229 and len(pulled.model.views) == 83  # one foreign table
    assert {u.kind for u in pulled.unmanaged} == set()  # its casts (to and from json) are managed too
    assert [s.wrapper for s in pulled.model.foreign_servers] == ["file_fdw"]  # an extension's wrapper

    # push of the pulled code onto D plans nothing
    plan = push(source, config=config, dry_run=True)
    assert [op.describe() for op in plan.plan.operations] == []

    # generate from empty -> migrate a fresh database gives D's facts (but for the known gaps)
    shutil.rmtree(tmp_path / "pulled")
    fresh_config = project(tmp_path, source, out="fresh", schema_filter=SCHEMAS)
    assert generate(fresh_config, name="all").tag is not None
    fresh = make_db()
    migrate(fresh, config=fresh_config)
    only_migrated, only_source = facts_diff(all_facts(fresh), all_facts(source))
    differing = {_key(f) for f in only_migrated + only_source}
    known = set().union(*KNOWN_GAPS.values())
    unexpected = sorted(f for f in only_migrated + only_source if _key(f) not in known)
    assert not unexpected, "facts differ beyond the known gaps:\n" + "\n".join(unexpected)
    assert not known - differing, (
        f"known gaps closed (remove them from KNOWN_GAPS): {sorted(known - differing)}"
    )

    # status shows no drift; generate again says no changes; down empties the schemas again
    assert_settled_then_emptied(fresh, fresh_config, SCHEMAS[1:])


# -- regression tests: what the corpus found ---------------------------------------------------------


def test_parameter_named_like_a_newer_keyword(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Found by the corpus (``test.varied_arguments(..., json json DEFAULT '{}'::json)``): PostgreSQL 15
    prints a parameter named ``json`` bare (a keyword only from 16), which pgshift's parser (and
    PostgreSQL 16+) reject, so the pulled code could not even be imported. Such names are now quoted in
    the signature, the key, RETURNS TABLE and the definition."""
    setup = (
        "CREATE FUNCTION f(json json, n int DEFAULT 1, VARIADIC more text[] DEFAULT '{}') RETURNS int"
        " LANGUAGE sql AS $$ SELECT n $$;"
        "CREATE FUNCTION g(x int) RETURNS TABLE(json json, y int) LANGUAGE sql AS $$ SELECT NULL::json, x $$;"
    )
    planned, differing, config, fresh = round_trip(make_db, tmp_path, setup)
    assert planned == set() and differing == set()
    assert_settled_then_emptied(fresh, config, ("public",))


def test_parameter_names_quoted_only_where_the_parser_needs_it() -> None:
    quoted = parameter_names_quoted(
        "double double precision, \"varchar\" character varying, json json DEFAULT '{}'::json, OUT x integer",
        ["double", "varchar", "json", "x"],
    )
    assert quoted == (
        'double double precision, "varchar" character varying, "json" json DEFAULT \'{}\'::json, OUT x integer'
    )
    # an unnamed parameter of type json, or of a type spelled with keywords, stays as it is
    assert parameter_names_quoted("json, character varying, IN json json", [None, None, "json"]) == (
        'json, character varying, IN "json" json'
    )
    # a list that does not split into one item per name is left alone
    assert (
        parameter_names_quoted("json json ORDER BY x integer", ["json", "x"])
        == "json json ORDER BY x integer"
    )


def test_sql_function_body_needing_the_callers_search_path(
    make_db: Callable[[], str], tmp_path: Path
) -> None:
    """Found by the corpus (``test.bit_param_insert``: ``insert into bitchar_with_length ...`` in schema
    test, with no SET search_path): the body passes the check only where the caller's search_path finds
    the table, so reading the code back on the scratch database failed in every order ('relation does not
    exist'). It is now created there without the body check when nothing else is left, as migrations
    and pg_dump create it."""
    setup = (
        "CREATE SCHEMA s; CREATE TABLE s.items (id int);"
        "SET check_function_bodies = off;"
        "CREATE FUNCTION s.add_item(id int) RETURNS void LANGUAGE sql AS 'insert into items values ($1)';"
    )
    planned, differing, config, fresh = round_trip(make_db, tmp_path, setup, ("public", "s"))
    assert planned == set() and differing == set()
    assert_settled_then_emptied(fresh, config, ("s",))


def test_aggregate_of_no_arguments(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Found by the corpus (``CREATE AGGREGATE test.unsupported_agg (*)``): its signature was read as
    ``unsupported_agg()``, which does not parse; it is ``(*)`` in the definition, key and DROP."""
    setup = (
        "CREATE FUNCTION dummy(int) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;"
        "CREATE AGGREGATE star_agg (*) (SFUNC = dummy, STYPE = int);"
        "COMMENT ON AGGREGATE star_agg(*) IS 'counts nothing';"
    )
    planned, differing, config, fresh = round_trip(make_db, tmp_path, setup)
    assert planned == set() and differing == set()
    assert_settled_then_emptied(fresh, config, ("public",))


def test_domain_over_a_composite_type(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Found by the corpus (``test.composite_domain AS test.point_2d``): domains were created before all
    composite types, so the domain's type did not exist yet. Domains, ranges and composite types are now
    created after what they name (here also a composite type with a domain attribute), dropped before."""
    setup = (
        "CREATE SCHEMA s; CREATE TYPE s.point_2d AS (x int, y int);"
        "CREATE DOMAIN s.composite_domain AS s.point_2d;"
        "CREATE DOMAIN s.small AS int CHECK (VALUE < 10);"
        "CREATE TYPE s.a_pair AS (a s.small, b s.small);"
        "CREATE TABLE s.t (id int PRIMARY KEY, p s.composite_domain, q s.a_pair);"
    )
    planned, differing, config, fresh = round_trip(make_db, tmp_path, setup, ("public", "s"))
    assert planned == set() and differing == set()
    assert_settled_then_emptied(fresh, config, ("s",))


def test_function_returning_a_view_row_type(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Found by the corpus (``test.single_article(id) RETURNS test.articles``, a view): functions were
    all created before the views (type "test.articles" does not exist). A routine whose parameters or
    result are a view's row type is now created after the views and dropped before them."""
    setup = (
        "CREATE SCHEMA s; CREATE TABLE s.base (id int PRIMARY KEY, body text);"
        "CREATE VIEW s.articles AS SELECT id, body FROM s.base;"
        "CREATE FUNCTION s.single_article(id int) RETURNS s.articles LANGUAGE sql"
        " AS $$ SELECT a.* FROM s.articles a WHERE a.id = $1 $$;"
        "CREATE FUNCTION s.body_of(a s.articles) RETURNS text LANGUAGE sql AS $$ SELECT a.body $$;"
        "CREATE VIEW public.public_view AS SELECT 1 AS one;"
        "CREATE FUNCTION public.ones() RETURNS SETOF public_view LANGUAGE sql AS $$ SELECT 1 $$;"
    )
    planned, differing, config, fresh = round_trip(make_db, tmp_path, setup, ("public", "s"))
    assert planned == set() and differing == set()
    assert_settled_then_emptied(fresh, config, ("s", "public"))


def test_grants_on_a_foreign_table_are_pulled_with_it(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Found by the corpus (``GRANT ALL ON ALL TABLES IN SCHEMA test`` reaches the foreign table
    test.projects_dump): when foreign tables were not managed, their grants were, so the migration granted
    on a table it had not created ('relation does not exist'). Now the table, its server and wrapper and
    its grants all come across."""
    setup = (
        "CREATE FOREIGN DATA WRAPPER w; CREATE SERVER srv FOREIGN DATA WRAPPER w;"
        "CREATE FOREIGN TABLE ft (a int) SERVER srv; GRANT SELECT ON ft TO PUBLIC;"
        "CREATE TABLE t (id int PRIMARY KEY); GRANT SELECT ON t TO PUBLIC;"
    )
    planned, differing, _, _ = round_trip(make_db, tmp_path, setup)
    assert planned == set()
    assert differing == set()
    assert "'ft', 'PUBLIC', ('SELECT',)" in (tmp_path / "pulled" / "schema.py").read_text()
    assert "'t', 'PUBLIC', ('SELECT',)" in (tmp_path / "pulled" / "schema.py").read_text()


def test_bare_number_default_on_a_domain_column(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Found by the corpus (``budget public.monetary default 0``, a domain over numeric(17,2)): the default
    was read as ``'0'``, which the server keeps as ``'0'::numeric``, so push planned a SET DEFAULT on the
    database it was pulled from and the migrated copy differed. A bare number stays bare on a domain."""
    setup = (
        "CREATE DOMAIN monetary AS numeric(17,2); CREATE DOMAIN label AS text;"
        "CREATE TABLE t (id int PRIMARY KEY, budget monetary DEFAULT 0, cost monetary DEFAULT '1.5',"
        " l label DEFAULT 'x', n numeric DEFAULT 0);"
    )
    planned, differing, config, fresh = round_trip(make_db, tmp_path, setup)
    assert planned == set() and differing == set()
    assert_settled_then_emptied(fresh, config, ("public",))


def test_column_grant_of_several_privileges_under_create_all(
    make_db: Callable[[], str], tmp_path: Path
) -> None:
    """Found by the corpus (``GRANT SELECT (article_id, user_id) ... GRANT INSERT (...)``): pulled code
    declares ``objects.Grant(..., ('INSERT', 'SELECT', 'UPDATE'), columns=('article_id',))``, which ran as
    ``GRANT INSERT, SELECT, UPDATE (article_id)``: the column list is UPDATE's only, so create_all granted
    INSERT and SELECT on the whole table. Each privilege now carries the column list."""
    source = make_db()
    with psycopg.connect(source, autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE t (id int PRIMARY KEY, a int, secret text);"
            "GRANT SELECT (id, a), INSERT (id, a) ON t TO PUBLIC;"
        )
    config = project(tmp_path, source, out="pulled")
    pull(source, config=config, output=tmp_path / "schema.py", style="core")
    created = make_db()
    _create_all(created, load_metadata(str(tmp_path / "schema.py"), tmp_path), ("public",))
    assert_same_facts(catalog_facts(created), catalog_facts(source))


def test_execute_revoked_from_public_is_kept(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Found by the corpus (``test.privileged_hello``, issue 11: never silently lost): ``REVOKE EXECUTE ON
    FUNCTION ... FROM PUBLIC`` takes away a privilege every routine has by default. It was not read (grants
    were only the ACL entries beyond the defaults), so the migrated function was executable by everyone
    again. It is now a revoked grant: pulled, migrated, and checked here by what PUBLIC may do."""
    setup = (
        "CREATE FUNCTION hello(name text) RETURNS text LANGUAGE sql AS $$ SELECT 'hi ' || name $$;"
        "REVOKE EXECUTE ON FUNCTION hello(text) FROM PUBLIC;"
    )
    planned, differing, config, fresh = round_trip(make_db, tmp_path, setup)
    assert planned == set() and differing == set()
    code = (tmp_path / "pulled" / "schema.py").read_text()
    assert "objects.Grant('function', 'public', 'hello(text)', 'PUBLIC', ('EXECUTE',), revoke=True)" in code
    with psycopg.connect(fresh) as conn:
        held = conn.execute("SELECT has_function_privilege('public', 'public.hello(text)', 'EXECUTE')")
        assert held.fetchone() == (False,)
    assert_settled_then_emptied(fresh, config, ("public",))


# -- known gaps: minimal reproductions (each fails when its gap closes: then update KNOWN_GAPS) --------


def test_gap_view_reading_itself(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Known gap (set aside from the corpus: tests/corpus_db.SET_ASIDE): a view made to read itself by
    ``CREATE OR REPLACE VIEW v AS SELECT * FROM v`` (PostgREST tests that it reports the infinite
    recursion). No single CREATE VIEW makes it; pg_dump creates a placeholder view first, pgshift does not,
    so reading the pulled code back fails."""
    source = make_db()
    with psycopg.connect(source, autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE t (id int); CREATE VIEW v AS SELECT * FROM t;"
            "CREATE OR REPLACE VIEW v AS SELECT * FROM v;"
        )
    config = project(tmp_path, source, out="pulled")
    pull(source, config=config, output=tmp_path / "schema.py", style="core")
    with pytest.raises(DeclarationError, match='relation "v" does not exist'):
        generate(config, name="all")


def test_gap_domain_over_a_table_row_type(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Known gap (set aside from the corpus: ``CREATE DOMAIN projects_domain AS projects`` and the function
    returning it): domains are created before tables, so a domain over a table's row type cannot be
    created by the migration."""
    source = make_db()
    with psycopg.connect(source, autocommit=True) as conn:
        conn.execute("CREATE TABLE projects (id int PRIMARY KEY); CREATE DOMAIN projects_domain AS projects;")
    config = project(tmp_path, source, out="pulled")
    pull(source, config=config, output=tmp_path / "schema.py", style="core")
    config = project(tmp_path, source, out="fresh")
    assert generate(config, name="all").tag is not None
    with pytest.raises(MigrationError, match=r'type "(public\.)?projects" does not exist'):
        migrate(make_db(), config=config)


def test_gap_acl_spelled_out_as_the_default(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Known gap: ``GRANT ALL ... ; REVOKE ALL ... FROM role`` leaves an ACL that holds only the owner's
    rights, the same privileges as the default (NULL) ACL; pgshift reads it as no grant and the copy has
    the NULL ACL. The same privileges, two catalog spellings."""
    setup = "CREATE TABLE t (id int); GRANT ALL ON t TO PUBLIC; REVOKE ALL ON t FROM PUBLIC;"
    planned, differing, _, _ = round_trip(make_db, tmp_path, setup)
    assert planned == set()
    assert differing == {("grant", "public.t"), ("privilege", "relation public.t")}


def test_gap_public_schema_recreated(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Known gap: the fixture drops schema public and creates it again (owner postgres, no USAGE for
    PUBLIC); pgshift does not manage public's owner or its built-in privileges, so the copy keeps the
    public schema a new database has."""
    setup = "DROP SCHEMA public; CREATE SCHEMA public; CREATE TABLE public.t (id int);"
    planned, differing, _, _ = round_trip(make_db, tmp_path, setup)
    assert planned == set()
    assert differing == {("privilege", "schema public")}


def test_gap_serial_over_a_bigint_sequence(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Known gap: an integer column owning a bigint sequence with ``DEFAULT nextval(...)`` (how pg_dump
    wrote a serial made before PostgreSQL 10) is read as ``serial``, whose sequence is integer."""
    setup = (
        "CREATE TABLE t (id integer NOT NULL);"
        "CREATE SEQUENCE t_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;"
        "ALTER SEQUENCE t_id_seq OWNED BY t.id;"
        "ALTER TABLE t ALTER COLUMN id SET DEFAULT nextval('t_id_seq'::regclass);"
    )
    planned, differing, _, _ = round_trip(make_db, tmp_path, setup)
    assert planned == set()
    assert differing == {("sequence", "public.t_id_seq")}
