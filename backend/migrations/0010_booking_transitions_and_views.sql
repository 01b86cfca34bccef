CREATE TABLE "booking_transitions" (
	"machine" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	CONSTRAINT "booking_transitions_machine_from_state_to_state_pk" PRIMARY KEY("machine","from_state","to_state")
);
--> statement-breakpoint
-- The only moves a booking may make (bookings.transitions.ts holds the same table; a test checks they agree).
INSERT INTO "booking_transitions" ("machine", "from_state", "to_state") VALUES
  ('status', 'pending_payment', 'confirmed'),
  ('status', 'pending_payment', 'cancelled'),
  ('status', 'pending_payment', 'expired'),
  ('status', 'confirmed', 'in_progress'),
  ('status', 'confirmed', 'completed'),
  ('status', 'confirmed', 'no_show_mentor'),
  ('status', 'confirmed', 'no_show_student'),
  ('status', 'confirmed', 'cancelled'),
  ('status', 'in_progress', 'completed'),
  ('status', 'in_progress', 'no_show_mentor'),
  ('status', 'in_progress', 'no_show_student'),
  ('settlement', 'none', 'held'),
  ('settlement', 'held', 'released'),
  ('settlement', 'held', 'refunded'),
  ('settlement', 'held', 'partially_refunded'),
  ('settlement', 'held', 'disputed'),
  ('settlement', 'disputed', 'released'),
  ('settlement', 'disputed', 'refunded'),
  ('settlement', 'disputed', 'partially_refunded');
--> statement-breakpoint
-- Idempotency keys belong to lib/ now, keyed by an opaque owner id.
ALTER TABLE "idempotency_keys" DROP CONSTRAINT "idempotency_keys_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_settlement_follows_status" CHECK ("bookings"."status" in ('cancelled', 'expired') or ("bookings"."status" = 'pending_payment') = ("bookings"."settlement" is null));--> statement-breakpoint
-- Read-only views other modules join in their list queries (ADR 0006).
CREATE VIEW "public"."user_cards" AS (select "id", "name", "email", "avatar_url", "time_zone", "created_at" from "users");--> statement-breakpoint
CREATE VIEW "public"."mentor_cards" AS (select "user_id", "slug", "time_zone", "accepting_bookings", "price30_paise", "price60_paise" from "mentors");--> statement-breakpoint
CREATE VIEW "public"."slot_cards" AS (select "id", "title", "capacity" from "slots");--> statement-breakpoint
CREATE VIEW "public"."payment_records" AS (select "id", "booking_id", "student_id", "status", "amount_paise", "refunded_paise", "gateway_payment_id", "created_at", "captured_at" from "payments");--> statement-breakpoint
CREATE VIEW "public"."refund_records" AS (select "id", "payment_id", "booking_id", "amount_paise", "percent", "status", "processed_at" from "refunds");--> statement-breakpoint
-- Whoever writes a booking, the database refuses a move the machine does not have: a new booking starts as
-- pending_payment with nothing settled, and a change of status or settlement must be a pair in booking_transitions.
CREATE FUNCTION "bookings_guard_transition"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'pending_payment' OR NEW.settlement IS NOT NULL THEN
      RAISE EXCEPTION 'a booking starts as pending_payment with nothing settled, not % / %', NEW.status, coalesce(NEW.settlement::text, 'none')
        USING ERRCODE = 'check_violation', CONSTRAINT = 'bookings_transition';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT EXISTS (
    SELECT 1 FROM booking_transitions WHERE machine = 'status' AND from_state = OLD.status::text AND to_state = NEW.status::text
  ) THEN
    RAISE EXCEPTION 'booking % cannot move from % to %', OLD.id, OLD.status, NEW.status
      USING ERRCODE = 'check_violation', CONSTRAINT = 'bookings_transition';
  END IF;
  IF NEW.settlement IS DISTINCT FROM OLD.settlement AND NOT EXISTS (
    SELECT 1 FROM booking_transitions
    WHERE machine = 'settlement' AND from_state = coalesce(OLD.settlement::text, 'none') AND to_state = coalesce(NEW.settlement::text, 'none')
  ) THEN
    RAISE EXCEPTION 'booking % cannot move its money from % to %', OLD.id, coalesce(OLD.settlement::text, 'none'), coalesce(NEW.settlement::text, 'none')
      USING ERRCODE = 'check_violation', CONSTRAINT = 'bookings_transition';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "bookings_guard_transition" BEFORE INSERT OR UPDATE ON "bookings" FOR EACH ROW EXECUTE FUNCTION "bookings_guard_transition"();
