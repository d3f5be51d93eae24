CREATE TABLE "public"."archive" (
	"id" serial PRIMARY KEY NOT NULL
) USING "heap2" WITH (fillfactor = 90);
--> statement-breakpoint
ALTER TABLE "public"."events" SET ACCESS METHOD "heap2";--> statement-breakpoint
ALTER TABLE "public"."logs" SET ACCESS METHOD "heap";