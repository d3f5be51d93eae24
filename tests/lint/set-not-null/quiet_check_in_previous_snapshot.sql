-- lint: previous=prev_users_check.json
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
