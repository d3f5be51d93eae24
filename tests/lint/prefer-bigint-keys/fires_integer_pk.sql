-- expect: prefer-bigint-keys
CREATE TABLE t ("id" integer PRIMARY KEY);
-- expect: prefer-bigint-keys
CREATE TABLE u ("id" int4, "x" text, CONSTRAINT u_pk PRIMARY KEY ("id"));
