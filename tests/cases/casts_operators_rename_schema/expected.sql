DROP OPERATOR "app".=== (app.email, app.email);--> statement-breakpoint
DROP OPERATOR "app".!== (app.email, app.email);--> statement-breakpoint
DROP FUNCTION "app"."email_ne"(app.email, app.email);--> statement-breakpoint
DROP FUNCTION "app"."email_eq"(app.email, app.email);--> statement-breakpoint
ALTER SCHEMA "app" RENAME TO "billing";--> statement-breakpoint
SET LOCAL check_function_bodies = off;--> statement-breakpoint
CREATE OR REPLACE FUNCTION billing.email_eq(billing.email, billing.email)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT lower($1) = lower($2) $function$;
--> statement-breakpoint
SET LOCAL check_function_bodies = off;--> statement-breakpoint
CREATE OR REPLACE FUNCTION billing.email_ne(billing.email, billing.email)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT lower($1) <> lower($2) $function$;
--> statement-breakpoint
CREATE OPERATOR "billing".!== (LEFTARG = billing.email, RIGHTARG = billing.email, FUNCTION = billing.email_ne, NEGATOR = OPERATOR(billing.===));--> statement-breakpoint
CREATE OPERATOR "billing".=== (LEFTARG = billing.email, RIGHTARG = billing.email, FUNCTION = billing.email_eq, COMMUTATOR = OPERATOR(billing.===), NEGATOR = OPERATOR(billing.!==), RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES);--> statement-breakpoint
COMMENT ON OPERATOR "billing".=== (billing.email, billing.email) IS 'same address';