-- expect: drop-type
DROP TYPE "public"."mood";
