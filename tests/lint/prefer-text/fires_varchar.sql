-- expect: prefer-text
CREATE TABLE t ("name" varchar(255));
