DROP POLICY "own_rows" ON "public"."users";--> statement-breakpoint
CREATE POLICY "own_rows" ON "public"."users" AS PERMISSIVE FOR ALL TO public USING (true);