-- pgshift:transaction off
ALTER TYPE "public"."role" ADD VALUE 'guest';