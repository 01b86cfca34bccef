-- No two active occupations of one mentor's time overlap (DESIGN.md §4.1); a conflicting insert fails with 23P01.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE occupancies ADD CONSTRAINT occupancies_no_overlap
  EXCLUDE USING gist (mentor_id WITH =, occupied WITH &&) WHERE (active);--> statement-breakpoint
ALTER TABLE occupancies ADD CONSTRAINT occupancies_range_bounded
  CHECK (NOT isempty(occupied) AND NOT lower_inf(occupied) AND NOT upper_inf(occupied));--> statement-breakpoint
-- Overrides (and vacations) of one mentor never cover the same date twice.
ALTER TABLE availability_overrides ADD CONSTRAINT availability_overrides_no_overlap
  EXCLUDE USING gist (mentor_id WITH =, daterange(start_date, end_date, '[]') WITH &&);
