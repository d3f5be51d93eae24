-- expect: prefer-timestamptz
CREATE TABLE t ("at" timestamp);
-- expect: prefer-timestamptz
ALTER TABLE u ADD COLUMN "at" timestamp (3) without time zone;
