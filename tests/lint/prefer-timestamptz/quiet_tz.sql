CREATE TABLE t ("at" timestamp with time zone, "b" timestamptz);
