/**
 * What the load generator is told and what it answers, shared by the benchmark (main thread,
 * where the servers run) and the generator (a worker thread, so that the simulated kiosks do not
 * share the servers' event loop).
 */

/** One simulated kiosk: its enrolment and the customer who uses it. */
export type SimulatedKiosk = {
  kioskId: string;
  credential: string;
  email: string;
  password: string;
  /** A live session of that customer, made beforehand (a sign-in costs an argon2 check). */
  sessionToken: string;
  /** A supply linked to the account, with invoices. */
  supplyNumber: string;
};

/** How often a visit has a sign-in or a submission: one visit in `n`, drawn at random. */
export type Mix = { signInEvery: number; submissionEvery: number };

export type LoadPlan = {
  baseUrl: string;
  /** Recorded time; the warm-up before it is run the same way and not recorded. */
  durationMs: number;
  warmupMs: number;
  mix: Mix;
} & (
  | { target: 'bare'; kiosks: number; path: string }
  | {
      target: 'central';
      kiosks: SimulatedKiosk[];
      catalogEtag: string;
      /** The two requirements' PDFs of a "Solicitud de Servicio Internet" (made new per visit). */
      dniPdf: Uint8Array;
      formPdf: Uint8Array;
    }
);

export const operations = [
  'catalogue',
  'signIn',
  'supplies',
  'invoice',
  'submission',
  // The calls a submission is made of.
  'deliveryToken',
  'uploadCreate',
  'uploadChunk',
  'filing',
  'bare',
] as const;
export type Operation = (typeof operations)[number];

export type LoadResult = {
  /** Answers received in the recorded time (after the warm-up, before the end): the throughput. */
  answered: number;
  /** Latency of every HTTP request sent in the recorded time, in ms (waited for to the end). */
  requests: Float64Array;
  /** Latency of each operation (a submission is several requests) begun in that time, in ms. */
  byOperation: Partial<Record<Operation, Float64Array>>;
  /** Every call made, warm-up and the end's wait included. */
  calls: number;
  /** Answers other than 2xx or 304, and failed connections, from the first call to the last. */
  errors: number;
  /** A few of them, to say what went wrong. */
  errorSamples: string[];
};
