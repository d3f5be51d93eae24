"""Stage 5 — applying a folder: plan (what is pending), lock, tracking table, transaction groups, run."""
