ALTER TABLE "mentors" ADD COLUMN "mentor_no_shows" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mentors" ADD COLUMN "sessions_confirmed" integer DEFAULT 0 NOT NULL;