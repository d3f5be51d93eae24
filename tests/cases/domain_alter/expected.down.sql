ALTER DOMAIN "public"."positive" DROP CONSTRAINT "positive_check";--> statement-breakpoint
ALTER DOMAIN "public"."positive" DROP CONSTRAINT "positive_even";--> statement-breakpoint
ALTER DOMAIN "public"."positive" SET DEFAULT 1;--> statement-breakpoint
ALTER DOMAIN "public"."positive" DROP NOT NULL;--> statement-breakpoint
ALTER DOMAIN "public"."positive" ADD CONSTRAINT "positive_check" CHECK (value > 0);--> statement-breakpoint
ALTER DOMAIN "public"."positive" ADD CONSTRAINT "positive_small" CHECK (value < 1000);