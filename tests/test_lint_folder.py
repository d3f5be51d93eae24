"""Linting a migration folder: each migration sees the snapshot before it (old column types, checks,
tables), and the hand-written heuristic (no .down.sql and a snapshot equal to the previous one)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pgshift.folder import files as fs
from pgshift.lint.folder import is_hand_written, lint_file, lint_folder

OK = Path(__file__).parent / "folders" / "ok" / "drizzle"


def _add(folder: Path, tag: str, sql: str, snapshot: dict, down: str | None = None) -> None:
    journal = fs.read_journal(folder)
    entry = fs.JournalEntry(len(journal.entries), "7", journal.entries[-1].when + 1000, tag)
    (folder / f"{tag}.sql").write_text(sql)
    if down is not None:
        (folder / f"{tag}.down.sql").write_text(down)
    fs.snapshot_path(folder, entry).write_text(json.dumps(snapshot))
    (folder / "meta" / "_journal.json").write_text(
        fs.journal_json(fs.Journal(entries=(*journal.entries, entry)))
    )


def _last_snapshot(folder: Path) -> dict:
    return json.loads(fs.snapshot_path(folder, fs.read_journal(folder).entries[-1]).read_text())


def test_type_change_uses_previous_snapshot(tmp_path: Path) -> None:
    folder = tmp_path / "drizzle"
    shutil.copytree(OK, folder)
    snap = _last_snapshot(folder)
    new = json.loads(json.dumps(snap)) | {"id": "c0000000-0000-0000-0000-000000000001", "prevId": snap["id"]}
    new["tables"]["public.t0"]["columns"]["id"]["type"] = "integer"
    _add(folder, "0003_shrink", 'ALTER TABLE "t0" ALTER COLUMN "id" SET DATA TYPE integer;\n', new, down="")
    [finding] = [f for f in lint_folder(folder) if f.rule == "column-type-rewrite"]
    assert finding.severity == "error" and "from bigint to integer" in finding.message
    # one file of the folder, named on the command line, still gets its journal context
    [alone] = [
        f for f in lint_file(folder / "0003_shrink.sql", display="x") if f.rule == "column-type-rewrite"
    ]
    assert alone.severity == "error" and "from bigint" in alone.message
    # a loose copy does not know the old type: a warning that it may rewrite
    copy = tmp_path / "loose.sql"
    shutil.copy(folder / "0003_shrink.sql", copy)
    [loose] = [f for f in lint_file(copy) if f.rule == "column-type-rewrite"]
    assert loose.severity == "warning" and "may rewrite" in loose.message


def test_hand_written_heuristic(tmp_path: Path) -> None:
    folder = tmp_path / "drizzle"
    shutil.copytree(OK, folder)
    snap = _last_snapshot(folder)
    custom = snap | {"id": "c0000000-0000-0000-0000-000000000002", "prevId": snap["id"]}
    _add(folder, "0003_custom", 'CREATE INDEX CONCURRENTLY "t0_idx" ON "t0" ("id");\n', custom)
    found = [f for f in lint_folder(folder) if f.rule == "non-idempotent"]
    assert [f.path.rsplit("/", 1)[-1] for f in found] == ["0003_custom.sql"]
    (folder / "0003_custom.down.sql").write_text("")
    assert not [f for f in lint_folder(folder) if f.rule == "non-idempotent"]
    assert is_hand_written(False, snap, snap) and not is_hand_written(False, custom | {"tables": {}}, snap)
    assert not is_hand_written(True, snap, snap)


def test_check_never_imports_sqlalchemy() -> None:
    code = (
        "import sys\nfrom pathlib import Path\nfrom pgshift.lint.paths import check_paths\n"
        f"check_paths([Path({str(OK)!r})])\nprint('SQLA', 'sqlalchemy' in sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "SQLA False" in proc.stdout, proc.stdout + proc.stderr


def _loose_jobs(tmp_path: Path, count: int) -> list:
    from pgshift.lint.folder import Job

    jobs = []
    for n in range(count):
        path = tmp_path / f"{n:03d}.sql"
        # files of different sizes, so the shares cut by bytes are uneven in count
        path.write_text(
            f'CREATE INDEX "i{n}" ON "users" ("name");\n' * (1 + n % 7) + 'UPDATE "t" SET "a" = 1;\n'
        )
        jobs.append(Job(path, path.name))
    return jobs


def test_parallel_lint_keeps_file_order_and_findings(tmp_path: Path, monkeypatch) -> None:
    import pgshift.lint.folder as folder

    jobs = _loose_jobs(tmp_path, 40)
    monkeypatch.setattr(folder, "PARALLEL_FROM", 10**9)
    serial = folder.run_jobs(jobs)
    monkeypatch.setattr(folder, "PARALLEL_FROM", 2)
    monkeypatch.setattr(folder.os, "cpu_count", lambda: 3)  # this process and two children
    assert folder.run_jobs(jobs) == serial
    assert [f.path for f in serial] == sorted(f.path for f in serial)


def test_parallel_lint_survives_a_dead_child(tmp_path: Path, monkeypatch) -> None:
    """A child killed before sending its findings: its share is linted in the parent, nothing is lost."""
    import os

    import pgshift.lint.folder as folder

    jobs = _loose_jobs(tmp_path, 12)
    monkeypatch.setattr(folder, "PARALLEL_FROM", 10**9)
    serial = folder.run_jobs(jobs)
    monkeypatch.setattr(folder, "PARALLEL_FROM", 2)
    monkeypatch.setattr(folder.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(folder, "_child", lambda *args: os._exit(9))
    assert folder.run_jobs(jobs) == serial


def test_parallel_lint_survives_a_child_dead_after_sending_some_findings(tmp_path: Path, monkeypatch) -> None:
    """A child that sent a few batches and then died: its findings so far are dropped and its whole
    share is linted in the parent, once (no file missing, none twice)."""
    import os

    import pgshift.lint.folder as folder

    jobs = _loose_jobs(tmp_path, 20)
    monkeypatch.setattr(folder, "PARALLEL_FROM", 10**9)
    serial = folder.run_jobs(jobs)
    parent, run_job = os.getpid(), folder.run_job
    done: list[object] = []

    def dies_in_the_child(job: object, config_severity: object = None) -> list:
        done.append(job)
        if os.getpid() != parent and len(done) > 4:
            os._exit(9)
        return run_job(job, config_severity)

    monkeypatch.setattr(folder, "PARALLEL_FROM", 2)
    monkeypatch.setattr(folder, "BATCH", 2)
    monkeypatch.setattr(folder.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(folder, "run_job", dies_in_the_child)
    assert folder.run_jobs(jobs) == serial


def test_an_error_in_the_parent_stops_the_children(tmp_path: Path, monkeypatch) -> None:
    """The parent failing mid-way (an interrupt, a bug) kills and reaps its forked linters: none is left
    running or as a zombie."""
    import os

    import pgshift.lint.folder as folder

    jobs = _loose_jobs(tmp_path, 20)
    parent, run_job, forked = os.getpid(), folder.run_job, []
    real_fork = folder._fork

    def remembered(*args: object) -> object:
        child = real_fork(*args)
        forked.append(child.pid)
        return child

    def fails_in_the_parent(job: object, config_severity: object = None) -> list:
        if os.getpid() == parent:
            raise KeyboardInterrupt
        return run_job(job, config_severity)

    monkeypatch.setattr(folder, "PARALLEL_FROM", 2)
    monkeypatch.setattr(folder.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(folder, "_fork", remembered)
    monkeypatch.setattr(folder, "run_job", fails_in_the_parent)
    with pytest.raises(KeyboardInterrupt):
        folder.run_jobs(jobs)
    assert len(forked) == 1
    with pytest.raises(ChildProcessError):  # already reaped
        os.waitpid(forked[0], os.WNOHANG)
