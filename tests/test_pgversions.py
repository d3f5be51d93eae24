"""What differs between PostgreSQL major versions (issue 11: the corpus on 15, 16 and newer).

The corpus round trips run on every server of tests/pgversions.py (``on_every_version``); this file
holds what those servers showed: the harness itself, the PostgreSQL 18 features pgshift now carries
(VIRTUAL generated columns, the default kind of generated column from 18 on; NOT ENFORCED CHECKs and
foreign keys; WITHOUT OVERLAPS keys; NOT NULL constraint names, user-given and following renames), and
the PostgreSQL 18 features it does not carry yet, each a named known gap that fails when it closes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from pgshift.api.generate import generate
from pgshift.api.migrate import migrate
from pgshift.api.push import push
from pgshift.api.status import status
from pgshift.codegen.sqlalchemy_code import render_core, render_orm
from pgshift.diff.differ import diff
from pgshift.diff.hazards import HazardKind
from pgshift.diff.kinds.column import RecomputeColumn, column_sql
from pgshift.diff.kinds.constraint import AddConstraint, SetEnforced, constraint_sql
from pgshift.diff.kinds.table import inline_primary_key
from pgshift.diff.renames import RenameDecisions, parse_rename_flag
from pgshift.format.drizzle import to_json
from pgshift.model.schema import (
    CheckConstraint,
    Column,
    ForeignKey,
    Model,
    PrimaryKey,
    SqlType,
    Table,
    UniqueConstraint,
    build_model,
)
from pgshift.sources.from_sqlalchemy import model_from_metadata
from pgshift.sources.introspect import introspect
from pgshift.sources.load import load_metadata
from pgshift.sources.snapshot import EMPTY_ID, model_to_snapshot, snapshot_to_model
from tests.catalog_facts import assert_same_facts, catalog_facts
from tests.pgversions import BUNDLED, MAIN, SERVERS, Bundled, Servers, Unavailable, major_of, unavailable
from tests.test_cases import CASES, apply_down, apply_ops, load_case_model, load_decisions
from tests.test_corpus_pgdump import round_trip
from tests.test_objects import project

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
    assert op.sql() == [
        'ALTER TABLE "public"."t" DROP COLUMN "b";',
        'ALTER TABLE "public"."t" ADD COLUMN "b" integer;',
    ]
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


# -- NOT ENFORCED constraints and WITHOUT OVERLAPS keys (PostgreSQL 18) ----------------------------------------

PG18_CONSTRAINTS = {
    "foreign_key_not_enforced": (
        "CREATE TABLE p (id int PRIMARY KEY);"
        "CREATE TABLE t (a int CONSTRAINT fk REFERENCES p NOT ENFORCED,"
        " b int, CONSTRAINT fk_d FOREIGN KEY (b) REFERENCES p DEFERRABLE INITIALLY DEFERRED NOT ENFORCED);"
    ),
    # NOT NULL constraints are named from 18 on: a user's name is kept (a PRIMARY KEY's are default-named)
    "named_not_null": "CREATE TABLE t (a int CONSTRAINT a_must NOT NULL, b int NOT NULL, c int PRIMARY KEY);",
    # a partition's own CHECK (the snapshot and the code keep those as name -> expression, plus a list)
    "partition_check_not_enforced": (
        "CREATE TABLE t (a int) PARTITION BY RANGE (a);"
        "CREATE TABLE t1 PARTITION OF t (CONSTRAINT c CHECK (a > 0) NOT ENFORCED) FOR VALUES FROM (0) TO (10);"
    ),
    "not_null_not_valid": (
        "CREATE TABLE t (a int, b int, c int); INSERT INTO t VALUES (NULL, NULL, NULL);"
        "ALTER TABLE t ADD CONSTRAINT a_nn NOT NULL a NOT VALID; ALTER TABLE t ADD CONSTRAINT t_b_not_null NOT NULL b NOT VALID;"
    ),
    "check_not_enforced": "CREATE TABLE t (a int CONSTRAINT pos CHECK (a > 0) NOT ENFORCED, b int CHECK (b < a));",
    "without_overlaps": (
        "CREATE EXTENSION btree_gist;"
        "CREATE TABLE t (id int, valid tstzrange, room int,"
        " PRIMARY KEY (id, valid WITHOUT OVERLAPS), CONSTRAINT room_free UNIQUE (room, valid WITHOUT OVERLAPS));"
    ),
}


def test_not_enforced_and_without_overlaps_sql() -> None:
    """Without a server: the clauses where PostgreSQL 18 writes them (a NOT ENFORCED constraint is added
    as it is, never NOT VALID then VALIDATE: PostgreSQL refuses to validate it), and a temporal key is
    never the inline ``PRIMARY KEY`` of its first column."""
    fk = ForeignKey("fk", ("a",), "public", "p", ("id",), deferrable=True, not_enforced=True)
    check = CheckConstraint("pos", "a > 0", not_enforced=True)
    assert constraint_sql(fk).endswith("ON UPDATE no action DEFERRABLE NOT ENFORCED")
    assert AddConstraint("public", "t", check, not_valid=True).sql() == [
        'ALTER TABLE "public"."t" ADD CONSTRAINT "pos" CHECK (a > 0) NOT ENFORCED;'
    ]
    kinds = {h.kind for h in AddConstraint("public", "t", check, not_valid=True).hazards()}
    assert kinds == {HazardKind.BLOCKS_READS}  # no scan, nothing that existing rows can fail
    key = PrimaryKey("t_pkey", ("id", "valid"), without_overlaps=True)
    assert constraint_sql(key) == 'CONSTRAINT "t_pkey" PRIMARY KEY("id","valid" WITHOUT OVERLAPS)'
    table = Table("public", "t", columns=(Column("id", SqlType("integer")),), primary_key=key)
    assert inline_primary_key(table) is None


@on_pg18
@pytest.mark.parametrize("case", sorted(PG18_CONSTRAINTS))
def test_pg18_constraints_round_trip(case: str, pg: str, make_db: Callable[[], str], tmp_path: Path) -> None:
    """Pulled, pushed and migrated to a fresh database: the same constraints, enforcement and periods
    (the independent facts read pg_constraint.conenforced and conperiod), no drift, nothing to generate."""
    planned, differing, config, fresh = round_trip(make_db, tmp_path, PG18_CONSTRAINTS[case])
    assert planned == set()
    assert differing == set()
    report = status(fresh, config=config)
    assert report.drift is not None and not report.drift.items, report.drift
    assert generate(config).tag is None


@on_pg18
@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("CONSTRAINT fk REFERENCES p", "CONSTRAINT fk REFERENCES p NOT ENFORCED", SetEnforced),
        ("CONSTRAINT fk REFERENCES p NOT ENFORCED", "CONSTRAINT fk REFERENCES p", SetEnforced),
        # a CHECK's enforcement cannot be altered ("cannot alter enforceability"): dropped and added
        ("CONSTRAINT pos CHECK (a > 0)", "CONSTRAINT pos CHECK (a > 0) NOT ENFORCED", AddConstraint),
        ("CONSTRAINT pos CHECK (a > 0) NOT ENFORCED", "CONSTRAINT pos CHECK (a > 0)", AddConstraint),
    ],
    ids=["fk_unenforce", "fk_enforce", "check_unenforce", "check_enforce"],
)
def test_enforcement_changes_go_up_and_down(
    before: str, after: str, expected: type, pg: str, make_db: Callable[[], str]
) -> None:
    """Each change reaches the target's constraints, and its down file gives them back."""
    start, target = make_db(), make_db()
    models = []
    for url, spelling in ((start, before), (target, after)):
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(
                f"CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE t (a int {spelling}); INSERT INTO p VALUES (1);"
                " INSERT INTO t VALUES (1)".encode()
            )
            models.append(introspect(conn, schema_filter=["public"]))
    constraints = lambda url: catalog_facts(url, kinds=("constraint",))  # noqa: E731
    expected_before = constraints(start)
    ops = diff(models[0], models[1])
    assert any(isinstance(op, expected) for op in ops), ops
    if expected is SetEnforced:
        assert len(ops) == 1 and ops[0].sql()[0].endswith(
            (after.endswith("NOT ENFORCED") and "NOT ENFORCED;") or " ENFORCED;"
        )
    apply_ops(start, ops)
    assert_same_facts(constraints(start), constraints(target))
    apply_down(start, ops)
    assert_same_facts(constraints(start), expected_before)


