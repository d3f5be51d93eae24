-- pgshift:data-loss column users.nickname comes back empty
ALTER TABLE "public"."users" ADD COLUMN "nickname" varchar(40) DEFAULT 'anon' NOT NULL;