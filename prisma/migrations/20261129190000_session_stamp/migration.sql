-- Sessions belong to the admin who opened them: a session is valid only while
-- it carries the admin's current stamp (new admin, password change, "log out
-- everywhere" each draw a new one). Sessions opened before this migration
-- carry none, so everyone logs in once more.
ALTER TABLE "Admin" ADD COLUMN "sessionStamp" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Session" ADD COLUMN "adminStamp" TEXT NOT NULL DEFAULT '';
UPDATE "Admin" SET "sessionStamp" = lower(hex(randomblob(16)));
DELETE FROM "Session";
