ALTER TABLE "public"."users" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "no_admin" ON "public"."users" AS RESTRICTIVE FOR UPDATE TO public WITH CHECK (name <> 'admin');--> statement-breakpoint
CREATE POLICY "own_rows" ON "public"."users" AS PERMISSIVE FOR SELECT TO public USING (current_user = name);