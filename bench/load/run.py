"""Migrations under load: 8 pgbench writers on a 2M-row table while a migration runs.

Three runs, each on a fresh database, writers running throughout (INSERT + UPDATE, `pgbench -c 8`):

1. ``pgshift``: the migration as pgshift writes it and runs it (an index built concurrently, a foreign
   key and a CHECK added NOT VALID then validated in a later transaction group, a column with a constant
   default, SET NOT NULL proven by a validated CHECK first), through ``pgshift migrate``;
2. ``naive``: the same changes as plain SQL (CREATE INDEX, ADD CONSTRAINT validating at once, SET NOT
   NULL scanning under ACCESS EXCLUSIVE), run in one transaction with psql;
3. ``pgshift + idle blocker``: as 1, with a session idle in transaction holding ACCESS SHARE on the
   table for the first 6 seconds (a forgotten psql), at default settings.

Reported per run: failed writer transactions, maximum and p99 writer latency (from pgbench's per
transaction log), throughput, the migration's wall time and, for 3, the lines naming the blocker.

    python bench/load/run.py [--rows 2000000] [--seconds 25]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _results import write_section

SERVER = os.environ.get("PGSHIFT_BENCH_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
BP = "\n--> statement-breakpoint\n"

PGSHIFT_SQL = [
    'CREATE INDEX CONCURRENTLY IF NOT EXISTS "accounts_owner_idx" ON "accounts" ("owner_id");',
    'ALTER TABLE "accounts" ADD CONSTRAINT "accounts_owner_fk" FOREIGN KEY ("owner_id") REFERENCES "owners"("id") NOT VALID;',
    'ALTER TABLE "accounts" ADD CONSTRAINT "accounts_balance_check" CHECK ("balance" > -1000000) NOT VALID;',
    'ALTER TABLE "accounts" ADD CONSTRAINT "accounts_region_nn" CHECK ("region" IS NOT NULL) NOT VALID;',
    'ALTER TABLE "accounts" VALIDATE CONSTRAINT "accounts_owner_fk";',
    'ALTER TABLE "accounts" VALIDATE CONSTRAINT "accounts_balance_check";',
    'ALTER TABLE "accounts" VALIDATE CONSTRAINT "accounts_region_nn";',
    'ALTER TABLE "accounts" ADD COLUMN "status" text DEFAULT \'active\' NOT NULL;',
    'ALTER TABLE "accounts" ALTER COLUMN "region" SET NOT NULL;',
    'ALTER TABLE "accounts" DROP CONSTRAINT "accounts_region_nn";',
]
NAIVE_SQL = """
BEGIN;
CREATE INDEX accounts_owner_idx ON accounts (owner_id);
ALTER TABLE accounts ADD CONSTRAINT accounts_owner_fk FOREIGN KEY (owner_id) REFERENCES owners (id);
ALTER TABLE accounts ADD CONSTRAINT accounts_balance_check CHECK (balance > -1000000);
ALTER TABLE accounts ADD COLUMN status text DEFAULT 'active' NOT NULL;
ALTER TABLE accounts ALTER COLUMN region SET NOT NULL;
COMMIT;
"""
WRITER = """\\set id random(1, {rows})
\\set owner random(1, 1000)
UPDATE accounts SET balance = balance + 1 WHERE id = :id;
INSERT INTO accounts (owner_id, balance, region) VALUES (:owner, 0, 'eu');
"""


def url_of(name: str) -> str:
    return SERVER.rsplit("/", 1)[0] + "/" + name


def fresh_db(name: str, rows: int) -> str:
    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    url = url_of(name)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE owners (id int PRIMARY KEY)")
        conn.execute("INSERT INTO owners SELECT generate_series(1, 1000)")
        conn.execute(
            "CREATE TABLE accounts (id bigserial PRIMARY KEY, owner_id int NOT NULL, balance int NOT NULL, "
            "region text)"
        )
        conn.execute(
            f"INSERT INTO accounts (owner_id, balance, region) "
            f"SELECT 1 + g % 1000, g % 100, 'eu' FROM generate_series(1, {rows}) g"
        )
        conn.execute("VACUUM ANALYZE accounts")
    return url


def write_folder(root: Path) -> Path:
    folder = root / "drizzle"
    (folder / "meta").mkdir(parents=True)
    (folder / "0000_safe.sql").write_text(BP.join(PGSHIFT_SQL))
    (folder / "meta" / "_journal.json").write_text(
        '{"version": "7", "dialect": "postgresql", "entries": [{"idx": 0, "version": "7", "when": 1, '
        '"tag": "0000_safe", "breakpoints": true}]}'
    )
    return folder


def latencies(log_dir: Path) -> list[float]:
    """Per-transaction latencies in ms from pgbench -l logs (field 3 is microseconds)."""
    out: list[float] = []
    for path in log_dir.glob("pgbench_log.*"):
        for line in path.read_text().splitlines():
            parts = line.split()
            if len(parts) >= 3 and parts[2].isdigit():
                out.append(int(parts[2]) / 1000)
    return sorted(out)


def run(name: str, rows: int, seconds: int, migrate: list[str], blocker_s: float = 0.0) -> dict[str, object]:
    url = fresh_db(f"pgshift_load_{name}", rows)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        script = work / "writer.sql"
        script.write_text(WRITER.format(rows=rows))
        bench = subprocess.Popen(
            ["pgbench", "-n", "-c", "8", "-j", "2", "-T", str(seconds), "-f", str(script), "-l",
             "--log-prefix", str(work / "pgbench_log"), url],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=work,
        )  # fmt: skip
        time.sleep(3)  # writers at full speed first
        blocker_lines: list[str] = []
        if blocker_s:

            def hold() -> None:
                with psycopg.connect(url, application_name="forgotten-psql") as conn:
                    conn.execute("SELECT count(*) FROM accounts WHERE id = 1")  # ACCESS SHARE, then idle
                    time.sleep(blocker_s)

            threading.Thread(target=hold, daemon=True).start()
            time.sleep(0.3)
        began = time.monotonic()
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        folder = write_folder(work)
        cmd = [arg.replace("{url}", url).replace("{folder}", str(folder)) for arg in migrate]
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
        took = time.monotonic() - began
        out, _ = bench.communicate(timeout=seconds + 120)
        lat = latencies(work)
    failed = 0
    tps = 0.0
    for line in out.splitlines():
        if line.startswith("number of failed transactions"):
            failed = int(line.split(":")[1].split()[0])
        if line.startswith("tps ="):
            tps = float(line.split()[2])
    if blocker_s:
        blocker_lines = [ln for ln in proc.stderr.splitlines() if "lock timeout" in ln or "blocked by" in ln]
    p99 = lat[int(len(lat) * 0.99)] if lat else 0.0
    return {
        "name": name,
        "rc": proc.returncode,
        "stderr": proc.stderr,
        "took": took,
        "failed": failed,
        "max": lat[-1] if lat else 0.0,
        "p99": p99,
        "tps": tps,
        "transactions": len(lat),
        "blocker_lines": blocker_lines,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--seconds", type=int, default=25)
    args = parser.parse_args()
    pgshift = [sys.executable, "-m", "pgshift", "migrate", "--url", "{url}", "--out", "{folder}"]
    naive = ["psql", "-v", "ON_ERROR_STOP=1", "-q", "-d", "{url}", "-c", NAIVE_SQL]
    results = [
        run("pgshift", args.rows, args.seconds, pgshift),
        run("naive", args.rows, args.seconds, naive),
        run("blocked", args.rows, args.seconds, pgshift, blocker_s=6.0),
    ]
    labels = {
        "pgshift": "pgshift migrate (generated: CONCURRENTLY, NOT VALID + VALIDATE in later groups)",
        "naive": "naive SQL in one transaction (plain CREATE INDEX, validating ADD CONSTRAINT)",
        "blocked": "pgshift migrate, idle-in-transaction session holding ACCESS SHARE for 6 s",
    }
    rows = []
    for r in results:
        rows.append(
            f"| {labels[str(r['name'])]} | {'ok' if r['rc'] == 0 else 'exit ' + str(r['rc'])} | {r['took']:.1f} s "
            f"| {r['failed']} | {r['max']:.0f} ms | {r['p99']:.0f} ms | {r['tps']:.0f} |"
        )
        print(
            r["name"],
            r["rc"],
            f"{r['took']:.1f}s max {r['max']:.0f}ms p99 {r['p99']:.0f}ms tps {r['tps']:.0f}",
        )
        if r["rc"]:
            print(r["stderr"])
    blocked = results[2]["blocker_lines"]
    shown = "\n".join(f"    {line}" for line in list(blocked)[:2]) or "    (none: the blocker was gone first)"
    body = f"""## load: migrations under 8 pgbench writers on a {args.rows:,}-row table

Command: `python bench/load/run.py --rows {args.rows} --seconds {args.seconds}` (pgbench `-c 8 -j 2`, each
transaction one UPDATE by primary key and one INSERT on `accounts`; the migration starts 3 s in; latencies from
pgbench's per-transaction log; the machine is shared with other work, so figures are indicative).

| migration | result | wall time | failed writer tx | max writer latency | p99 | writer tps |
|---|---|---|---|---|---|---|
{chr(10).join(rows)}

What the user saw while the idle session blocked (pgshift's retry lines on stderr):

{shown}
"""
    write_section("load", body)


if __name__ == "__main__":
    main()
