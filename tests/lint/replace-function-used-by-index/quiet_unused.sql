-- lint: previous=prev_norm.json
CREATE OR REPLACE FUNCTION public.shout(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT upper(t) $$;
--> statement-breakpoint
CREATE FUNCTION public.norm2(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(t) $$;
