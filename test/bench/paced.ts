import * as http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface PacedResult {
  /** Requests answered, of any status. */
  answered: number;
  non2xx: number;
  /** Requests that got no answer (connection refused or reset). */
  errors: number;
  /** From the first request due to the last answer. */
  seconds: number;
  /** Per answered request, ms from when it was due (not when it was sent) to its last byte. */
  latencies: number[];
}

/**
 * Open-loop HTTP load at a fixed rate: request i is due at start + i ÷ rate whatever became of
 * the earlier ones, and its latency is counted from when it was due, so time spent waiting for
 * a free connection behind a slow answer is measured rather than hidden (no coordinated
 * omission). autocannon's `overallRate` cannot do this: it lets each connection send back to
 * back until its quota for the second is spent, then waits for the next second, so each second
 * begins with a burst at full speed. Requests go round the URLs in turn, over keep-alive
 * connections, at most `connections` in all.
 */
export async function paced(opts: {
  urls: string[];
  method: string;
  headers: Record<string, string>;
  body: () => string;
  rate: number;
  seconds: number;
  connections: number;
}): Promise<PacedResult> {
  const perUrl = Math.max(1, Math.ceil(opts.connections / opts.urls.length));
  const agent = new http.Agent({ keepAlive: true, maxSockets: perUrl });
  const total = Math.max(1, Math.round(opts.rate * opts.seconds));
  const result: PacedResult = { answered: 0, non2xx: 0, errors: 0, seconds: 0, latencies: [] };
  const start = performance.now();
  let sent = 0;
  let settled = 0;
  let last = start;

  await new Promise<void>((resolve) => {
    const done = () => {
      settled++;
      last = performance.now();
      if (settled === total) resolve();
    };
    const send = (i: number) => {
      const due = start + (i * 1000) / opts.rate;
      const body = opts.body();
      const req = http.request(
        opts.urls[i % opts.urls.length],
        {
          method: opts.method,
          agent,
          headers: { ...opts.headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            result.answered++;
            if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) > 299) result.non2xx++;
            result.latencies.push(performance.now() - due);
            done();
          });
        },
      );
      req.on('error', () => {
        result.errors++;
        done();
      });
      req.end(body);
    };
    // A 1 ms timer rather than a busy loop: the generator shares the machine with the service.
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * opts.rate) / 1000) + 1);
      while (sent < due) send(sent++);
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
  agent.destroy();
  result.seconds = (last - start) / 1000;
  return result;
}
