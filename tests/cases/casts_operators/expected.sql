DROP CAST (pair AS text);--> statement-breakpoint
DROP OPERATOR "public".- (NONE, pair);--> statement-breakpoint
SET LOCAL check_function_bodies = off;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.swap_pair(pair)
 RETURNS pair
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT ROW($1.b, $1.a)::pair $function$;
--> statement-breakpoint
CREATE CAST (pair AS text) WITH FUNCTION public.pair_text(pair) AS IMPLICIT;--> statement-breakpoint
COMMENT ON CAST (pair AS text) IS 'a,b as text';--> statement-breakpoint
CREATE CAST (span AS bytea) WITHOUT FUNCTION;--> statement-breakpoint
ALTER OPERATOR "app".=== (app.email, app.email) SET (RESTRICT = pg_catalog.scalarlesel, JOIN = NONE);--> statement-breakpoint
COMMENT ON OPERATOR "app".=== (app.email, app.email) IS 'the same address';--> statement-breakpoint
CREATE OPERATOR "public".- (RIGHTARG = pair, FUNCTION = public.swap_pair);--> statement-breakpoint
CREATE OPERATOR "public".~ (RIGHTARG = pair, FUNCTION = public.neg_pair);--> statement-breakpoint
DROP CAST (pair AS json);