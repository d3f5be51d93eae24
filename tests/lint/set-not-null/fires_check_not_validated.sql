ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID;
-- expect: set-not-null
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
