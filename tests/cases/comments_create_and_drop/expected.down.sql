COMMENT ON TABLE "public"."users" IS 'people';--> statement-breakpoint
DROP TABLE "public"."notes";