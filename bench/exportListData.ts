import postgres from 'postgres';

export const EXPORTS = 1_000_000;
export const ATTEMPTS = 3_000_000;
export const CHANNELS = 20;
export const BENCH_DATABASE = 'switchboard_bench';

/**
 * The benchmark's own database on the server of `baseUrl`, created when missing with an ICU (en-US) collation: a
 * prefix LIKE can use a plain index only under "C", so this proves the text_pattern_ops index is the one used.
 */
export async function ensureBenchDatabase(baseUrl: string): Promise<string> {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => undefined });
  try {
    const [found] = await admin`select 1 from pg_database where datname = ${BENCH_DATABASE}`;
    if (!found)
      await admin.unsafe(
        `create database ${BENCH_DATABASE} template template0 encoding 'UTF8' locale_provider icu icu_locale 'en-US'`,
      );
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${BENCH_DATABASE}`;
  return url.toString();
}

const IOM_CODES = [
  'INVALID_ADDRESS',
  'UNKNOWN_PRODUCT',
  'ORDER_VALIDATION_FAILED',
  'INVALID_SHIPPING_METHOD',
  'MISSING_CUSTOMER_EMAIL',
  'INVALID_TAX_RATE',
  'DUPLICATE_POSITION',
  'UNKNOWN_SHOP',
];

/**
 * 1 000 000 exports over 20 channels (skewed: the largest has ~22 %) created evenly over 30 days, and exactly
 * 3 000 000 attempts. States: 93 % exported (3 % of them duplicates), 2.5 % failed with an IOM validation code,
 * 1 % escalated and 1.5 % pending (most retrying a technical error), some held, waiting, in progress and resolved.
 */
export async function ensureDataSet(
  url: string,
  log: (line: string) => void,
): Promise<{ generatedMs: number | null }> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const [counts] = await sql<{ exports: string; attempts: string }[]>`select
      (select count(*) from order_exports) as exports, (select count(*) from export_attempts) as attempts`;
    if (Number(counts?.exports) === EXPORTS && Number(counts?.attempts) === ATTEMPTS)
      return { generatedMs: null };
    const t0 = performance.now();
    log('generating the data set (1 000 000 exports, 3 000 000 attempts)…');
    // One transaction: a run stopped half-way leaves nothing behind. The secondary indexes are dropped for the load
    // and built again after it (minutes faster than maintaining twelve indexes row by row).
    await sql.begin(async (tx) => {
      await tx.unsafe('truncate order_exports, export_attempts, export_events, bulk_retry_items cascade');
      const indexes = await tx<{ name: string; definition: string }[]>`select indexname as name,
          indexdef as definition from pg_indexes
        where schemaname = 'public' and tablename in ('order_exports', 'export_attempts')
          and indexname not in (select conname from pg_constraint)`;
      for (const index of indexes) await tx.unsafe(`drop index "${index.name}"`);
      await load(tx, log, t0);
      await tx.unsafe(`set local maintenance_work_mem = '512MB'`);
      for (const index of indexes) await tx.unsafe(index.definition);
      log(`  indexes built after ${Math.round((performance.now() - t0) / 1000)} s`);
    });
    await sql.unsafe('vacuum (analyze) order_exports');
    await sql.unsafe('vacuum (analyze) export_attempts');
    const generatedMs = performance.now() - t0;
    log(`  vacuumed and analysed after ${Math.round(generatedMs / 1000)} s`);
    return { generatedMs };
  } finally {
    await sql.end();
  }
}

/** Inserts the exports and their attempts (inside the caller's transaction). */
async function load(sql: postgres.TransactionSql, log: (line: string) => void, t0: number): Promise<void> {
  await sql.unsafe(`insert into channels (id, name, iom_shop_id, iom_shop_name)
      select 'bench-' || lpad(c::text, 2, '0'), 'Bench channel ' || c, 20000 + c, 'shop-' || c
      from generate_series(1, ${CHANNELS}) c on conflict (id) do nothing`);
  await sql.unsafe('select setseed(0.4242)');
  const start = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const codes = `array[${IOM_CODES.map((c) => `'${c}'`).join(', ')}]`;
  await sql.unsafe(`insert into order_exports (channel_id, shop_order_number, payload, payload_hash, state, outcome,
        attempts, run_attempts, next_cause, next_attempt_at, lease_owner, lease_expires_at, last_error_class,
        last_error_message, last_iom_error_code, last_attempt_at, escalated_at, owner_email, acknowledged_at,
        resolved_at, resolved_by, resolution, exported_at, created_at, updated_at)
      select channel_id, number,
        jsonb_build_object('shopOrderNumber', number, 'orderDate', created,
          'customer', jsonb_build_object('email', 'customer' || i || '@example.com', 'name', 'Customer ' || i),
          'shipping', jsonb_build_object('street', 'Main street ' || (i % 200), 'city', 'Jena',
            'postalCode', lpad((i % 99999)::text, 5, '0'), 'country', 'DE'),
          'positions', jsonb_build_array(
            jsonb_build_object('sku', 'SKU-' || (i % 997), 'quantity', 1 + i % 3, 'price', (i % 10000) / 100.0),
            jsonb_build_object('sku', 'SKU-' || (i % 991), 'quantity', 1, 'price', 9.99))),
        md5(number), state, outcome, attempts, attempts,
        case when attempts = 0 then 'initial' else 'automatic' end,
        case when state = 'pending' and outcome is not null then created + interval '30 minutes'
             when state = 'escalated' then created + interval '6 hours' end,
        case when state = 'in_progress' then 'bench-worker' end,
        case when state = 'in_progress' then created + interval '2 minutes' end,
        case outcome when 'validation_error' then 'rejected' when 'technical_error' then 'unavailable' end,
        case outcome
          when 'validation_error' then 'IOM refused the order (422 Unprocessable Entity):' || chr(10) || code
            || ': the order does not pass IOM''s validation; fix the payload and retry.'
          when 'technical_error' then 'IOM answered 503 Service Unavailable' || chr(10) || 'retrying with backoff' end,
        code,
        case when attempts > 0 then created + (attempts - 1) * interval '5 minutes' end,
        case when state = 'escalated' then created + interval '1 hour' end,
        case when state = 'escalated' and r_code < 0.5 then 'support-1@example.com' end,
        case when state = 'escalated' and r_code < 0.5 then created + interval '2 hours' end,
        case when state = 'resolved' then created + interval '1 day' end,
        case when state = 'resolved' then 'support-1@example.com' end,
        case when state = 'resolved' then 'Entered in IOM by hand.' end,
        case when state = 'exported' then created + (greatest(attempts, 1) - 1) * interval '5 minutes' end,
        created, created + greatest(attempts - 1, 0) * interval '5 minutes'
      from (
        select *,
          case state when 'exported' then case when r_code < 0.03 then 'duplicate' else 'created' end
            when 'failed' then 'validation_error' when 'resolved' then 'validation_error'
            when 'escalated' then 'technical_error'
            when 'pending' then case when r_code < 0.6 then 'technical_error' end
            when 'in_progress' then case when r_code < 0.6 then 'technical_error' end end as outcome,
          case when state in ('failed', 'resolved') then (${codes})[1 + floor(8 * r_code * r_code)::int]
            when state = 'escalated' or (state = 'pending' and r_code < 0.3)
              then (array['SERVICE_UNAVAILABLE', 'GATEWAY_TIMEOUT'])[1 + i % 2] end as code,
          case when state in ('held', 'waiting_for_configuration') or (state in ('pending', 'in_progress') and r_code >= 0.6)
            then 0 else 1 + i % 5 end as attempts
        from (
          select *, 'bench-' || lpad((1 + floor(${CHANNELS} * r_ch * r_ch))::int::text, 2, '0') as channel_id,
            'INT' || lpad(i::text, 7, '0') as number,
            case when r_state < 0.930 then 'exported' when r_state < 0.955 then 'failed'
              when r_state < 0.965 then 'escalated' when r_state < 0.980 then 'pending'
              when r_state < 0.988 then 'held' when r_state < 0.991 then 'waiting_for_configuration'
              when r_state < 0.993 then 'in_progress' else 'resolved' end as state
          from (
            select i, random() as r_state, random() as r_ch, random() as r_code,
              timestamptz '${start}' + (i::float8 / ${EXPORTS}) * interval '30 days' + random() * interval '60 seconds'
                as created
            from generate_series(1, ${EXPORTS}) i
          ) g
        ) s
      ) o`);
  log(`  exports inserted after ${Math.round((performance.now() - t0) / 1000)} s`);
  // Exactly 3 000 000 attempts: the exports that never ran leave a gap that failed ones fill (more retries).
  for (;;) {
    const [sum] = await sql<{ n: string }[]>`select sum(attempts) as n from order_exports`;
    const missing = ATTEMPTS - Number(sum?.n ?? 0);
    if (missing <= 0) break;
    await sql`update order_exports set attempts = attempts + 1, run_attempts = run_attempts + 1
        where id in (select id from order_exports where state in ('failed', 'escalated') order by id limit ${missing})`;
  }
  await sql.unsafe(`insert into export_attempts (export_id, channel_id, number, cause, worker, started_at, duration_ms, request,
        response, outcome, error_class, error_message, iom_errors, next_attempt_at, state_after)
      select e.id, e.channel_id, n, case when n = 1 then 'initial' else 'automatic' end, 'bench-worker-' || (n % 4),
        e.created_at + (n - 1) * interval '5 minutes', 80 + (random() * 900)::int,
        jsonb_build_object('url', 'https://iom.example.com/rest/order-service/v2/shops/' || e.channel_id || '/orders',
          'method', 'POST', 'headers', jsonb_build_object('Content-Type', 'application/vnd.intershop.order.v2+json',
          'Authorization', '[redacted]'), 'body', left(e.payload::text, 600)),
        jsonb_build_object('status', case when n < e.attempts or e.outcome = 'technical_error' then 503
            when e.outcome = 'duplicate' then 409 when e.outcome = 'validation_error' then 422 else 201 end,
          'headers', jsonb_build_object('Content-Type', 'application/json'),
          'body', case when n = e.attempts and e.outcome = 'validation_error'
            then '{"errors":[{"code":"' || e.last_iom_error_code || '","message":"invalid"}]}' else '' end,
          'truncated', false),
        case when n < e.attempts then 'technical_error' else coalesce(e.outcome, 'technical_error') end,
        case when n < e.attempts or e.outcome = 'technical_error' then 'unavailable'
          when e.outcome = 'validation_error' then 'rejected' end,
        case when n < e.attempts or e.outcome = 'technical_error' then 'IOM answered 503'
          when e.outcome = 'validation_error' then e.last_error_message end,
        case when n = e.attempts and e.outcome = 'validation_error'
          then jsonb_build_array(jsonb_build_object('code', e.last_iom_error_code, 'message', 'invalid')) end,
        case when n < e.attempts then e.created_at + n * interval '5 minutes' end,
        case when n < e.attempts then 'pending' else e.state end
      from order_exports e cross join lateral generate_series(1, e.attempts) n`);
  log(`  attempts inserted after ${Math.round((performance.now() - t0) / 1000)} s`);
}
