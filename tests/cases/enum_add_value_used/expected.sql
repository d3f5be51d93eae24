ALTER TYPE "public"."role" ADD VALUE 'guest';--> statement-breakpoint
ALTER TABLE "public"."users" ADD COLUMN "role" "public"."role" DEFAULT 'guest'::role NOT NULL;