@on_pg18
@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("NOT NULL", "CONSTRAINT a_must NOT NULL"),
        ("CONSTRAINT a_must NOT NULL", "CONSTRAINT a_should NOT NULL"),
        ("CONSTRAINT a_must NOT NULL", "NOT NULL"),
        ("", "CONSTRAINT a_must NOT NULL"),
        ("CONSTRAINT a_must NOT NULL", ""),
    ],
    ids=["named", "renamed", "default_name", "set_named", "dropped"],
)
def test_not_null_name_changes_go_up_and_down(
    before: str, after: str, pg: str, make_db: Callable[[], str]
) -> None:
    """A NOT NULL constraint's name reaches the target (renamed where it exists; SET NOT NULL then
    renamed), and the down file gives the old one back."""
    start, target = make_db(), make_db()
    models = []
    for url, spelling in ((start, before), (target, after)):
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"CREATE TABLE t (a int {spelling}); INSERT INTO t VALUES (1)".encode())
            models.append(introspect(conn, schema_filter=["public"]))
    constraints = lambda url: catalog_facts(url, kinds=("constraint",))  # noqa: E731
    expected_before = constraints(start)
    ops = diff(models[0], models[1])
    assert ops
    apply_ops(start, ops)
    assert_same_facts(constraints(start), constraints(target))
    apply_down(start, ops)
    assert_same_facts(constraints(start), expected_before)


