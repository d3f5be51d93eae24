"""Publications (logical replication) end to end, checked with independent catalog facts
(tests/catalog_facts.py reads pg_publication and the pg_publication_tables view, not pgshift's
publications.sql). wal_level need not be logical to create one (PostgreSQL only warns), so these run on
the main test server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from pgshift.api.drift import Drift
from pgshift.api.pull import pull
from pgshift.api.push import PushError, push
from pgshift.api.rollback import rollback
from pgshift.api.status import status
from tests.catalog_facts import catalog_facts
from tests.test_corpus_pgdump import round_trip
from tests.test_objects import project

SETUP = """
CREATE SCHEMA app;
CREATE SCHEMA sales;
CREATE TABLE app.orders (id integer PRIMARY KEY, total numeric, status text, note text);
CREATE TABLE public.users (id integer PRIMARY KEY, email text, active boolean);
CREATE TABLE app.events (day date, kind text) PARTITION BY RANGE (day);
CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE public.parent (id integer PRIMARY KEY);
CREATE TABLE public.child () INHERITS (public.parent);
CREATE TABLE sales.invoices (id integer PRIMARY KEY);
CREATE PUBLICATION supabase_realtime;
CREATE PUBLICATION orders_feed
    FOR TABLE app.orders (id, total, status) WHERE (total > 100 AND status <> 'void'), public.users WHERE (active)
    WITH (publish = 'insert, update', publish_via_partition_root = true);
