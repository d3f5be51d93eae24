CREATE TABLE "public"."hero" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar NOT NULL,
	"secret_name" varchar NOT NULL,
	"age" integer
);
--> statement-breakpoint
CREATE INDEX "ix_hero_age" ON "public"."hero" USING btree ("age");--> statement-breakpoint
CREATE INDEX "ix_hero_name" ON "public"."hero" USING btree ("name");