// The same schema as models.py, written for Drizzle. Names that Drizzle and SQLAlchemy would choose
// differently by default (unique and foreign-key constraints) are spelled out, as Postgres names them.
import { sql } from "drizzle-orm";
import {
  pgTable, pgEnum, serial, integer, text, varchar, boolean, timestamp, jsonb, numeric,
  index, uniqueIndex, foreignKey, unique,
} from "drizzle-orm/pg-core";

export const role = pgEnum("role", ["admin", "customer"]);

export const users = pgTable("users", {
  id: serial("id").primaryKey(),
  email: varchar("email", { length: 255 }).notNull(),
  name: text("name"),
  role: role("role").default("customer").notNull(),
  active: boolean("active").default(true).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
}, (t) => [
  unique("users_email_key").on(t.email),
]);

export const orders = pgTable("orders", {
  id: serial("id").primaryKey(),
  userId: integer("user_id").notNull(),
  total: numeric("total", { precision: 10, scale: 2 }).default("0").notNull(),
  items: jsonb("items").default(sql`'[]'::jsonb`).notNull(),
  note: text("note"),
}, (t) => [
  foreignKey({ name: "orders_user_id_fkey", columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade"),
  index("orders_user_id_idx").on(t.userId),
  uniqueIndex("orders_note_idx").on(t.note),
]);
