import * as http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface PacedResult {
  /** Requests answered, of any status. */
  answered: number;
  non2xx: number;
  /** Requests that got no whole answer (refused, reset, or none within the timeout). */
  errors: number;
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
 * connections, at most `connections` in all. A request unanswered after `timeoutMs` (10 s, as
 * autocannon's default) counts as an error, so a stalled service ends the run instead of hanging it.
 */
export async function paced(opts: {
  urls: string[];
  method: string;
  headers: Record<string, string>;
  body: () => string;
  rate: number;
  seconds: number;
  connections: number;
  timeoutMs?: number;
}): Promise<PacedResult> {
  const perUrl = Math.max(1, Math.ceil(opts.connections / opts.urls.length));
  const agent = new http.Agent({ keepAlive: true, maxSockets: perUrl });
  const total = Math.max(1, Math.round(opts.rate * opts.seconds));
  const result: PacedResult = { answered: 0, non2xx: 0, errors: 0, latencies: [] };
  const start = performance.now();
  let sent = 0;
  let settled = 0;

  await new Promise<void>((resolve) => {
    const send = (i: number) => {
      const due = start + (i * 1000) / opts.rate;
      const body = opts.body();
      // Each request is settled once: answered (its last byte), or an error of the request or
      // of its answer, whichever comes first.
      let over = false;
      const settle = (status?: number) => {
        if (over) return;
        over = true;
        if (status === undefined) result.errors++;
        else {
          result.answered++;
          if (status < 200 || status > 299) result.non2xx++;
          result.latencies.push(performance.now() - due);
        }
        if (++settled === total) resolve();
      };
      const req = http.request(
        opts.urls[i % opts.urls.length],
        {
          method: opts.method,
          agent,
          headers: { ...opts.headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => settle(res.statusCode ?? 0));
          res.on('error', () => settle());
        },
      );
      req.setTimeout(opts.timeoutMs ?? 10_000, () => req.destroy(new Error('timed out')));
      req.on('error', () => settle());
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
  return result;
}
