-- Full-text search document of a mentor: name and headline weigh most, then expertise and companies, then the bio.
-- A trigger (not a generated column) because the name lives in users and array_to_string is not immutable.
CREATE OR REPLACE FUNCTION mentors_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search :=
    setweight(to_tsvector('english', coalesce((SELECT u.name FROM users u WHERE u.id = NEW.user_id), '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.headline, '')), 'A') ||
    setweight(to_tsvector('english', array_to_string(NEW.expertise, ' ')), 'B') ||
    setweight(to_tsvector('english', array_to_string(NEW.companies, ' ')), 'B') ||
    setweight(to_tsvector('english', array_to_string(NEW.session_topics, ' ')), 'C') ||
    setweight(to_tsvector('english', coalesce(NEW.bio, '')), 'D');
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER mentors_search_refresh BEFORE INSERT OR UPDATE ON mentors
  FOR EACH ROW EXECUTE FUNCTION mentors_search_refresh();--> statement-breakpoint
-- A renamed user is found by the new name: touching the mentor row re-runs the trigger above.
CREATE OR REPLACE FUNCTION users_name_refreshes_mentor_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE mentors SET updated_at = updated_at WHERE user_id = NEW.id;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER users_name_refreshes_mentor_search AFTER UPDATE OF name ON users
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION users_name_refreshes_mentor_search();
