DROP OPERATOR "billing".=== (billing.email, billing.email);--> statement-breakpoint
DROP OPERATOR "billing".!== (billing.email, billing.email);--> statement-breakpoint
DROP FUNCTION "billing"."email_ne"(billing.email, billing.email);--> statement-breakpoint
DROP FUNCTION "billing"."email_eq"(billing.email, billing.email);--> statement-breakpoint
ALTER SCHEMA "billing" RENAME TO "app";--> statement-breakpoint
SET LOCAL check_function_bodies = off;--> statement-breakpoint
CREATE OR REPLACE FUNCTION app.email_eq(app.email, app.email)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT lower($1) = lower($2) $function$;
--> statement-breakpoint
SET LOCAL check_function_bodies = off;--> statement-breakpoint
CREATE OR REPLACE FUNCTION app.email_ne(app.email, app.email)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT lower($1) <> lower($2) $function$;
--> statement-breakpoint
CREATE OPERATOR "app".!== (LEFTARG = app.email, RIGHTARG = app.email, FUNCTION = app.email_ne, NEGATOR = OPERATOR(app.===));--> statement-breakpoint
CREATE OPERATOR "app".=== (LEFTARG = app.email, RIGHTARG = app.email, FUNCTION = app.email_eq, COMMUTATOR = OPERATOR(app.===), NEGATOR = OPERATOR(app.!==), RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES);--> statement-breakpoint
COMMENT ON OPERATOR "app".=== (app.email, app.email) IS 'same address';