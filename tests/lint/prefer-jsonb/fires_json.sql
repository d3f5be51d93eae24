-- expect: prefer-jsonb
CREATE TABLE t ("data" json);
