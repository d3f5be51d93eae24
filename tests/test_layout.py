"""The layout's one rule: data flows one way, so no module imports from a later stage.

Stages follow docs/architecture.md. Imports inside functions count too: a lazy import is still a
dependency on the later stage.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "pgshift"

# Top-level package or module -> stage. The application layer (api, commands, studio, cli) is last.
STAGES: dict[str, int] = {
    "errors": 0, "format": 0, "config": 0, "urls": 0, "devdb": 0, "catalog": 0, "pg": 0, "gcpause": 0, "forked": 0,
    "dataclass_cache": 0,
    "model": 1, "objects": 1, "sources": 2, "diff": 3, "folder": 4, "runner": 5, "lint": 6, "codegen": 7,
    "api": 8, "commands": 9, "studio": 9, "cli": 10, "__main__": 10, "__init__": 10,
}  # fmt: skip


def _part(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "pgshift":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "pgshift":
                found += [(node.lineno, f"pgshift.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return found


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_every_module_has_a_stage() -> None:
    for path in _modules():
        part = path.relative_to(SRC).parts[0].removesuffix(".py")
        assert part in STAGES, f"{path}: add its package to STAGES and docs/architecture.md"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_import_from_a_later_stage(path: Path) -> None:
    own = STAGES[path.relative_to(SRC).parts[0].removesuffix(".py")]
    if path.name == "__init__.py" and path.parent == SRC:
        own = STAGES["__init__"]
    later = []
    for line, module in _imports(path):
        part = _part(module)
        if part is None or part == "__version__":
            continue
        if STAGES.get(part, 0) > own:
            later.append(f"line {line}: {module} (stage {STAGES[part]} > {own})")
    assert not later, f"{path.relative_to(SRC)} imports from a later stage:\n  " + "\n  ".join(later)
