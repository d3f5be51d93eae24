ALTER DOMAIN "public"."positive" DROP CONSTRAINT "positive_check";--> statement-breakpoint
ALTER DOMAIN "public"."positive" DROP CONSTRAINT "positive_small";--> statement-breakpoint
ALTER DOMAIN "public"."positive" DROP DEFAULT;--> statement-breakpoint
ALTER DOMAIN "public"."positive" SET NOT NULL;--> statement-breakpoint
ALTER DOMAIN "public"."positive" ADD CONSTRAINT "positive_check" CHECK (value >= 0);--> statement-breakpoint
ALTER DOMAIN "public"."positive" ADD CONSTRAINT "positive_even" CHECK ((value % 2) = 0);