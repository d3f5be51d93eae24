"""The same starting point as the casts_operators case (its before.py, read as it is)."""

import runpy
from pathlib import Path

model = runpy.run_path(str(Path(__file__).parents[1] / "casts_operators" / "before.py"))["model"]
