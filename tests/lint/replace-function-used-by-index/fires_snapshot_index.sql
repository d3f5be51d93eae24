-- lint: previous=prev_norm.json
-- expect: replace-function-used-by-index
CREATE OR REPLACE FUNCTION public.norm(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT upper(t) $$;
