"""What differs between PostgreSQL major versions (issue 11: the corpus on 15, 16 and newer).

The corpus round trips run on every server of tests/pgversions.py (``on_every_version``); this file
holds what those servers showed: the harness itself, the PostgreSQL 18 feature pgshift now carries
(VIRTUAL generated columns, the default kind of generated column from 18 on), and the PostgreSQL 18
features it does not carry yet, each a named known gap that fails when it closes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from pgshift.api.generate import generate
from pgshift.api.status import status
from pgshift.diff.differ import diff
from pgshift.diff.kinds.column import RecomputeColumn, column_sql
from pgshift.errors import PgshiftError
from pgshift.model.schema import Column, Model, SqlType, Table, build_model
from pgshift.sources.introspect import introspect
from tests.catalog_facts import assert_same_facts, catalog_facts, facts_diff
from tests.pgversions import BUNDLED, MAIN, SERVERS, Bundled, Servers, Unavailable, major_of, unavailable
from tests.test_cases import CASES, apply_down, apply_ops, load_case_model, load_decisions
from tests.test_corpus_pgdump import round_trip

# Tests of PostgreSQL 18 features run on the bundled 18 (the main server is 15 on the project machine).
on_pg18 = pytest.mark.parametrize("pg", [name for name, b in BUNDLED.items() if b.major == 18], indirect=True)


# -- the harness ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("pg", SERVERS, indirect=True)
def test_each_server_is_the_major_version_it_is_named_for(
    pg: str, test_server_url: str, server_url: str
) -> None:
    expected = major_of(server_url) if pg == MAIN else BUNDLED[pg].major
    assert major_of(test_server_url) == expected


def test_a_missing_package_fails_under_ci_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch, server_url: str
) -> None:
    servers = Servers(server_url)
    monkeypatch.setitem(BUNDLED, "pg99", Bundled(99, "no-such-postgres", "no_such_postgres"))
    with pytest.raises(Unavailable, match="no-such-postgres is not installed") as info:
        servers.url("pg99")
    with pytest.raises(Unavailable):  # asked again: the same answer, without trying again
        servers.url("pg99")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        unavailable(str(info.value))
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="no-such-postgres"):
        unavailable(str(info.value))


# -- VIRTUAL generated columns (PostgreSQL 18) -------------------------------------------------------------


def test_virtual_generated_column_sql() -> None:
    """Without a server: the DDL says VIRTUAL, and a virtual column made plain is dropped and added
    back (PostgreSQL 18 refuses DROP EXPRESSION on a virtual column), its computed values gone."""
    stored = Column("b", SqlType("integer"), generated="a * 2")
    virtual = Column("b", SqlType("integer"), generated="a * 2", generated_virtual=True)
    assert column_sql(Table("public", "t"), stored).endswith("GENERATED ALWAYS AS (a * 2) STORED")
    assert column_sql(Table("public", "t"), virtual).endswith("GENERATED ALWAYS AS (a * 2) VIRTUAL")
    a_col = Column("a", SqlType("integer"))
    before = build_model(tables=[Table("public", "t", columns=(a_col, virtual))])
    plain = Column("b", SqlType("integer"))
    after = build_model(tables=[Table("public", "t", columns=(a_col, plain))])
    (op,) = diff(before, after)
    assert isinstance(op, RecomputeColumn)
    assert op.sql() == ['ALTER TABLE "public"."t" DROP COLUMN "b";', 'ALTER TABLE "public"."t" ADD COLUMN "b" integer;']
    assert any("stores no values" in h.message for h in op.hazards())


@on_pg18
@pytest.mark.parametrize(
    "setup",
    [
        "CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) VIRTUAL, c int GENERATED ALWAYS AS (a + 1) STORED);",
        # no keyword: VIRTUAL from PostgreSQL 18 on (it was read as a column DEFAULT, which migrate refused:
        # "cannot use column reference in DEFAULT expression")
        "CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2));",
    ],
    ids=["virtual_and_stored", "no_keyword"],
)
def test_virtual_generated_columns_round_trip(
    setup: str, pg: str, make_db: Callable[[], str], tmp_path: Path
) -> None:
    planned, differing, config, fresh = round_trip(make_db, tmp_path, setup)
    assert planned == set()
    assert differing == set()
    # the snapshot keeps VIRTUAL: no drift, and generating again finds nothing to do
    report = status(fresh, config=config)
    assert report.drift is not None and not report.drift.items, report.drift
    assert generate(config).tag is None


@on_pg18
@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("GENERATED ALWAYS AS (a * 2) STORED", "GENERATED ALWAYS AS (a * 2) VIRTUAL"),
        ("GENERATED ALWAYS AS (a * 2) VIRTUAL", "GENERATED ALWAYS AS (a * 3) VIRTUAL"),
        ("GENERATED ALWAYS AS (a * 2) VIRTUAL", ""),
        ("", "GENERATED ALWAYS AS (a * 2) VIRTUAL"),
    ],
    ids=["stored_to_virtual", "new_expression", "virtual_to_plain", "plain_to_virtual"],
)
def test_virtual_generated_column_changes_go_up_and_down(
    before: str, after: str, pg: str, make_db: Callable[[], str]
) -> None:
    """Each change reaches the target's columns, and its down file gives the columns back."""
    start, target = make_db(), make_db()
    models = []
    for url, spelling in ((start, before), (target, after)):
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"CREATE TABLE t (a int, b int {spelling}); INSERT INTO t (a) VALUES (1)".encode())
            models.append(introspect(conn, schema_filter=["public"]))
    columns = lambda url: catalog_facts(url, kinds=("column",))  # noqa: E731 (column order may change)
    expected_before = columns(start)
    ops = diff(models[0], models[1])
    assert ops
    apply_ops(start, ops)
    assert_same_facts(columns(start), columns(target))
    apply_down(start, ops)
    assert_same_facts(columns(start), expected_before)


