"""Stage 4 — the migration folder in Drizzle Kit 0.31's format: files, journal, snapshots, tags."""
