CREATE TABLE t ("data" jsonb);
