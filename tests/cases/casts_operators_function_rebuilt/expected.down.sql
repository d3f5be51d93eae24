DROP OPERATOR "public".- (NONE, pair);--> statement-breakpoint
DROP CAST (pair AS text);--> statement-breakpoint
DROP FUNCTION "public"."pair_text"(p pair);--> statement-breakpoint
DROP FUNCTION "public"."neg_pair"(p pair);--> statement-breakpoint
SET LOCAL check_function_bodies = off;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.neg_pair(pair)
 RETURNS pair
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT ROW(-$1.a, -$1.b)::pair $function$;
--> statement-breakpoint
SET LOCAL check_function_bodies = off;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.pair_text(pair)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT $1.a || ',' || $1.b $function$;
--> statement-breakpoint
CREATE OPERATOR "public".- (RIGHTARG = pair, FUNCTION = public.neg_pair);--> statement-breakpoint
CREATE CAST (pair AS text) WITH FUNCTION public.pair_text(pair) AS ASSIGNMENT;--> statement-breakpoint
COMMENT ON CAST (pair AS text) IS 'a,b';