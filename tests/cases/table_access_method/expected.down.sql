ALTER TABLE "public"."logs" SET ACCESS METHOD "heap2";--> statement-breakpoint
ALTER TABLE "public"."events" SET ACCESS METHOD "heap";--> statement-breakpoint
DROP TABLE "public"."archive";