CREATE TABLE "attendance_evidence" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"source" text NOT NULL,
	"evidence_key" text,
	"opened_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "attendance_evidence_source" CHECK ("attendance_evidence"."source" in ('browser', 'video')),
	CONSTRAINT "attendance_evidence_key" CHECK (("attendance_evidence"."source" = 'video') = ("attendance_evidence"."evidence_key" is not null))
);
--> statement-breakpoint
CREATE TABLE "meeting_rooms" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"room_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_rooms_room_name_unique" UNIQUE("room_name")
);
--> statement-breakpoint
CREATE TABLE "meeting_webhook_events" (
	"idempotency_key" text PRIMARY KEY NOT NULL,
	"event_type" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_notes" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"text" text NOT NULL,
	"author_id" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "session_notes_length" CHECK (char_length("session_notes"."text") <= 5000)
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "settled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "release_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "released_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "attendance_evidence_meeting_user_idx" ON "attendance_evidence" USING btree ("meeting_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_evidence_video_key" ON "attendance_evidence" USING btree ("meeting_id","user_id","evidence_key") WHERE "attendance_evidence"."source" = 'video';--> statement-breakpoint
CREATE INDEX "bookings_settle_due_idx" ON "bookings" USING btree ("ends_at") WHERE "bookings"."status" in ('confirmed', 'in_progress');--> statement-breakpoint
CREATE INDEX "bookings_release_due_idx" ON "bookings" USING btree ("release_at") WHERE "bookings"."settlement" = 'held' and "bookings"."release_at" is not null;