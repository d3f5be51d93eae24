// Every feature pgshift maps, written for Drizzle; the SQLAlchemy twin is tests/fixtures_schemas/drizzle_everything.py.
import { sql } from "drizzle-orm";
import {
  pgTable, pgEnum, pgSchema, pgSequence, pgPolicy, pgView,
  serial, bigserial, smallint, integer, bigint, text, varchar, char, boolean, timestamp, date, time, interval,
  jsonb, json, numeric, uuid, doublePrecision, real, inet,
  index, uniqueIndex, foreignKey, unique, primaryKey, check,
} from "drizzle-orm/pg-core";

export const crm = pgSchema("crm");
export const role = pgEnum("role", ["admin", "customer", "guest"]);
export const tier = crm.enum("tier", ["free", "pro"]);
export const orderNo = pgSequence("order_no_seq", { startWith: 1000, increment: 5, minValue: 1, maxValue: 9999999, cache: 10, cycle: false });

export const users = pgTable("users", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity({ startWith: 10 }),
  email: varchar("email", { length: 255 }).notNull().unique(),
  code: char("code", { length: 3 }),
  name: text("name").default("anon"),
  role: role("role").default("customer").notNull(),
  roles: role("roles").array(),
  active: boolean("active").default(true).notNull(),
  score: smallint("score").default(7),
  big: bigint("big", { mode: "number" }),
  ratio: doublePrecision("ratio"),
  r4: real("r4"),
  total: numeric("total", { precision: 10, scale: 2 }).default("0"),
  createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).defaultNow().notNull(),
  plain: timestamp("plain"),
  born: date("born"),
  wakes: time("wakes", { withTimezone: true }),
  span: interval("span"),
  key: uuid("key").defaultRandom(),
  doc: json("doc"),
  data: jsonb("data").default(sql`'{}'::jsonb`).notNull(),
  tags: text("tags").array(),
  grid: integer("grid").array().array(),
  ip: inet("ip"),
  age: integer("age"),
}, (t) => [
  check("users_age_check", sql`${t.age} >= 0`),
  index("users_lower_email_idx").on(sql`lower(${t.email})`),
  index("users_created_idx").on(t.createdAt.desc().nullsLast()),
  index("users_tags_idx").using("gin", t.tags),
  index("users_email_ops_idx").using("btree", t.email.op("text_pattern_ops")),
  index("users_active_idx").on(t.score).where(sql`active`),
  pgPolicy("users_self", { as: "permissive", for: "select", to: ["public"], using: sql`true` }),
  pgPolicy("users_own", { as: "restrictive", for: "update", to: ["public"], using: sql`${t.id} = current_setting('app.user_id')::integer`, withCheck: sql`${t.active}` }),
]).enableRLS();

export const accounts = crm.table("accounts", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  userId: integer("user_id").notNull(),
  tier: tier("tier").default("free").notNull(),
  n: integer("n").generatedByDefaultAsIdentity(),
}, (t) => [
  foreignKey({ name: "accounts_user_id_fkey", columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade").onUpdate("set null"),
]);

export const memberships = pgTable("memberships", {
  userId: integer("user_id").notNull(),
  groupName: text("group_name").notNull(),
  position: integer("position"),
  orderNumber: serial("order_number"),
}, (t) => [
  primaryKey({ name: "memberships_pkey", columns: [t.userId, t.groupName] }),
  unique("memberships_group_name_position_key").on(t.groupName, t.position),
  foreignKey({ name: "memberships_user_id_fkey", columns: [t.userId], foreignColumns: [users.id] }),
  uniqueIndex("memberships_position_idx").on(t.position),
]);

export const activeUsers = pgView("active_users").as((qb) => qb.select({ id: users.id, email: users.email }).from(users).where(sql`${users.active}`));
