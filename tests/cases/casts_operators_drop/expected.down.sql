CREATE OPERATOR "public".- (RIGHTARG = pair, FUNCTION = public.neg_pair);--> statement-breakpoint
CREATE OPERATOR "app".=== (LEFTARG = app.email, RIGHTARG = app.email, FUNCTION = app.email_eq, COMMUTATOR = OPERATOR(app.===), NEGATOR = OPERATOR(app.!==), RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES);--> statement-breakpoint
COMMENT ON OPERATOR "app".=== (app.email, app.email) IS 'same address';--> statement-breakpoint
CREATE OPERATOR "app".!== (LEFTARG = app.email, RIGHTARG = app.email, FUNCTION = app.email_ne, NEGATOR = OPERATOR(app.===));--> statement-breakpoint
CREATE CAST (pair AS text) WITH FUNCTION public.pair_text(pair) AS ASSIGNMENT;--> statement-breakpoint
COMMENT ON CAST (pair AS text) IS 'a,b';--> statement-breakpoint
CREATE CAST (pair AS json) WITH INOUT;--> statement-breakpoint
ALTER TABLE "app"."account" ADD CONSTRAINT "backup_differs" CHECK (backup OPERATOR(app.!==) email);