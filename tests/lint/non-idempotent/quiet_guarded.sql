-- lint: hand-written
CREATE TABLE IF NOT EXISTS audit (id bigint);
DROP TABLE IF EXISTS old_audit;
CREATE SCHEMA IF NOT EXISTS x;
