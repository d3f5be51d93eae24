CREATE TABLE "public"."notes" (
	"body" text
);
--> statement-breakpoint
COMMENT ON TABLE "public"."notes" IS 'free text';--> statement-breakpoint
COMMENT ON COLUMN "public"."notes"."body" IS 'markdown';--> statement-breakpoint
COMMENT ON TABLE "public"."users" IS NULL;