"""Issue 11 on a corpus nobody on the team designed: AdventureWorks for PostgreSQL
(tests/corpus/adventureworks/schema.sql, from github.com/lorint/AdventureWorks-for-Postgres). Eleven
schemas (five with 68 tables, 19 views and 2 materialized views, five of 68 convenience views over them),
six domains in public (``"Flag"``, ``"Name"``, ...), serial keys, CHECKs, 432 comments, views using
``xpath`` and ``crosstab`` (the tablefunc extension), materialized views with unique indexes, and
``CLUSTER`` on tables and materialized views.

The round trip of tests/test_corpus_pgdump.py, compared on every fact kind of tests/catalog_facts.py plus
its extra facts (``clustered_on`` among them): pull D -> code; push of that code onto D plans nothing;
generate from empty -> migrate a fresh database = D; status shows no drift; generate again says no
changes; down empties the schemas. Proof (3), create_all, is tests/test_create_all.py's.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from pgshift.api.generate import generate
from pgshift.api.migrate import migrate
from pgshift.api.pull import pull
from pgshift.api.push import push
from pgshift.api.rollback import rollback
from pgshift.api.status import status
from pgshift.sources.load import load_metadata
from tests.catalog_facts import assert_same_facts, catalog_facts
from tests.corpus_db import load_corpus
from tests.test_corpus_pgdump import all_facts, assert_settled_then_emptied, round_trip
from tests.test_create_all import CORPORA, _create_all
from tests.test_objects import project

SCHEMAS = CORPORA["adventureworks"]

# Facts (kind, object) that differ between the corpus and the migrated copy: none known. Add one here
# only with a minimal reproduction (as tests/test_corpus_pgdump.py does).
KNOWN_GAPS: dict[str, set[tuple[str, str]]] = {}


def test_adventureworks_round_trip(make_db: Callable[[], str], tmp_path: Path) -> None:
    source = load_corpus(make_db, "adventureworks")
    config = project(tmp_path, source, out="pulled", schema_filter=SCHEMAS)
    pulled = pull(source, config=config, output=tmp_path / "schema.py", style="core")
    assert len(pulled.model.tables) == 68 and len(pulled.model.views) == 89
    assert not pulled.unmanaged, pulled.unmanaged

    # push of the pulled code onto D plans nothing
    plan = push(source, config=config, dry_run=True)
    assert [op.describe() for op in plan.plan.operations] == []

    # generate from empty -> migrate a fresh database gives D's facts
    shutil.rmtree(tmp_path / "pulled")
    fresh_config = project(tmp_path, source, out="fresh", schema_filter=SCHEMAS)
    assert generate(fresh_config, name="all").tag is not None
    fresh = make_db()
    migrate(fresh, config=fresh_config)
    known = set().union(*KNOWN_GAPS.values())
    assert_same_facts(
        [f for f in all_facts(fresh) if tuple(f.split(" | ")[:2]) not in known],
        [f for f in all_facts(source) if tuple(f.split(" | ")[:2]) not in known],
        "adventureworks: migrated database differs from the corpus",
    )

    # status shows no drift; generate again says no changes; down empties the schemas again
    assert_settled_then_emptied(fresh, fresh_config, SCHEMAS[1:])


# -- regression tests: what the corpus found ---------------------------------------------------------


def test_domain_whose_name_needs_quotes(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Found by the corpus (``CREATE DOMAIN "Flag" boolean``): the column type was written bare, so the
    scratch database and migrations looked for ``flag`` ('type "flag" does not exist'), and the pulled
    code's ``PgType('Flag')`` made create_all fail the same way; and the migration's snapshot kept it bare,
    so status read ``flag`` back and reported drift (a type change, and every view over the table rebuilt).
    Now quoted where folding would change it."""
    setup = (
        'CREATE DOMAIN "Flag" boolean NOT NULL; CREATE DOMAIN plain_name varchar(5);'
        'CREATE TABLE t (id int PRIMARY KEY, f "Flag" DEFAULT true, n plain_name, fs "Flag"[]);'
    )
    planned, differing, config, fresh = round_trip(make_db, tmp_path, setup)
    assert planned == set() and differing == set()
    code = (tmp_path / "pulled" / "schema.py").read_text()
    assert "PgType('\"Flag\"')" in code and "PgType('plain_name')" in code
    created = make_db()
    _create_all(
        created, load_metadata(str(tmp_path / "pulled" / "schema.py"), tmp_path / "pulled"), ("public",)
    )
    assert_same_facts(catalog_facts(created), catalog_facts(fresh, exclude_schemas=["drizzle"]))
    report = status(fresh, config=config)
    assert report.drift is not None and not report.drift.items, report.drift
    assert generate(config).tag is None


