-- A reschedule never improves a student's refund: the tier is measured from the earliest start a booking has had.
ALTER TABLE "bookings" ADD COLUMN "earliest_starts_at" timestamp with time zone;--> statement-breakpoint
UPDATE "bookings" SET "earliest_starts_at" = least("starts_at", coalesce("previous_starts_at", "starts_at"));--> statement-breakpoint
ALTER TABLE "bookings" ALTER COLUMN "earliest_starts_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_earliest_start" CHECK ("bookings"."earliest_starts_at" <= "bookings"."starts_at");
