COMMENT ON TABLE "public"."users" IS NULL;--> statement-breakpoint
COMMENT ON COLUMN "public"."users"."bio" IS 'old words';