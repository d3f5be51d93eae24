# Only comments change: COMMENT ON each object, nothing dropped or created again; the down file puts
# the old text back, or NULL where there was none.
import runpy
from pathlib import Path

created = runpy.run_path(str(Path(__file__).parent.parent / "comments_every_kind_create" / "after.py"))
model = created["model"]
