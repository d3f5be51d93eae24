"""Generator of the tests/folders cases (run once; the cases are committed as files: python tests/folders/make_cases.py)."""

import json
import shutil
from pathlib import Path

ROOT = Path("/work/main/tests/folders")
ZERO = "00000000-0000-0000-0000-000000000000"


def snap(sid, prev, tables=(), version="7"):
    t = {}
    for name in tables:
        t[f"public.{name}"] = {
            "name": name,
            "schema": "",
            "columns": {"id": {"name": "id", "type": "bigint", "primaryKey": True, "notNull": True}},
            "indexes": {},
            "foreignKeys": {},
            "compositePrimaryKeys": {},
            "uniqueConstraints": {},
            "policies": {},
            "checkConstraints": {},
            "isRLSEnabled": False,
        }
    return {
        "id": sid,
        "prevId": prev,
        "version": version,
        "dialect": "postgresql",
        "tables": t,
        "enums": {},
        "schemas": {},
        "sequences": {},
        "roles": {},
        "policies": {},
        "views": {},
        "_meta": {"columns": {}, "schemas": {}, "tables": {}},
    }


def uid(n):
    return f"{n:08d}-0000-4000-8000-000000000000"


def build(case, entries, expected, extra=None):
    d = ROOT / case / "drizzle"
    if d.parent.exists():
        shutil.rmtree(d.parent)
    (d / "meta").mkdir(parents=True)
    journal = {"version": "7", "dialect": "postgresql", "entries": []}
    for e in entries:
        journal["entries"].append(
            {"idx": e["idx"], "version": "7", "when": e["when"], "tag": e["tag"], "breakpoints": True}
        )
        if e.get("sql", True):
            (d / f"{e['tag']}.sql").write_text(
                e.get("text", f'CREATE TABLE "{e["table"]}" ("id" bigint PRIMARY KEY NOT NULL);\n')
            )
        if e.get("snapshot", True):
            (d / "meta" / f"{e['tag'].split('_')[0]}_snapshot.json").write_text(
                json.dumps(e["snap"], indent=2)
            )
    (d / "meta" / "_journal.json").write_text(json.dumps(journal, indent=2))
    if extra:
        extra(d)
    (ROOT / case / "expected.json").write_text(json.dumps(expected, indent=2) + "\n")


def chain(n, **over):
    out, prev, tables = [], ZERO, []
    for i in range(n):
        tables.append(f"t{i}")
        e = {
            "idx": i,
            "when": 1700000000000 + i * 1000,
            "tag": f"{i:04d}_t{i}",
            "table": f"t{i}",
            "snap": snap(uid(i + 1), prev, tables),
        }
        prev = uid(i + 1)
        out.append(e)
    return out


build("ok", chain(3), [])
e = chain(3)
e[2]["sql"] = False
build("missing_sql", e, [{"rule": "folder-missing-sql", "severity": "error", "path": "drizzle/0002_t2.sql"}])
e = chain(3)
e[1]["snapshot"] = False
build(
    "missing_snapshot",
    e,
    [
        {"rule": "folder-missing-snapshot", "severity": "error", "path": "drizzle/meta/0001_snapshot.json"},
        {"rule": "folder-chain-break", "severity": "error", "path": "drizzle/meta"},
    ],
)
build(
    "stray_sql",
    chain(2),
    [{"rule": "folder-stray-sql", "severity": "warning", "path": "drizzle/0002_forgotten.sql"}],
    extra=lambda d: (d / "0002_forgotten.sql").write_text('ALTER TABLE "t0" ADD COLUMN "x" text;\n'),
)
# two branches generated 0002 on top of 0001; the journal was hand-merged keeping both entries
e = chain(3)
b = {
    "idx": 3,
    "when": 1700000003000,
    "tag": "0003_t3",
    "table": "t3",
    "snap": snap(uid(9), uid(2), ["t0", "t1", "t3"]),
}
build("collision", [*e, b], [{"rule": "folder-collision", "severity": "error", "path": "drizzle/meta"}])
e = chain(3)
e[2]["snap"]["prevId"] = uid(77)
build("chain_break", e, [{"rule": "folder-chain-break", "severity": "error", "path": "drizzle/meta"}])
e = chain(3)
e[2]["idx"] = 1
build(
    "duplicate_idx",
    e,
    [
        {"rule": "folder-duplicate-idx", "severity": "error", "path": "drizzle/meta/_journal.json"},
        {"rule": "folder-idx-gap", "severity": "error", "path": "drizzle/meta/_journal.json"},
    ],
)
e = chain(3)
e[2]["when"] = e[0]["when"] - 5
build(
    "when_order",
    e,
    [{"rule": "folder-when-order", "severity": "error", "path": "drizzle/meta/_journal.json"}],
)
e = chain(3)
e[2]["idx"] = 5
build("idx_gap", e, [{"rule": "folder-idx-gap", "severity": "error", "path": "drizzle/meta/_journal.json"}])
e = chain(2)
e[1]["snap"]["version"] = "5"
build(
    "old_snapshot_version",
    e,
    [{"rule": "folder-snapshot-version", "severity": "error", "path": "drizzle/meta/0001_snapshot.json"}],
)


def bad_journal(d):
    (d / "meta" / "_journal.json").write_text('{"version": "7", "dialect": "postgresql", "entries": [')


build(
    "journal_invalid",
    chain(1),
    [{"rule": "folder-journal-invalid", "severity": "error", "path": "drizzle/meta/_journal.json"}],
    extra=bad_journal,
)
e = chain(2)
e[1]["tag"] = "0000_t0"
e[1]["snap"] = e[0]["snap"]
build(
    "duplicate_tag",
    e,
    [
        {"rule": "folder-duplicate-tag", "severity": "error", "path": "drizzle/meta/_journal.json"},
        {
            "rule": "folder-duplicate-snapshot-id",
            "severity": "error",
            "path": "drizzle/meta/0000_snapshot.json",
        },
        {"rule": "folder-collision", "severity": "error", "path": "drizzle/meta"},
        {"rule": "folder-shared-snapshot", "severity": "error", "path": "drizzle/meta/0000_snapshot.json"},
    ],
)
# a full-schema recreation: the snapshot chain was reset and 0002 creates t0 and t1 again
e = chain(3)
e[2]["text"] = (
    'CREATE TABLE "t0" ("id" bigint PRIMARY KEY NOT NULL);\n--> statement-breakpoint\nCREATE TABLE "t2" ("id" bigint PRIMARY KEY NOT NULL);\n'
)
build(
    "full_schema_recreation",
    e,
    [{"rule": "recreates-existing-table", "severity": "error", "path": "drizzle/0002_t2.sql", "line": 1}],
)
