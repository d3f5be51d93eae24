CREATE SEQUENCE "public"."invoice_no";--> statement-breakpoint
DROP TABLE "public"."users";