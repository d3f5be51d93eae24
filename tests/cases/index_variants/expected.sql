CREATE TABLE "public"."users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" varchar(255) NOT NULL,
	"name" text,
	"tags" text[],
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "users_active_email_idx" ON "public"."users" USING btree ("email") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_idx" ON "public"."users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "users_email_include_idx" ON "public"."users" USING btree ("email") INCLUDE ("name") WITH (fillfactor=70);--> statement-breakpoint
CREATE INDEX "users_email_pattern_idx" ON "public"."users" USING btree ("email" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "users_lower_email_idx" ON "public"."users" USING btree ((lower(email)));--> statement-breakpoint
CREATE INDEX "users_name_desc_idx" ON "public"."users" USING btree ("name" DESC NULLS LAST, "id" NULLS FIRST);--> statement-breakpoint
CREATE UNIQUE INDEX "users_name_nnd_idx" ON "public"."users" USING btree ("name") NULLS NOT DISTINCT;--> statement-breakpoint
CREATE INDEX "users_tags_idx" ON "public"."users" USING gin ("tags");