ALTER TABLE "app"."account" DROP CONSTRAINT "backup_differs";--> statement-breakpoint
DROP CAST (pair AS json);--> statement-breakpoint
DROP CAST (pair AS text);--> statement-breakpoint
DROP OPERATOR "app".!== (app.email, app.email);--> statement-breakpoint
DROP OPERATOR "app".=== (app.email, app.email);--> statement-breakpoint
DROP OPERATOR "public".- (NONE, pair);