-- expect: prefer-identity
CREATE TABLE t ("id" serial PRIMARY KEY);
-- expect: prefer-identity
ALTER TABLE u ADD COLUMN "n" bigserial;