def test_types_outside_the_search_path_are_qualified(make_db: Callable[[], str], tmp_path: Path) -> None:
    """A column whose domain, composite or range type lives in a schema off the search_path (``app.email``)
    was read as the bare ``email``: the pulled code said ``PgType('email')``, the baseline and every
    migration wrote ``"e" email`` ('type "email" does not exist'), and code spelling ``app.email`` lost its
    schema too. The type is now spelled as ``format_type`` spells it, qualified exactly when needed."""
    setup = (
        "CREATE SCHEMA app; CREATE DOMAIN app.email AS text CHECK (VALUE LIKE '%@%');"
        "CREATE TYPE app.pair AS (a int, b text); CREATE TYPE app.span AS RANGE (subtype = int4);"
        'CREATE DOMAIN app."Code" AS varchar(4);'
        "CREATE TABLE app.users (id int PRIMARY KEY, e app.email, p app.pair, s app.span, es app.email[],"
        ' c app."Code");'
        "CREATE TABLE public.t (id int PRIMARY KEY, e app.email);"
    )
    planned, differing, config, fresh = round_trip(make_db, tmp_path, setup, ("public", "app"))
    assert planned == set() and differing == set()
    code = (tmp_path / "pulled" / "schema.py").read_text()
    assert "PgType('\"app\".\"email\"')" in code and "PgType('\"app\".\"Code\"')" in code
    created = make_db()
    _create_all(
        created, load_metadata(str(tmp_path / "pulled" / "schema.py"), tmp_path / "pulled"), ("public", "app")
    )
    assert_same_facts(catalog_facts(created), catalog_facts(fresh, exclude_schemas=["drizzle"]))
    assert_settled_then_emptied(fresh, config, ("app",))


def test_materialized_view_cluster_on(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Found by the corpus (``CLUSTER Person.vStateProvinceCountryRegion USING ...``): the clustered index
    of a materialized view was neither read nor listed as not managed, so it was lost without a word."""
    setup = (
        "CREATE TABLE t (id int PRIMARY KEY, v text);"
        "CREATE MATERIALIZED VIEW mv AS SELECT id, v FROM t;"
        "CREATE UNIQUE INDEX mv_id ON mv (id); CREATE INDEX mv_v ON mv (v);"
        "ALTER MATERIALIZED VIEW mv CLUSTER ON mv_id;"
    )
    planned, differing, config, fresh = round_trip(make_db, tmp_path, setup)
    assert planned == set() and differing == set()
    assert "cluster_on='mv_id'" in (tmp_path / "pulled" / "schema.py").read_text()
    rollback(fresh, config=config)


def test_materialized_view_cluster_on_changes_in_place(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Moving the mark to another index (or removing it) keeps the view: only ALTER ... CLUSTER ON /
    SET WITHOUT CLUSTER, and the down file puts the old mark back."""
    from pgshift.diff.differ import diff
    from pgshift.model.schema import Index, IndexElement, View, build_model

    index = [Index(name=n, elements=(IndexElement(c),)) for n, c in (("mv_id", "id"), ("mv_v", "v"))]
    old = View("public", "mv", "SELECT 1 AS id, 'x' AS v", materialized=True, indexes=tuple(index))
    new = View("public", "mv", old.definition, materialized=True, indexes=tuple(index), clustered_on="mv_v")
    up = diff(build_model(views=[old]), build_model(views=[new]))
    assert [op.describe() for op in up] == ["cluster materialized view public.mv on mv_v"]
    assert [s for op in up for s in op.sql()] == ['ALTER MATERIALIZED VIEW "public"."mv" CLUSTER ON "mv_v";']
    down = diff(build_model(views=[new]), build_model(views=[old]))
    assert [s for op in down for s in op.sql()] == [
        'ALTER MATERIALIZED VIEW "public"."mv" SET WITHOUT CLUSTER;'
    ]
