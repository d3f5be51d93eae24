"""Benchmark: `pgshift migrate` and `pgshift status --no-drift` with nothing pending, against the peers.

    python bench/noop/run.py [--migrations 20] [--runs 15] [--no-write]

Three equivalent databases, each brought up to date once by its own tool from the same 20 migrations
(bench/_folder.py): pgshift's, drizzle-kit's (`drizzle-kit migrate`, drizzle-orm's migrator, same
folder) and Alembic's (one revision per migration running the same SQL). Then, round-robin in one
run: the driver floor (`python -c "import psycopg; psycopg.connect(url).execute('select 1')"`),
`pgshift migrate`, `pgshift status --no-drift`, `drizzle-kit migrate`, `alembic upgrade head`.
Targets (issue 13): pgshift within 1.15x of the floor; >= 1.9x faster than drizzle-kit and >= 2.3x
faster than alembic (medians). Peers that are not installed are skipped and said so.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import (
    PY,
    QUICK,
    REPO,
    Sample,
    compare,
    fmt_s,
    fresh_database,
    have,
    med,
    run,
    skipped,
    verdict,
    version,
)
from _folder import write_folder
from _results import write_section

ALEMBIC_ENV = """
from alembic import context
from sqlalchemy import create_engine

engine = create_engine(context.config.get_main_option("sqlalchemy.url"))
with engine.connect() as connection:
    context.configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()
"""

ALEMBIC_REVISION = """
from pathlib import Path

from alembic import op

revision = {rev!r}
down_revision = {down!r}
branch_labels = None
depends_on = None


def upgrade():
    op.execute((Path(__file__).parents[2] / "drizzle" / "{tag}.sql").read_text())