# -- PostgreSQL 18 features not carried yet: known gaps ------------------------------------------------------

# Each: the setup, and the (kind, object) facts in which the migrated copy differs from it. Push of the
# pulled code plans nothing for any of them (the model has no field for what is lost).
GAPS_18 = {
    # NOT NULL constraints are pg_constraint rows with names from 18 on; pgshift models NOT NULL as a
    # column flag, so a user's name (and NOT VALID, NO INHERIT) is lost: the copy has <table>_<col>_not_null.
    # The same gap the other way: a table or column pgshift renames keeps its old <table>_<col>_not_null
    # name (tests/test_roundtrip.py's renames on an 18 server), where a fresh database has the new one.
    "named_not_null": (
        "CREATE TABLE t (a int CONSTRAINT a_must NOT NULL, b int NOT NULL);",
        {("constraint", "public.t.a_must"), ("constraint", "public.t.t_a_not_null")},
    ),
    "not_null_not_valid": (
        "CREATE TABLE t (a int); ALTER TABLE t ADD CONSTRAINT a_nn NOT NULL a NOT VALID;",
        {("constraint", "public.t.a_nn"), ("constraint", "public.t.t_a_not_null")},
    ),
    "not_null_no_inherit": (
        "CREATE TABLE t (a int NOT NULL NO INHERIT);",
        {("constraint", "public.t.t_a_not_null")},
    ),
    # FOREIGN KEY ... NOT ENFORCED: the foreign key is migrated enforced.
    "foreign_key_not_enforced": (
        "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE t (a int CONSTRAINT fk REFERENCES p NOT ENFORCED);",
        {("constraint", "public.t.fk")},
    ),
    # PRIMARY KEY / UNIQUE (... WITHOUT OVERLAPS), temporal keys: migrated as plain keys.
    "without_overlaps": (
        "CREATE EXTENSION btree_gist;"
        "CREATE TABLE t (id int, valid tstzrange, PRIMARY KEY (id, valid WITHOUT OVERLAPS));",
        {("constraint", "public.t.t_pkey")},
    ),
}


@on_pg18
@pytest.mark.parametrize("gap", sorted(GAPS_18))
def test_gap_pg18(gap: str, pg: str, make_db: Callable[[], str], tmp_path: Path) -> None:
    setup, expected = GAPS_18[gap]
    planned, differing, _, _ = round_trip(make_db, tmp_path, setup)
    assert planned == set()
    assert differing == expected


@on_pg18
def test_gap_pg18_check_not_enforced(pg: str, make_db: Callable[[], str], tmp_path: Path) -> None:
    """Known gap: CHECK ... NOT ENFORCED (18) is pulled with NOT ENFORCED inside the CHECK's body, which
    generate refuses to write (the SQL would not parse): it stops, naming the table, instead of losing
    the NOT ENFORCED."""
    with pytest.raises(PgshiftError, match=r"public\.t.*cannot parse"):
        round_trip(make_db, tmp_path, "CREATE TABLE t (a int CONSTRAINT pos CHECK (a > 0) NOT ENFORCED);")


@on_pg18
def test_gap_pg18_renamed_table_keeps_its_not_null_names(pg: str, make_db: Callable[[], str]) -> None:
    """Known gap (the NOT NULL names above, from the other side): pgshift renames a table's default-named
    keys with it, but not its NOT NULL constraints, which PostgreSQL 18 names ``<table>_<column>_not_null``
    and does not rename with the table: the renamed table keeps the old names, a fresh one has new ones.
    (The data-driven rename cases of tests/test_cases.py show the same on an 18 server.)"""
    case = CASES / "rename_table"
    before, after = load_case_model(case / "before.py"), load_case_model(case / "after.py")
    renamed, fresh = make_db(), make_db()
    apply_ops(renamed, diff(Model(), before))
    apply_ops(renamed, diff(before, after, renames=load_decisions(case)))
    apply_ops(fresh, diff(Model(), after))
    only_renamed, only_fresh = facts_diff(
        catalog_facts(renamed, kinds=("constraint",)), catalog_facts(fresh, kinds=("constraint",))
    )
    assert [f.split(" | ")[1] for f in only_renamed] == ["public.persons.people_id_not_null"]
    assert [f.split(" | ")[1] for f in only_fresh] == ["public.persons.persons_id_not_null"]
