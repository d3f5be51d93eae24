CREATE TABLE scratch (id bigint);
DROP TABLE scratch;