@pytest.mark.parametrize("pg", SERVERS, indirect=True)
def test_not_null_names_run_on_every_version(pg: str, make_db: Callable[[], str]) -> None:
    """The same migration on every server: a NOT NULL constraint named, renamed with its table and
    column, set with a name and renamed. Before 18 there is no such constraint and the renames do
    nothing; from 18 on the names are the ones a fresh database made from the target has."""

    def table(name: str, a: str, nn: str | None, b_nn: bool) -> Table:
        columns = (
            Column(a, SqlType("integer"), not_null=True, not_null_name=nn),
            Column("b", SqlType("integer"), not_null=b_nn, not_null_name="b_must" if b_nn else None),
            Column("c", SqlType("integer"), not_null=True),
        )
        return Table("public", name, columns=columns)

    before = build_model(tables=[table("t", "a", "a_must", False)])
    after = build_model(tables=[table("u", "z", None, True)])
    renames = RenameDecisions().with_rename(*parse_rename_flag("table:t=u"))
    renames = renames.with_rename(*parse_rename_flag("column:u.a=z"))
    url, fresh = make_db(), make_db()
    apply_ops(url, diff(Model(), before))
    ops = diff(before, after, renames=renames)
    apply_ops(url, ops)
    apply_ops(fresh, diff(Model(), after))
    assert_same_facts(catalog_facts(url, kinds=("constraint",)), catalog_facts(fresh, kinds=("constraint",)))


