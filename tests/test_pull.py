"""pull: the code written for a database loads back into exactly the model that was read."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings

from pgshift.codegen.sqlalchemy_code import render_core, render_orm, tidy
from pgshift.diff.differ import diff
from pgshift.model.schema import Model
from pgshift.sources.from_sqlalchemy import model_from_metadata
from pgshift.sources.introspect import introspect
from pgshift.sources.load import load_metadata
from tests.test_cases import apply_ops, create_db_with
from tests.test_roundtrip import models

FIXTURES = Path(__file__).parent / "fixtures_schemas"
_counter = itertools.count()


def load_back(source: str, folder: Path) -> Model:
    name = f"pulled_{next(_counter)}.py"  # a fresh module name each time (ORM classes register globally)
    (folder / name).write_text(source)
    return model_from_metadata(load_metadata(name, folder))


@pytest.mark.parametrize("render", [render_core, render_orm], ids=["core", "orm"])
def test_every_feature_round_trips(render, make_db, tmp_path: Path):  # type: ignore[no-untyped-def]
    url = create_db_with(make_db, model_from_metadata(load_metadata("everything.py:metadata", FIXTURES)))
    with psycopg.connect(url) as conn:
        read = introspect(conn, schema_filter=["public", "crm"])
    assert load_back(tidy(render(read)), tmp_path) == read


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(s=models())
def test_property_pull_then_load_equals_introspection(s: Model, make_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = make_db()
    apply_ops(url, diff(Model(), s))
    with psycopg.connect(url) as conn:
        read = introspect(conn)
    for render in (render_core, render_orm):
        back = load_back(render(read), tmp_path)
        assert back == read, [op.describe() for op in diff(read, back)]
        assert diff(back, s) == []


def test_cli_adoption_flow(tmp_path: Path, db_url: str, db) -> None:  # type: ignore[no-untyped-def]
    db.execute(
        "CREATE TYPE mood AS ENUM ('ok', 'meh'); CREATE TABLE people (id serial PRIMARY KEY, "
        "name text NOT NULL, mood mood DEFAULT 'ok', CONSTRAINT people_name_check CHECK (name <> ''))"
    )
    env = {**os.environ, "DATABASE_URL": db_url}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pgshift", *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    first = run("pull", "--style", "core")
    assert first.returncode == 0, first.stderr
    assert "class Mood(enum.Enum)" in (tmp_path / "schema.py").read_text()
    assert (tmp_path / "drizzle" / "0000_baseline.sql").exists()
    assert run("pull").returncode == 2  # refuses to overwrite
    (tmp_path / "pgshift.toml").write_text('schema = "schema.py"\n')
    assert "No schema changes" in run("generate").stdout
    assert run("baseline", "--yes").returncode == 0
    status = run("status")
    assert status.returncode == 0, status.stdout + status.stderr


def test_index_keys_with_direction_opclass_and_collation_round_trip(make_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Issue 11, defect 4: index keys declared as text() (DESC, NULLS, opclass, COLLATE) read back from
    the server, are written as code by pull, and that code loads back to the same model."""
    from tests.test_cases import CASES, load_case_model

    after = load_case_model(CASES / "index_text_keys" / "after.py")
    url = create_db_with(make_db, after)
    with psycopg.connect(url) as conn:
        read = introspect(conn)
    collated = [e for i in read.tables[0].indexes for e in i.elements if e.collation]
    assert [(e.expression, e.collation, e.descending) for e in collated] == [("v", "C", True)]
    assert diff(read, after) == [] and diff(after, read) == []
    for render in (render_core, render_orm):
        assert load_back(tidy(render(read)), tmp_path) == read


def _baseline_files(folder: Path) -> dict[str, object]:
    import json

    snapshot = json.loads((folder / "meta" / "0000_snapshot.json").read_text())
    for volatile in ("id", "prevId"):
        snapshot.pop(volatile)
    return {
        "up": (folder / "0000_baseline.sql").read_text(),
        "down": (folder / "0000_baseline.down.sql").read_text(),
        "snapshot": snapshot,
        "tags": [e["tag"] for e in json.loads((folder / "meta" / "_journal.json").read_text())["entries"]],
    }


def test_the_baseline_made_in_a_forked_child_is_the_one_made_in_process(
    make_db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """pull makes the baseline's texts in a forked child while it renders the code (pgshift.forked). The
    files are the same with the child, without it, and when the child fails (the parent makes them)."""
    import pgshift.api.pull as pull_api
    from pgshift import forked
    from pgshift.config import Config

    url = create_db_with(make_db, model_from_metadata(load_metadata("everything.py:metadata", FIXTURES)))
    forks: list[object] = []
    real_start = forked.start

    def counted(call):  # type: ignore[no-untyped-def]
        child = real_start(call)
        forks.append(child)
        return child

    def pulled(name: str) -> dict[str, object]:
        root = tmp_path / name
        root.mkdir()
        config = Config(root=root, schema_filter=("public", "crm"))
        result = pull_api.pull(url, config=config, output=root / "schema.py")
        assert result.baseline == "0000_baseline"
        return {**_baseline_files(root / "drizzle"), "code": (root / "schema.py").read_text()}

    monkeypatch.setattr(forked, "start", counted)
    with_child = pulled("forked")
    assert forks and forks[-1] is not None  # the texts came from a child
    monkeypatch.setattr(forked, "start", lambda call: None)
    assert pulled("in_process") == with_child
    parent = os.getpid()
    real_sql = pull_api.baseline_sql

    def fails_in_the_child(model: Model) -> tuple[str, str]:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return real_sql(model)

    monkeypatch.setattr(forked, "start", counted)
    monkeypatch.setattr(pull_api, "baseline_sql", fails_in_the_child)
    assert pulled("child_failed") == with_child


def test_a_failed_write_leaves_no_forked_child_behind(make_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The code file cannot be written (its folder is a file): the error is the write's, no baseline is
    written, and the child making the baseline's SQL is stopped and reaped, not left blocked on its pipe."""
    import pgshift.api.pull as pull_api
    from pgshift.config import Config
    from tests.test_forked import _no_children_left

    url = create_db_with(make_db, model_from_metadata(load_metadata("everything.py:metadata", FIXTURES)))
    (tmp_path / "not_a_folder").write_text("")
    with pytest.raises(OSError):
        pull_api.pull(url, config=Config(root=tmp_path), output=tmp_path / "not_a_folder" / "schema.py")
    assert _no_children_left()
    assert not (tmp_path / "drizzle").exists()
