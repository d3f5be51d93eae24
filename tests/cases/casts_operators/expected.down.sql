CREATE CAST (pair AS json) WITH INOUT;--> statement-breakpoint
DROP OPERATOR "public".~ (NONE, pair);--> statement-breakpoint
DROP OPERATOR "public".- (NONE, pair);--> statement-breakpoint
COMMENT ON OPERATOR "app".=== (app.email, app.email) IS 'same address';--> statement-breakpoint
ALTER OPERATOR "app".=== (app.email, app.email) SET (RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel);--> statement-breakpoint
DROP CAST (span AS bytea);--> statement-breakpoint
DROP CAST (pair AS text);--> statement-breakpoint
DROP FUNCTION "public"."swap_pair"(pair);--> statement-breakpoint
CREATE OPERATOR "public".- (RIGHTARG = pair, FUNCTION = public.neg_pair);--> statement-breakpoint
CREATE CAST (pair AS text) WITH FUNCTION public.pair_text(pair) AS ASSIGNMENT;--> statement-breakpoint
COMMENT ON CAST (pair AS text) IS 'a,b';