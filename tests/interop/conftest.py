"""Fixtures for running the real drizzle-kit and drizzle-orm (pinned in package-lock.json).

``scripts/test.sh`` runs ``npm ci`` here. Without node on the machine these tests are skipped with the
reason; with node but without node_modules they fail, since that is a set-up error.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is an interop test, so ``-m "not interop"`` runs without Node."""
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.interop)


@dataclass(frozen=True)
class Drizzle:
    root: Path

    def kit(self, *args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run ``drizzle-kit`` with ``args`` in ``cwd``."""
        return self._run([str(self.root / "node_modules" / ".bin" / "drizzle-kit"), *args], cwd, check)

    def migrate(
        self,
        url: str,
        folder: Path,
        migrations_schema: str = "drizzle",
        migrations_table: str = "__drizzle_migrations",
        check: bool = True,
    ) -> subprocess.CompletedProcess[str]:
        """Apply ``folder`` to ``url`` with drizzle-orm's migrator."""
        script = str(self.root / "migrate.mjs")
        return self._run(
            ["node", script, url, str(folder), migrations_schema, migrations_table], self.root, check
        )

    def link_modules(self, project: Path) -> None:
        """Make node_modules resolvable from a scratch project (for TypeScript schema files)."""
        target = project / "node_modules"
        if not target.exists():
            target.symlink_to(self.root / "node_modules", target_is_directory=True)

    @staticmethod
    def _run(cmd: list[str], cwd: Path, check: bool) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=180)
        if check and proc.returncode != 0:
            raise AssertionError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        return proc


@pytest.fixture(scope="session")
def drizzle() -> Drizzle:
    if shutil.which("node") is None:
        pytest.skip("node is not installed: the drizzle interoperability tests need it")
    if not (HERE / "node_modules" / ".bin" / "drizzle-kit").exists():
        pytest.fail(
            "tests/interop/node_modules is missing: run `cd tests/interop && npm ci` (scripts/test.sh does)"
        )
    return Drizzle(HERE)


@pytest.fixture
def drizzle_node(drizzle: Drizzle) -> Drizzle:
    """Alias used by the migrator interop tests."""
    return drizzle
