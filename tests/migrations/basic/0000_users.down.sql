-- pgshift:irreversible the seed row and every user would be lost
DROP TABLE "users";