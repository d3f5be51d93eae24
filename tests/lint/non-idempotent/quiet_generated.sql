CREATE TABLE audit (id bigint);
