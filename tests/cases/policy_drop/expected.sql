DROP POLICY "own_rows" ON "public"."users";--> statement-breakpoint
ALTER TABLE "public"."users" DISABLE ROW LEVEL SECURITY;