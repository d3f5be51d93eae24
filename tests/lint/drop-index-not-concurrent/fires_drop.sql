-- expect: drop-index-not-concurrent
DROP INDEX "users_email_idx";
