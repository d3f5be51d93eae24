"""``status``: every migration of the folder against the tracking table, plus schema drift."""

from __future__ import annotations

from dataclasses import replace

from pgshift.api._common import ConfigLike, as_config, database_errors, require_url
from pgshift.runner.options import tracking_table
from pgshift.runner.plan import StatusReport


def status(url: str | None = None, *, config: ConfigLike = None, drift: bool = True) -> StatusReport:
    """Applied, pending, modified and missing migrations, and (``drift=True``) differences between the
    live schema and the newest applied snapshot. ``report.exit_code`` is 0 when up to date, else 1.
    Read-only: nothing is created, not even the tracking table."""
    from pgshift.runner.plan import build_status
    from pgshift.runner.run import connect

    cfg = as_config(config)
    target = require_url(url, cfg, "status")
    table = tracking_table(cfg)
    with connect(target) as conn, database_errors():
        report = build_status(conn, cfg.out_dir, table)
        if drift and report.plan.applied:
            from pgshift.api.drift import detect_drift

            applied = [e.tag for e in report.plan.applied]
            report = replace(report, drift=detect_drift(conn, cfg.out_dir, cfg, applied))
    return report
