// bench/discovery: 10,000 approved mentors on the server PostgreSQL; GET /api/mentors with a mix of search
// terms, filters and sorts from 50 connections for 20 s, then GET /api/health the same way in the same run.
// Usage: npm run build && node bench/discovery/run.mjs   (BENCH_DATABASE_URL, BENCH_DURATION to override)
import os from 'node:os';
import pg from 'pg';
import { freshDatabase, load, startServer, summarise } from '../lib/harness.mjs';

const MENTORS = Number(process.env.BENCH_MENTORS ?? 10_000);
const duration = Number(process.env.BENCH_DURATION ?? 20);

const databaseUrl = await freshDatabase('mc_bench_discovery');
// The server applies the migrations at start; the demo seed is off so the data below is all there is.
const server = await startServer(databaseUrl, { SEED_DEMO_DATA: 'false' });

const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
const started = Date.now();
await client.query(`
  with ids as (select g, gen_random_uuid() as id from generate_series(1, ${MENTORS}) g),
  inserted as (
    insert into users (id, email, name, password_hash, role)
    select id, 'bench-mentor-' || g || '@example.test',
           (array['Asha','Vikram','Neha','Arjun','Fatima','Rohan','Meera','Kabir','Lakshmi','Daniel','Ananya','Hiroshi','Priya','Rahul','Sneha','Imran'])[1 + g % 16]
           || ' ' || (array['Rao','Menon','Kapoor','Iyer','Sheikh','Das','Nair','Singh','Reddy','Fernandes','Bose','Tanaka','Sharma','Verma','Patel','Khan'])[1 + (g / 16) % 16],
           'x', 'mentor'
    from ids returning id, email
  )
  insert into mentors (user_id, slug, headline, bio, experience, expertise, session_topics, languages, companies,
                       price30_paise, price60_paise, time_zone, approved_at, rating_avg, rating_count, sessions_completed)
  select i.id, 'bench-mentor-' || g,
         (array['Staff engineer','Product leader','Data scientist','Frontend specialist','Backend lead','Engineering manager'])[1 + g % 6]
           || ' at ' || (array['Google','Amazon','Microsoft','Flipkart','Razorpay','Atlassian','Uber','Spotify','Swiggy','Zoho','Adobe','NVIDIA'])[1 + g % 12]
           || ' mentoring on ' || (array['system design','algorithms','react performance','machine learning','careers','product sense','kubernetes','postgres'])[1 + g % 8],
         'I help engineers grow through hands-on sessions on interviews, design reviews and career planning. Mentor number ' || g,
         jsonb_build_array(jsonb_build_object('company', (array['Google','Amazon','Microsoft','Flipkart','Razorpay','Atlassian','Uber','Spotify','Swiggy','Zoho','Adobe','NVIDIA'])[1 + g % 12], 'role', 'Engineer', 'years', 1 + g % 15)),
         array[(array['System Design','Algorithms','React','Machine Learning','Leadership','Product Strategy','Kubernetes','PostgreSQL','Python','Go'])[1 + g % 10],
               (array['TypeScript','Java','Statistics','Career Growth','AWS','Distributed Systems','C++'])[1 + g % 7]],
         array[(array['DSA Problem Solving','System Design','Resume Review','Mock Interview','Career Guidance','Frontend','Backend','Data Science','Product Management','Other'])[1 + g % 10]],
         array['English', (array['Hindi','Tamil','Telugu','Kannada','Bengali','Marathi','French','German'])[1 + g % 8]],
         array[(array['Google','Amazon','Microsoft','Flipkart','Razorpay','Atlassian','Uber','Spotify','Swiggy','Zoho','Adobe','NVIDIA'])[1 + g % 12]],
         (100 + (g * 37) % 4900) * 100, (200 + (g * 37) % 4900) * 100, 'Asia/Kolkata', now(),
         case when g % 5 = 0 then null else round((3 + (g % 200) / 100.0)::numeric, 2) end, g % 120, g % 300
  from ids join inserted i on i.email = 'bench-mentor-' || ids.g || '@example.test'`);
await client.query('analyze');
await client.end();
console.log(`seeded ${MENTORS} mentors in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const queries = [
  '/api/mentors',
  '/api/mentors?q=system%20design',
  '/api/mentors?q=react&sort=rating',
  '/api/mentors?q=goo&language=Hindi',
  '/api/mentors?expertise=Kubernetes&sort=price_asc',
  '/api/mentors?topic=Mock%20Interview&minRating=4',
  '/api/mentors?company=Razorpay&priceMin=50000&priceMax=200000',
  '/api/mentors?language=Tamil&sort=sessions&page=3',
  '/api/mentors?q=machine%20learning&topic=Data%20Science&sort=price_desc',
  '/api/mentors?sort=rating&page=20',
];
for (const path of queries) {
  const res = await fetch(server.base + path);
  if (!res.ok) throw new Error(`${path} → ${res.status}`);
}

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, node ${process.version}; 50 connections, ${duration} s each`);
const discovery = summarise('GET /api/mentors (mix)', await load({ url: server.base, duration, requests: queries.map((path) => ({ method: 'GET', path })) }));
const health = summarise('GET /api/health', await load({ url: `${server.base}/api/health`, duration }));
console.log(`ratio discovery/health throughput: ${(discovery.requestsPerSecond / health.requestsPerSecond).toFixed(2)}`);
await server.stop();
