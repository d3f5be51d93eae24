"""Postgres facts that do not depend on pgshift's model: the SQL parser binding (statements, node kinds),
identifier naming and truncation, function volatility, SQLSTATE classes. Imported by every later stage.
"""