COMMENT ON PUBLICATION orders_feed IS 'it''s for the warehouse';
CREATE PUBLICATION events_feed FOR TABLE app.events WITH (publish_via_partition_root = true);
CREATE PUBLICATION family FOR TABLE public.parent;  -- without ONLY: the child is a row of its own
CREATE PUBLICATION sales_feed FOR TABLES IN SCHEMA sales, TABLE public.users;
CREATE PUBLICATION everything FOR ALL TABLES WITH (publish = 'insert');
"""

SCHEMAS = ("public", "app", "sales")


def _publication_facts(url: str) -> list[str]:
    return catalog_facts(url, kinds=("publication", "publication_table", "publication_schema"))


def test_pull_generate_migrate_round_trip(make_db: Callable[[], str], tmp_path: Path) -> None:
    """pull -> code -> generate -> migrate gives the source's publications (tables, column lists, row
    filters, schemas, FOR ALL TABLES, options, comments) by independent catalog facts; push of the
    pulled code plans nothing, status shows no drift, and drift made by hand is named."""
    planned, differing, config, fresh = round_trip(make_db, tmp_path, SETUP, SCHEMAS)
    assert planned == set() and differing == set()
    facts = _publication_facts(fresh)
    assert "publication | supabase_realtime | false | insert,update,delete,truncate | false |  | " in facts
    assert "publication | orders_feed | false | insert,update | true | it's for the warehouse | " in facts
    assert (
        "publication_table | app.orders | orders_feed | id,status,total | "
        "((total > (100)::numeric) AND (status <> 'void'::text))"
    ) in facts
    assert "publication_table | public.child | family | id | " in facts
    assert "publication_schema | sales_feed sales" in facts
    code = (tmp_path / "pulled" / "schema.py").read_text()
    assert "objects.Publication('everything', all_tables=True, publish=('insert',))" in code
    assert status(fresh, config=config).drift == Drift(against="0000_all", items=())
    with psycopg.connect(fresh, autocommit=True) as conn:  # drift made by hand, each kind of difference
        conn.execute("ALTER PUBLICATION family DROP TABLE ONLY public.child; DROP PUBLICATION sales_feed")
        conn.execute("CREATE PUBLICATION by_hand FOR TABLE app.orders")
    drift = status(fresh, config=config).drift
    assert drift is not None
    assert {item.message.split(" — ")[0] for item in drift.items} == {
        "publication by_hand is in the database but not in the schema (made by hand?)",
        "publication sales_feed is in the schema but not in the database",
        "add table child to publication family would be needed: the database differs from the schema",
    }
    with psycopg.connect(fresh, autocommit=True) as conn:
        conn.execute("DROP PUBLICATION by_hand; ALTER PUBLICATION family ADD TABLE ONLY public.child")
        conn.execute("CREATE PUBLICATION sales_feed FOR TABLES IN SCHEMA sales, TABLE public.users")
    rollback(fresh, config=config)  # the down file drops them before their tables
    assert _publication_facts(fresh) == []


OUTSIDE = """
CREATE SCHEMA elsewhere;
CREATE TABLE elsewhere.audit (id integer PRIMARY KEY);
CREATE TABLE public.t (id integer PRIMARY KEY);
CREATE PUBLICATION theirs FOR TABLE elsewhere.audit, public.t;
CREATE PUBLICATION their_schema FOR TABLES IN SCHEMA elsewhere;
CREATE PUBLICATION ours FOR TABLE public.t;
"""


def test_a_publication_naming_anything_outside_the_managed_schemas_is_left_alone(
    db_url: str, db: psycopg.Connection, tmp_path: Path
) -> None:
    """Managed: every publication naming only what the managed schemas hold. One that names a table or
    schema elsewhere is listed as not managed, never pulled, dropped or altered."""
    db.execute(OUTSIDE)
    config = project(tmp_path, db_url)
    pulled = pull(db_url, config=config, output=tmp_path / "schema.py")
    assert {p.name for p in pulled.model.publications} == {"ours"}
    assert {(u.kind, u.name) for u in pulled.unmanaged} >= {
        ("publication", "theirs"),
        ("publication", "their_schema"),
    }
    (tmp_path / "schema.py").write_text(
        "from sqlalchemy import Column, Integer, MetaData, Table\n"
        "metadata = MetaData()\n"
        "Table('t', metadata, Column('id', Integer, primary_key=True, autoincrement=False))\n"
    )
    with pytest.raises(PushError, match="stop publishing: drops publication ours"):
        push(db_url, config=config)  # dropping `ours` needs a yes
    result = push(db_url, config=config, force=True)
    assert [op.describe() for op in result.plan.operations] == ["drop publication ours"]
    assert [r.kind for r in result.plan.risks] == ["stops-publishing"]
    assert "its subscribers stop receiving those changes" in result.plan.risks[0].message
    left = {r[0] for r in db.execute("SELECT pubname FROM pg_publication").fetchall()}
    assert left == {"theirs", "their_schema"}


def test_tables_added_and_removed_by_push(db_url: str, db: psycopg.Connection, tmp_path: Path) -> None:
    """Declared in code: push adds a table (with a row filter) to an existing publication and takes
    another out, asking first for the one taken out; the row filter is compared in the server's
    spelling (read back through the scratch database), so a second push plans nothing."""
    db.execute(
        "CREATE TABLE a (id integer PRIMARY KEY, n integer); CREATE TABLE b (id integer PRIMARY KEY);"
        "CREATE PUBLICATION feed FOR TABLE b"
    )
    config = project(tmp_path, db_url)
    (tmp_path / "schema.py").write_text(
        "from sqlalchemy import Column, Integer, MetaData, Table\n"
        "from pgshift import objects\n"
        "metadata = MetaData()\n"
        "Table('a', metadata, Column('id', Integer, primary_key=True, autoincrement=False), Column('n', Integer))\n"
        "Table('b', metadata, Column('id', Integer, primary_key=True, autoincrement=False))\n"
        "objects.register(metadata, [objects.Publication('feed', tables=('public.a WHERE (n > 1)',))])\n"
    )
    dry = push(db_url, config=config, dry_run=True)
    assert [op.describe() for op in dry.plan.operations] == [
        "drop table b from publication feed",
        "add table a to publication feed",
    ]
    assert [r.message.split(":")[0] for r in dry.plan.risks] == ["drops table b from publication feed"]
    push(db_url, config=config, force=True)
    rows = db.execute(
        "SELECT tablename, rowfilter FROM pg_publication_tables WHERE pubname = 'feed'"
    ).fetchall()
    assert rows == [("a", "(n > 1)")]
    assert push(db_url, config=config).plan.operations == ()


def test_a_publication_rename_is_asked_and_settled_by_flag() -> None:
    """A publication gone and another appearing is a rename candidate like a table's (pgshift does not
    guess); ``--rename publication:old=new`` settles it as ALTER PUBLICATION ... RENAME TO, which push
    counts as a risk: subscriptions name the publication."""
    from pgshift.diff.differ import diff
    from pgshift.diff.kinds.publication import stops_publishing
    from pgshift.diff.renames import (
        RenameDecisions,
        describe_candidate,
        parse_rename_flag,
        rename_candidates,
    )
    from pgshift.model.schema import Publication, build_model

    old = build_model(publications=[Publication("feed", all_tables=True)])
    new = build_model(publications=[Publication("orders feed", all_tables=True)])
    (candidate,) = rename_candidates(old, new)
    assert "--rename publication:feed=orders feed" in describe_candidate(candidate)
    flag = parse_rename_flag("publication:feed=orders feed")
    assert flag == ("publication", "", "feed", "orders feed")
    ops = diff(old, new, renames=RenameDecisions().with_rename(*flag))
    assert [op.sql() for op in ops] == [['ALTER PUBLICATION "feed" RENAME TO "orders feed";']]
    assert [name for name, _ in stops_publishing(ops)] == ["feed"]
    assert [op.describe() for op in diff(old, new)] == [
        "drop publication feed",
        "create publication orders feed",
    ]


def test_publishing_a_table_without_a_primary_key_is_a_hazard() -> None:
    """PostgreSQL refuses UPDATE and DELETE on a published table without a replica identity: creating
    or extending a publication that sends them over a table without a primary key says so; one sending
    inserts only does not."""
    from pgshift.diff.differ import diff
    from pgshift.diff.hazards import HazardKind
    from pgshift.model.schema import Column, PrimaryKey, Publication, PublicationTable, Table, build_model
    from pgshift.model.types import SqlType

    keyed = Table(
        "public",
        "keyed",
        (Column("id", SqlType("integer"), not_null=True),),
        PrimaryKey("keyed_pkey", ("id",)),
    )
    log = Table("public", "log", (Column("line", SqlType("text")),))
    tables = [keyed, log]
    old = build_model(
        tables=tables, publications=[Publication("feed", tables=(PublicationTable("public", "keyed"),))]
    )
    new = build_model(
        tables=tables,
        publications=[
            Publication(
                "feed", tables=(PublicationTable("public", "keyed"), PublicationTable("public", "log"))
            ),
            Publication("everything", all_tables=True),
            Publication("appends", all_tables=True, publish=("insert",)),
        ],
    )
    found = {
        op.describe(): [h.message for h in op.hazards() if h.kind is HazardKind.BACKWARD_INCOMPATIBLE]
        for op in diff(old, new)
    }
    assert found["create publication appends"] == []
    assert found["create publication everything"] == [
        "public.log: has no primary key, so its UPDATEs and DELETEs fail once published "
        "(unless it has a REPLICA IDENTITY, which pgshift does not read)"
    ]
    assert found["add table log to publication feed"] == found["create publication everything"]


@pytest.mark.parametrize(
    ("expression", "written"),
    [
        ("(a > 1)", "(a > 1)"),  # pg_get_expr's own pair is kept
        ("c", "(c)"),  # a boolean column is printed bare
        ("(a > 1) AND (b < 2)", "((a > 1) AND (b < 2))"),  # two pairs, not one around the whole
        ("(x = ')')", "(x = ')')"),  # a parenthesis in a literal does not count
        ("(x = 'it''s (')", "(x = 'it''s (')"),
    ],
)
def test_row_filter_is_written_in_one_pair_of_parentheses(expression: str, written: str) -> None:
    from pgshift.diff.kinds.publication import parenthesised

    assert parenthesised(expression) == written


def test_snapshot_keeps_publications_under_the_pgshift_key() -> None:
    """Drizzle's snapshot has no section for publications: they sit under ``"pgshift"`` (which
    drizzle-kit ignores), written only when there are some, and read back as they were."""
    from pgshift.model.schema import Publication, PublicationTable, build_model
    from pgshift.sources.snapshot import model_to_snapshot, snapshot_to_model

    model = build_model(
        publications=[
            Publication(
                "feed", tables=(PublicationTable("public", "t", ("b", "a"), "(a > 1)"),), via_root=True
            )
        ]
    )
    data = model_to_snapshot(model, id="a", prev_id="b")
    assert "publications" not in data
    assert data["pgshift"]["publications"] == {
        "feed": {
            "name": "feed",
            "tables": [{"schema": "public", "table": "t", "columns": ["a", "b"], "where": "(a > 1)"}],
            "viaRoot": True,
        }
    }
    assert snapshot_to_model(data, where="test").publications == model.publications
    assert "publications" not in model_to_snapshot(build_model(), id="a", prev_id="b").get("pgshift", {})
