"""Stage 7 — model -> SQLAlchemy source code (what ``pgshift pull`` writes)."""
