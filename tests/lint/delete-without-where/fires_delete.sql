-- expect: delete-without-where
DELETE FROM "sessions";
