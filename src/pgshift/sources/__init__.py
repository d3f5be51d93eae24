"""Stage 2 — the sources of a model: SQLAlchemy schema code (``load``, ``from_sqlalchemy``), Drizzle
snapshot files (``snapshot``) and the live database (``introspect``, with its queries in ``pgshift.catalog``).
"""