@on_pg18
@pytest.mark.parametrize(
    ("before", "after", "rows"),
    [
        ("", "ALTER TABLE t ADD CONSTRAINT a_nn NOT NULL a NOT VALID", "(NULL)"),  # added without a scan
        (
            "ALTER TABLE t ADD CONSTRAINT a_nn NOT NULL a NOT VALID",
            "ALTER TABLE t ALTER COLUMN a SET NOT NULL",
            "(1)",
        ),
        ("ALTER TABLE t ADD CONSTRAINT a_nn NOT NULL a NOT VALID", "", "(NULL)"),
    ],
    ids=["added_not_valid", "validated", "dropped"],
)
def test_not_valid_not_null_changes_go_up_and_down(
    before: str, after: str, rows: str, pg: str, make_db: Callable[[], str]
) -> None:
    """A NOT VALID NOT NULL (18) is added as one (rows with NULL stay), validated when the code says so,
    dropped and, by the down file, added back NOT VALID under its name."""
    start, target = make_db(), make_db()
    models = []
    for url, spelling in ((start, before), (target, after)):
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"CREATE TABLE t (a int); INSERT INTO t VALUES {rows}; {spelling}".encode())
            models.append(introspect(conn, schema_filter=["public"]))
    constraints = lambda url: catalog_facts(url, kinds=("constraint",))  # noqa: E731
    expected_before = constraints(start)
    ops = diff(models[0], models[1])
    assert ops
    apply_ops(start, ops)
    assert_same_facts(constraints(start), constraints(target))
    apply_down(start, ops)
    if "SET NOT NULL" in after:  # PostgreSQL cannot un-validate: the old name comes back, valid
        expected_before = [
            f.replace("NOT NULL a NOT VALID | false | false | false", "NOT NULL a | false | false | true")
            for f in expected_before
        ]
    assert_same_facts(constraints(start), expected_before)


@pytest.mark.parametrize("pg", SERVERS, indirect=True)
def test_declared_not_null_names_settle_on_every_version(
    pg: str, make_db: Callable[[], str], tmp_path: Path
) -> None:
    """Code naming a NOT NULL constraint: pushed, then nothing left to push; generated, migrated, and no
    drift. Before 18 the name is accepted and ignored (no constraint row to hold it), so a live database
    is compared with the code as that server holds it (``as_server_holds``), not asked forever to rename."""
    url = make_db()
    config = project(tmp_path, url, out="drizzle")
    (tmp_path / "schema.py").write_text(
        "from sqlalchemy import Column, Integer, MetaData, Table\n"
        "metadata = MetaData()\n"
        "t = Table('t', metadata, Column('id', Integer, primary_key=True),"
        " Column('a', Integer, nullable=False, info={'pgshift': {'not_null_name': 'a_must'}}))\n"
    )
    push(url, config=config)
    assert [op.describe() for op in push(url, config=config, dry_run=True).plan.operations] == []
    migrated = make_db()
    generate(config, name="all")
    migrate(migrated, config=config)
    report = status(migrated, config=config)
    assert report.drift is not None and not report.drift.items, report.drift
    named = any("public.t.a_must | n |" in f for f in catalog_facts(migrated, kinds=("constraint",)))
    assert named == (major_of(url) >= 18)


@on_pg18
def test_enforcement_changed_by_hand_is_one_drift_sentence(
    pg: str, make_db: Callable[[], str], tmp_path: Path
) -> None:
    """A foreign key switched off and a CHECK re-added NOT ENFORCED by hand: one sentence each, saying
    which side enforces it (not "made by hand" plus "missing" for the CHECK dropped and added)."""
    setup = "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE t (a int CONSTRAINT fk REFERENCES p, CONSTRAINT pos CHECK (a > 0));"
    _, _, config, fresh = round_trip(make_db, tmp_path, setup)
    with psycopg.connect(fresh, autocommit=True) as conn:
        conn.execute(
            "ALTER TABLE t ALTER CONSTRAINT fk NOT ENFORCED; ALTER TABLE t DROP CONSTRAINT pos;"
            "ALTER TABLE t ADD CONSTRAINT pos CHECK (a > 0) NOT ENFORCED"
        )
    report = status(fresh, config=config)
    assert report.drift is not None
    assert sorted(i.message for i in report.drift.items) == [
        "check constraint t.pos is NOT ENFORCED in the database but enforced in the schema",
        "foreign key t.fk is NOT ENFORCED in the database but enforced in the schema",
    ]


