"""Write the same synthetic schema as SQLAlchemy Core (schema.py) and as Drizzle TypeScript (schema.ts).

1,000 tables x 10 columns = 10,000 columns; 2 indexes per table = 2,000 indexes; 1 foreign key per
table = 1,000 foreign keys. ``changed=True`` alters one column's type (table 500, c_label:
varchar(255) -> text), which is the change both tools must find.
"""

from __future__ import annotations

from pathlib import Path

TABLES = 1000


def python_schema(changed: bool, tables: int = TABLES) -> str:
    out = [
        "from sqlalchemy import (BigInteger, Boolean, Column, DateTime, ForeignKey, Index, Integer, MetaData,",
        "                        Numeric, String, Table, Text, func)",
        "from sqlalchemy.dialects.postgresql import JSONB",
        "",
        "metadata = MetaData()",
        "",
    ]
    for i in range(tables):
        ref = (i + 1) % tables
        label = "Text()" if changed and i == tables // 2 else "String(255)"
        out += [
            f"t{i} = Table(",
            f'    "t{i:04d}", metadata,',
            '    Column("id", Integer, primary_key=True),',
            f'    Column("ref_id", Integer, ForeignKey("t{ref:04d}.id", ondelete="CASCADE")),',
            f'    Column("c_label", {label}, nullable=False),',
            '    Column("c_text", Text),',
            '    Column("c_count", BigInteger, server_default="0", nullable=False),',
            '    Column("c_flag", Boolean, server_default="false", nullable=False),',
            '    Column("c_amount", Numeric(10, 2)),',
            '    Column("c_data", JSONB),',
            '    Column("c_created", DateTime(timezone=True), server_default=func.now(), nullable=False),',
            '    Column("c_code", String(32)),',
            f'    Index("t{i:04d}_label_idx", "c_label"),',
            f'    Index("t{i:04d}_code_key", "c_code", unique=True),',
            ")",
        ]
    return "\n".join(out) + "\n"


def typescript_schema(changed: bool, tables: int = TABLES) -> str:
    out = [
        "import { pgTable, serial, integer, varchar, text, bigint, boolean, numeric, jsonb, timestamp,",
        '  index, uniqueIndex, foreignKey } from "drizzle-orm/pg-core";',
        'import { sql } from "drizzle-orm";',
        "",
    ]
    for i in range(tables):
        ref = (i + 1) % tables
        label = 'text("c_label")' if changed and i == tables // 2 else 'varchar("c_label", { length: 255 })'
        out += [
            f'export const t{i} = pgTable("t{i:04d}", {{',
            '  id: serial("id").primaryKey(),',
            '  refId: integer("ref_id"),',
            f"  cLabel: {label}.notNull(),",
            '  cText: text("c_text"),',
            '  cCount: bigint("c_count", { mode: "number" }).default(0).notNull(),',
            '  cFlag: boolean("c_flag").default(false).notNull(),',
            '  cAmount: numeric("c_amount", { precision: 10, scale: 2 }),',
            '  cData: jsonb("c_data"),',
            '  cCreated: timestamp("c_created", { withTimezone: true }).defaultNow().notNull(),',
            '  cCode: varchar("c_code", { length: 32 }),',
            "}, (t) => [",
            f'  index("t{i:04d}_label_idx").on(t.cLabel),',
            f'  uniqueIndex("t{i:04d}_code_key").on(t.cCode),',
            f'  foreignKey({{ columns: [t.refId], foreignColumns: [t{ref}.id] }}).onDelete("cascade"),',
            "]);",
        ]
    return "\n".join(out) + "\n"


def write(folder: Path, changed: bool, tables: int = TABLES) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "schema.py").write_text(python_schema(changed, tables))
    (folder / "schema.ts").write_text(typescript_schema(changed, tables))
