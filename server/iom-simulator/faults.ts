import { z } from 'zod';

const MAX_LATENCY_MS = 600_000;
const pathPrefix = z.string().min(1).max(500).regex(/^\//, 'must start with "/"');
const rate = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const everyNth = z.int().min(0).max(1_000_000);

/**
 * What something in IOM's place (a proxy, a sign-in page, a broken deployment) may answer to an order create:
 * - `created-without-location`: the order is stored, but the 201 lacks its `Location`;
 * - `no-content`: 204, nothing stored;
 * - `html-as-text`: 200 with an HTML sign-in page declared `text/plain`, nothing stored;
 * - `html-untyped`: the same page without a `Content-Type`, nothing stored;
 * - `error-report-200`: 200 with an error report as JSON, nothing stored;
 * - `moved-permanently`: 301 to the same path on `https://moved.invalid`, nothing stored;
 * - `unsupported-media-type`: 415 without a body, as IOM sends it, nothing stored.
 */
export const CREATE_ANSWERS = [
  'created-without-location',
  'no-content',
  'html-as-text',
  'html-untyped',
  'error-report-200',
  'moved-permanently',
  'unsupported-media-type',
] as const;
export type CreateAnswer = (typeof CREATE_ANSWERS)[number];

/**
 * What may answer `order-states` in IOM's place: `empty-object` (200 `{}`), `html` (200, a sign-in page) or
 * `server-error` (500 without a body).
 */
export const ORDER_STATES_ANSWERS = ['empty-object', 'html', 'server-error'] as const;
export type OrderStatesAnswer = (typeof ORDER_STATES_ANSWERS)[number];

/**
 * What the simulator does wrong, on purpose. Every field is optional on input; left out means "off".
 * A `…Rate` is the share of eligible requests hit (random, or reproducible with `seed`); an `…EveryNth`
 * hits the Nth, 2Nth, … eligible request (0 = off). Both may be set: either one triggers.
 */
export const faultsSchema = z.strictObject({
  /** Added to every answer on a faulted path. */
  latencyMs: z.int().min(0).max(MAX_LATENCY_MS).default(0),
  /** Latency for paths under a prefix (longest prefix wins, and wins over `latencyMs`). */
  latencyByPath: z.record(pathPrefix, z.int().min(0).max(MAX_LATENCY_MS)).default({}),
  /** Answer 500 with an IOM error report. */
  errorRate: rate.default(0),
  errorEveryNth: everyNth.default(0),
  /** Never answer (until the client gives up or the simulator closes). */
  hangRate: rate.default(0),
  hangEveryNth: everyNth.default(0),
  /** Order create only: store the order, then reset the connection instead of answering. */
  lostResponseRate: rate.default(0),
  lostResponseEveryNth: everyNth.default(0),
  /** Order create only: store a new order but refuse it as a used number (400, as for a duplicate). */
  duplicateRate: rate.default(0),
  duplicateEveryNth: everyNth.default(0),
  /** The status the error fault answers: 500, a gateway's 502/504, or 503/429 (with `retryAfter`). */
  errorStatus: z
    .union([z.literal(500), z.literal(502), z.literal(503), z.literal(504), z.literal(429)])
    .default(500),
  /** `Retry-After` sent with the error fault's answers (seconds or an HTTP date); null = none. */
  retryAfter: z.string().trim().min(1).max(100).nullable().default(null),
  /**
   * Order create only: IOM takes this long before it stores the order and answers 201, and finishes even when
   * the client gave up meanwhile (a 201 that arrives after the client's timeout).
   */
  createDelayMs: z.int().min(0).max(MAX_LATENCY_MS).default(0),
  /** Order create only: answer instead of IOM (see CREATE_ANSWERS); null = IOM's own answer. */
  createAnswer: z.enum(CREATE_ANSWERS).nullable().default(null),
  /** `order-states` only: answer instead of IOM (see ORDER_STATES_ANSWERS); null = IOM's own answer. */
  orderStatesAnswer: z.enum(ORDER_STATES_ANSWERS).nullable().default(null),
  /** Refuse every authenticated request with 401, whatever the credentials. */
  unauthorized: z.boolean().default(false),
  /** Answer 200 with an HTML page instead of JSON or WSDL. */
  garbageHtml: z.boolean().default(false),
  /** Path prefixes the faults apply to; empty = every path except the control API. */
  onlyPaths: z.array(pathPrefix).max(50).default([]),
  /** Seed for the random shares, so a run can be repeated; null = not reproducible. */
  seed: z.int().min(0).max(0xffff_ffff).nullable().default(null),
});

export type Faults = z.output<typeof faultsSchema>;
export type FaultsInput = z.input<typeof faultsSchema>;

export const NO_FAULTS: Faults = faultsSchema.parse({});

/** The faults that decide by share or count; each has its own counter and random sequence. */
export type CountedFault = 'error' | 'hang' | 'lostResponse' | 'duplicate';
const COUNTED: readonly CountedFault[] = ['error', 'hang', 'lostResponse', 'duplicate'];

/** mulberry32: tiny, fast and good enough to spread faults reproducibly. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The current faults plus the counters and random sequences that decide which request each one hits. */
export class FaultPlan {
  private seen = new Map<CountedFault, number>();
  private randoms = new Map<CountedFault, () => number>();

  constructor(private current: Faults = NO_FAULTS) {
    this.restart();
  }

  get faults(): Faults {
    return structuredClone(this.current);
  }

  replace(faults: Faults): void {
    this.current = faults;
    this.restart();
  }

  /** Starts every counter and random sequence from the beginning, so a seeded run repeats exactly. */
  restart(): void {
    this.seen.clear();
    this.randoms.clear();
    COUNTED.forEach((kind, index) => {
      const seed = this.current.seed;
      this.randoms.set(kind, seed === null ? Math.random : seededRandom(seed + index * 0x9e3779b9));
    });
  }

  applies(path: string): boolean {
    const only = this.current.onlyPaths;
    return only.length === 0 || only.some((prefix) => path.startsWith(prefix));
  }

  latencyFor(path: string): number {
    let best: { length: number; ms: number } | null = null;
    for (const [prefix, ms] of Object.entries(this.current.latencyByPath)) {
      if (path.startsWith(prefix) && (best === null || prefix.length > best.length))
        best = { length: prefix.length, ms };
    }
    if (best) return best.ms;
    return this.applies(path) ? this.current.latencyMs : 0;
  }

  get unauthorized(): boolean {
    return this.current.unauthorized;
  }

  get garbageHtml(): boolean {
    return this.current.garbageHtml;
  }

  get errorStatus(): number {
    return this.current.errorStatus;
  }

  get retryAfter(): string | null {
    return this.current.retryAfter;
  }

  get createDelayMs(): number {
    return this.current.createDelayMs;
  }

  get createAnswer(): CreateAnswer | null {
    return this.current.createAnswer;
  }

  get orderStatesAnswer(): OrderStatesAnswer | null {
    return this.current.orderStatesAnswer;
  }

  /** Whether this eligible request is hit by the fault; advances the fault's counter either way. */
  hits(kind: CountedFault): boolean {
    const { rate, nth } = this.settingsOf(kind);
    if (rate === 0 && nth === 0) return false;
    const count = (this.seen.get(kind) ?? 0) + 1;
    this.seen.set(kind, count);
    const random = this.randoms.get(kind) ?? Math.random;
    const byShare = rate > 0 && random() < rate;
    return byShare || (nth > 0 && count % nth === 0);
  }

  private settingsOf(kind: CountedFault): { rate: number; nth: number } {
    const f = this.current;
    switch (kind) {
      case 'error':
        return { rate: f.errorRate, nth: f.errorEveryNth };
      case 'hang':
        return { rate: f.hangRate, nth: f.hangEveryNth };
      case 'lostResponse':
        return { rate: f.lostResponseRate, nth: f.lostResponseEveryNth };
      case 'duplicate':
        return { rate: f.duplicateRate, nth: f.duplicateEveryNth };
    }
  }
}
