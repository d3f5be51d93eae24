CREATE INDEX CONCURRENTLY "notes_id_v_desc_idx" ON "public"."notes" USING btree ("id", "v" DESC);--> statement-breakpoint
CREATE INDEX CONCURRENTLY "notes_lower_v_idx" ON "public"."notes" USING btree ((lower(v)) DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX CONCURRENTLY "notes_v_c_idx" ON "public"."notes" USING btree ("v" COLLATE "C" DESC);--> statement-breakpoint
CREATE INDEX CONCURRENTLY "notes_v_nulls_idx" ON "public"."notes" USING btree ("v" NULLS FIRST);--> statement-breakpoint
CREATE INDEX CONCURRENTLY "notes_v_pattern_idx" ON "public"."notes" USING btree ("v" text_pattern_ops, "id");