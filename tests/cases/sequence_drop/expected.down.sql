-- pgshift:data-loss sequence invoice_no starts again from its first value
CREATE SEQUENCE "public"."invoice_no";--> statement-breakpoint
DROP TABLE "public"."users";