def test_pg18_constraints_survive_the_snapshot_and_the_code(tmp_path: Path) -> None:
    """Without a server: NOT ENFORCED, WITHOUT OVERLAPS and NOT NULL names go through the snapshot (under its
    ``"pgshift"`` key, Drizzle has none) and through pulled SQLAlchemy code (``info={'pgshift': ...}``)."""
    table = Table(
        "public",
        "t",
        columns=(
            Column("id", SqlType("integer"), not_null=True),  # key columns: SQLAlchemy makes them NOT NULL
            Column("valid", SqlType("tstzrange"), not_null=True),
            Column("a", SqlType("integer")),
            Column("b", SqlType("integer"), not_null=True, not_null_name="b_must"),
            Column("c", SqlType("integer"), not_null=True, not_null_not_valid=True),
        ),
        primary_key=PrimaryKey("t_pkey", ("id", "valid"), without_overlaps=True),
        unique_constraints=(UniqueConstraint("a_free", ("a", "valid"), without_overlaps=True),),
        check_constraints=(CheckConstraint("pos", "a > 0", not_enforced=True),),
        foreign_keys=(ForeignKey("fk", ("a",), "public", "t", ("id",), not_enforced=True),),
    )
    model = build_model(tables=[table])
    snapshot = json.loads(to_json(model_to_snapshot(model, id="a", prev_id=EMPTY_ID)))
    extras = snapshot["pgshift"]["tableExtras"]["public.t"]  # (drizzle-kit's table entries are strict)
    assert extras["checkConstraints"]["pos"] == {"notEnforced": True}
    assert "pgshift" not in snapshot["tables"]["public.t"]["checkConstraints"]["pos"]
    assert snapshot_to_model(snapshot, where="the test") == model
    for style, render in (("core", render_core), ("orm", render_orm)):
        code = tmp_path / f"{style}.py"
        code.write_text(render(model))
        assert "info={'pgshift': {'not_enforced': True}}" in code.read_text()
        assert "info={'pgshift': {'without_overlaps': True}}" in code.read_text()
        assert "info={'pgshift': {'not_null_name': 'b_must'}}" in code.read_text()
        assert "info={'pgshift': {'not_null_not_valid': True}}" in code.read_text()
        assert model_from_metadata(load_metadata(str(code), tmp_path)) == model, style


# -- PostgreSQL 18 features not carried yet: known gaps ------------------------------------------------------

# Each: the setup, and the (kind, object) facts in which the migrated copy differs from it. Push of the
# pulled code plans nothing for any of them (the model has no field for what is lost).
GAPS_18 = {
    # NOT NULL constraints are pg_constraint rows with names from 18 on; pgshift models NOT NULL as a
    # column flag with its name and NOT VALID (above), so NO INHERIT is lost: the copy's is inherited.
    "not_null_no_inherit": (
        "CREATE TABLE t (a int NOT NULL NO INHERIT);",
        {("constraint", "public.t.t_a_not_null")},
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
@pytest.mark.parametrize(
    "name", ["rename_table", "rename_serial_column_long_names", "rename_table_with_keys"]
)
def test_pg18_renamed_table_or_column_gets_its_not_null_names(
    name: str, pg: str, make_db: Callable[[], str]
) -> None:
    """PostgreSQL 18 names NOT NULL constraints ``<table>_<column>_not_null`` and keeps the old name when
    the table or column is renamed; pgshift renames them with it (only where they exist: the same SQL
    does nothing more on 15 and 16), so the renamed table holds the constraints a fresh one does, both
    ways (the down file's renames give the old names back)."""
    case = CASES / name
    before, after = load_case_model(case / "before.py"), load_case_model(case / "after.py")
    renamed, fresh, fresh_before = make_db(), make_db(), make_db()
    apply_ops(renamed, diff(Model(), before))
    ops = diff(before, after, renames=load_decisions(case))
    apply_ops(renamed, ops)
    apply_ops(fresh, diff(Model(), after))
    apply_ops(fresh_before, diff(Model(), before))
    constraints = lambda url: catalog_facts(url, kinds=("constraint",))  # noqa: E731
    assert any("_not_null | n |" in fact for fact in constraints(fresh))  # the server names them
    assert_same_facts(constraints(renamed), constraints(fresh))
    apply_down(renamed, ops)
    assert_same_facts(constraints(renamed), constraints(fresh_before))
