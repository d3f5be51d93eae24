"""Changes that must keep the rows' values, run on real rows with the real runner and rollback.

The data-driven cases (tests/cases/) prove the schema each migration reaches; these prove what happens to
the data on the way (issue 11): a serial column turned identity (and back) keeps numbering where it
was, and a generated column turned plain keeps its values.
"""

from __future__ import annotations

from pathlib import Path

import psycopg

import pgshift
from pgshift.diff.differ import diff
from pgshift.diff.render import down_sql, migration_sql
from pgshift.model.schema import Model
from tests.test_cases import CASES, TRACKING_SCHEMA, load_case_model, run_cli, write_folder


def _case_folder(case: str, tmp_path: Path) -> Path:
    """The case as a migration folder (0000 creates `before`, 0001 is the case); returns the config."""
    before = load_case_model(CASES / case / "before.py")
    after = load_case_model(CASES / case / "after.py")
    create, ops = diff(Model(), before), diff(before, after)
    write_folder(
        tmp_path / "drizzle",
        [
            ("0000_before", migration_sql(create), down_sql(create)),
            ("0001_case", migration_sql(ops), down_sql(ops)),
        ],
    )
    config = tmp_path / "pgshift.toml"
    config.write_text(f'out = "drizzle"\nmigrations_schema = "{TRACKING_SCHEMA}"\n')
    return config


def _insert_ticket(conn: psycopg.Connection, title: str) -> int:
    row = conn.execute("INSERT INTO tickets (title) VALUES (%s) RETURNING id", (title,)).fetchone()
    assert row is not None
    return int(row[0])


def _numbering_continues(case: str, tmp_path: Path, db_url: str, db: psycopg.Connection) -> None:
    """Rows 1..3, row 3 deleted (so the sequence, not max(id), says what comes next: 4), migrate: the
    next insert gets 4; roll back: the next gets 5."""
    config = _case_folder(case, tmp_path)
    folder = tmp_path / "drizzle"
    pgshift.migrate(db_url, folder, config=config, to="0000_before")
    assert [_insert_ticket(db, t) for t in ("a", "b", "c")] == [1, 2, 3]
    db.execute("DELETE FROM tickets WHERE id = 3")

    pgshift.migrate(db_url, folder, config=config)
    assert _insert_ticket(db, "after up") == 4
    run_cli("rollback", "--yes", "--config", str(config), "--url", db_url)
    assert _insert_ticket(db, "after down") == 5
    titles = db.execute("SELECT id, title FROM tickets ORDER BY id").fetchall()
    assert titles == [(1, "a"), (2, "b"), (4, "after up"), (5, "after down")]


def test_serial_to_identity_continues_numbering_both_ways(tmp_path: Path, db_url: str, db) -> None:  # type: ignore[no-untyped-def]
    _numbering_continues("serial_to_identity", tmp_path, db_url, db)
    identity = db.execute(
        "SELECT attidentity FROM pg_attribute WHERE attrelid = 'tickets'::regclass AND attname = 'id'"
    ).fetchone()
    assert identity == ("",)  # rolled back to serial


def test_identity_to_serial_continues_numbering_both_ways(tmp_path: Path, db_url: str, db) -> None:  # type: ignore[no-untyped-def]
    _numbering_continues("identity_to_serial", tmp_path, db_url, db)


def test_generated_to_plain_keeps_values_and_rollback_recomputes(tmp_path: Path, db_url: str, db) -> None:  # type: ignore[no-untyped-def]
    config = _case_folder("generated_to_plain", tmp_path)
    folder = tmp_path / "drizzle"
    pgshift.migrate(db_url, folder, config=config, to="0000_before")
    db.execute("INSERT INTO boxes (id, w, h) VALUES (1, 2, 3), (2, 10, 20)")

    pgshift.migrate(db_url, folder, config=config)
    assert db.execute("SELECT id, area FROM boxes ORDER BY id").fetchall() == [(1, 6), (2, 200)]
    db.execute("UPDATE boxes SET area = 7 WHERE id = 1")  # a plain column now
    db.execute("INSERT INTO boxes (id, w, h, area) VALUES (3, 1, 1, 1000)")
    assert db.execute("SELECT id FROM big_boxes ORDER BY id").fetchall() == [(2,), (3,)]

    run_cli("rollback", "--yes", "--config", str(config), "--url", db_url)
    # Generated again: every value recomputed from w * h (the plain values are gone, as the down says).
    assert db.execute("SELECT id, area FROM boxes ORDER BY id").fetchall() == [(1, 6), (2, 200), (3, 1)]
    indexes = db.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'boxes' ORDER BY 1").fetchall()
    assert indexes == [("boxes_area_idx",), ("boxes_big_idx",), ("boxes_pkey",)]


def test_plain_to_generated_recomputes_and_rollback_keeps_the_computed_values(
    tmp_path: Path, db_url: str, db
) -> None:  # type: ignore[no-untyped-def]
    """The other way: the column is dropped and added back generated (its stored values are replaced,
    and generate says so); the down file makes it plain with DROP EXPRESSION, keeping what was computed."""
    config = _case_folder("plain_to_generated", tmp_path)
    folder = tmp_path / "drizzle"
    before = load_case_model(CASES / "plain_to_generated" / "before.py")
    after = load_case_model(CASES / "plain_to_generated" / "after.py")
    ops = diff(before, after)
    assert [h.kind.value for op in ops for h in op.hazards() if h.kind.value == "data-loss"] == ["data-loss"]
    pgshift.migrate(db_url, folder, config=config, to="0000_before")
    db.execute("INSERT INTO boxes (id, w, h, area) VALUES (1, 2, 3, 999), (2, 10, 20, NULL)")

    pgshift.migrate(db_url, folder, config=config)
    assert db.execute("SELECT id, area FROM boxes ORDER BY id").fetchall() == [(1, 6), (2, 200)]
    run_cli("rollback", "--yes", "--config", str(config), "--url", db_url)
    assert db.execute("SELECT id, area FROM boxes ORDER BY id").fetchall() == [(1, 6), (2, 200)]
    db.execute("UPDATE boxes SET area = 5 WHERE id = 1")  # plain again
