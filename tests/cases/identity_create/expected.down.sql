DROP TABLE "public"."b";--> statement-breakpoint
DROP TABLE "public"."a";