"""


def setup_alembic(project: Path, url: str, tags: list[str]) -> None:
    (project / "alembic" / "versions").mkdir(parents=True)
    sa_url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    (project / "alembic.ini").write_text(f"[alembic]\nscript_location = alembic\nsqlalchemy.url = {sa_url}\n")
    (project / "alembic" / "env.py").write_text(ALEMBIC_ENV)
    down = None
    for i, tag in enumerate(tags):
        rev = f"r{i:04d}"
        (project / "alembic" / "versions" / f"{rev}.py").write_text(
            ALEMBIC_REVISION.format(rev=rev, down=down, tag=tag)
        )
        down = rev


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--migrations", type=int, default=5 if QUICK else 20)
    parser.add_argument("--runs", type=int, default=1 if QUICK else 15)
    parser.add_argument("--no-write", action="store_true", default=QUICK)
    args = parser.parse_args()

    project = Path(tempfile.mkdtemp(prefix="pgshift-bench-noop-"))
    tags = write_folder(project / "drizzle", args.migrations)
    pgshift = have("pgshift") or "pgshift"
    commands: dict[str, list[str]] = {}

    url = fresh_database("pgshift_bench_noop")
    (project / "pgshift.toml").write_text(f'out = "drizzle"\nurl = "{url}"\n')
    run([pgshift, "migrate"], project)
    commands["floor: python -c 'import psycopg; connect; select 1'"] = [
        PY,
        "-c",
        f"import psycopg; psycopg.connect({url!r}).execute('select 1')",
    ]
    commands["pgshift migrate"] = [pgshift, "migrate"]
    commands["pgshift status --no-drift"] = [pgshift, "status", "--no-drift"]

    dk = have("drizzle-kit")
    if dk:
        dk_url = fresh_database("pgshift_bench_noop_drizzle")
        dk_project = project / "dk"
        dk_project.mkdir()
        (dk_project / "node_modules").symlink_to(REPO / "tests" / "interop" / "node_modules")
        (dk_project / "drizzle").symlink_to(project / "drizzle")
        (dk_project / "drizzle.config.js").write_text(
            "module.exports = { dialect: 'postgresql', out: './drizzle', "
            f"dbCredentials: {{ url: {dk_url!r} }} }};\n"
        )
        run([dk, "migrate"], dk_project)
        commands["drizzle-kit migrate"] = [dk, "migrate"]
    else:
        skipped(
            "drizzle-kit migrate",
            "tests/interop/node_modules has no drizzle-kit (cd tests/interop && npm ci)",
        )

    alembic = have("alembic")
    if alembic:
        al_url = fresh_database("pgshift_bench_noop_alembic")
        al_project = project / "al"
        al_project.mkdir()
        (al_project / "drizzle").symlink_to(project / "drizzle")
        setup_alembic(al_project, al_url, tags)
        run([alembic, "upgrade", "head"], al_project)
        commands["alembic upgrade head"] = [alembic, "upgrade", "head"]
    else:
        skipped("alembic upgrade head", "alembic is not installed (pip install -e '.[bench]')")

    def runner(label: str, cmd: list[str]):  # type: ignore[no-untyped-def]
        cwd = {"drizzle-kit migrate": project / "dk", "alembic upgrade head": project / "al"}.get(
            label, project
        )
        ok = (0, 1) if "status" in label else (0,)
        return lambda: run(cmd, cwd, ok=ok)

    results = compare({label: runner(label, cmd) for label, cmd in commands.items()}, args.runs)
    for label, samples in results.items():
        print(f"{label:56} median {fmt_s(med(samples))}  min {fmt_s(min(s.wall for s in samples))}  "
              f"cpu {fmt_s(med(samples, 'cpu'))}  rss {max(s.rss for s in samples):.0f} MiB", flush=True)  # fmt: skip
    status_out = results["pgshift status --no-drift"][-1].out
    assert "up to date" in status_out, status_out
    if args.no_write:
        return
    write_section("noop", report(results, args))
    print("wrote bench/RESULTS.md")


def report(results: dict[str, list[Sample]], args: argparse.Namespace) -> str:
    floor_label = next(iter(results))
    floor = med(results[floor_label])
    rows = "\n".join(
        f"| `{label.removeprefix('floor: ')}` | {fmt_s(med(s))} | {fmt_s(min(x.wall for x in s))} | "
        f"{fmt_s(med(s, 'cpu'))} | {max(x.rss for x in s):.0f} MiB |"
        for label, s in results.items()
    )
    lines = []
    for ours in ("pgshift migrate", "pgshift status --no-drift"):
        m = med(results[ours])
        lines.append(
            f"- `{ours}` / floor: **{m / floor:.2f}x** wall (CPU "
            f"{med(results[ours], 'cpu') / med(results[floor_label], 'cpu'):.2f}x; target <= 1.15x): "
            f"{verdict(m <= 1.15 * floor)}"
        )
    m = med(results["pgshift migrate"])
    for peer, target in (("drizzle-kit migrate", 1.9), ("alembic upgrade head", 2.3)):
        if peer in results:
            r = med(results[peer]) / m
            lines.append(
                f"- `{peer}` / `pgshift migrate`: **{r:.2f}x** (target >= {target}x): {verdict(r >= target)}"
            )
        else:
            lines.append(f"- `{peer}`: not installed, not measured")
    pgshift = have("pgshift") or "pgshift"
    probe = "import psycopg; print('psycopg', psycopg.__version__)"
    versions = f"{version([pgshift, '--version'])}; {version([sys.executable, '-c', probe])}"
    if have("drizzle-kit"):
        versions += f"; {version([str(have('drizzle-kit')), '--version'])}"
    if have("alembic"):
        versions += f"; {version([str(have('alembic')), '--version'])}"
    return f"""## No-op `migrate` / `status --no-drift` ({args.migrations} migrations, all applied)

Command: `python bench/noop/run.py --migrations {args.migrations} --runs {args.runs}` (whole process, round-robin,
{args.runs} runs each after a warm-up; each tool on its own up-to-date database on localhost; {versions}).

| command | median wall | min wall | median CPU | peak RSS |
|---|---|---|---|---|
{rows}

{chr(10).join(lines)}"""


if __name__ == "__main__":
    main()
