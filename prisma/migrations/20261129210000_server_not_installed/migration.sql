-- AlterTable
ALTER TABLE "Setup" ADD COLUMN "serverNotInstalled" BOOLEAN NOT NULL DEFAULT false;
