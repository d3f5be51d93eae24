CREATE TABLE t (a bigint, b text);
ALTER TABLE t DROP COLUMN b;
