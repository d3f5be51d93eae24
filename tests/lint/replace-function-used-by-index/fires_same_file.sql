CREATE INDEX CONCURRENTLY "users_slug_idx" ON "users" (slugify(name));
--> statement-breakpoint
-- expect: replace-function-used-by-index
CREATE OR REPLACE FUNCTION slugify(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(t) $$;
