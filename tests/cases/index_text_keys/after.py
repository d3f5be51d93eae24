"""Index keys written as text(): each keeps its sort direction, NULLS order, operator class and
collation (issue 11, defect 4: ``text("v DESC")`` was rendered ``(v AS "desc")``)."""

from sqlalchemy import Column, Index, Integer, MetaData, Table, Text, text

metadata = MetaData()

Table(
    "notes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("v", Text),
    Index("notes_id_v_desc_idx", "id", text("v DESC")),
    Index("notes_lower_v_idx", text("lower(v) DESC NULLS LAST")),
    Index("notes_v_pattern_idx", text("v text_pattern_ops"), "id"),
    Index("notes_v_c_idx", text('v COLLATE "C" DESC')),
    Index("notes_v_nulls_idx", text("(v) NULLS FIRST")),
)
