-- lint: hand-written
-- expect: non-idempotent
CREATE TABLE audit (id bigint);
-- expect: non-idempotent
CREATE INDEX CONCURRENTLY audit_id ON audit (id);
-- expect: non-idempotent
DROP TABLE old_audit;
