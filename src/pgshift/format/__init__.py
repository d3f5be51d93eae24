"""Stage 0 — the on-disk format: Drizzle Kit 0.31's constants, JSON spelling and strict text reading
(``drizzle``), and pgshift's header directives in migration files (``headers``). Every stage reads or
writes these files, so their facts sit below all of them.
"""
