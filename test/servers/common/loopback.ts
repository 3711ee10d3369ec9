/**
 * What every faithful test server shares: HTTPS on 127.0.0.1 with the test CA (../keyvault/certs),
 * the request body, faults injected for the next N requests (optionally after M more succeed, or only
 * for requests of one kind), added latency with a count of requests in flight, and JSON replies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { testCertificates } from '../keyvault/certs';

export interface LoopbackHttpsServer {
  readonly port: number;
  /** Closes the listener and every open connection (keep-alive ones included). */
  close(): Promise<void>;
}

/** An HTTPS server on 127.0.0.1 (port 0: the system picks one) presenting the test certificate. */
export async function listenLoopbackHttps(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<LoopbackHttpsServer> {
  const { key, cert } = testCertificates();
  const server: Server = createServer({ key, cert, keepAlive: true }, handler);
  const sockets = new Set<{ destroy(): void }>();
  server.on('connection', (socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export interface FaultOptions {
  /** How many matching requests fail (default 1). */
  readonly count?: number;
  /** How many matching requests succeed first (default 0). */
  readonly after?: number;
  /** Only requests of this kind (an AWS operation, a Vault path prefix…) count; others pass untouched. */
  readonly only?: string;
}

/** Faults in the order they were planned; each applies to the requests its `only` matches. */
export class FaultPlan<F> {
  private planned: { fault: F; remaining: number; skip: number; only?: string }[] = [];

  add(fault: F, options: FaultOptions = {}): void {
    this.planned.push({ fault, remaining: options.count ?? 1, skip: options.after ?? 0, ...(options.only !== undefined ? { only: options.only } : {}) });
  }

  /** The fault this request meets, if any; `matches` says whether a plan's `only` covers the request. */
  take(matches: (only: string) => boolean): F | undefined {
    const plan = this.planned.find((p) => p.only === undefined || matches(p.only));
    if (!plan) return undefined;
    if (plan.skip > 0) { plan.skip--; return undefined; }
    if (--plan.remaining <= 0) this.planned.splice(this.planned.indexOf(plan), 1);
    return plan.fault;
  }

  clear(): void {
    this.planned = [];
  }
}

/** Added latency, and how many service requests are being answered now and at most so far. */
export class Traffic {
  latencyMs = 0;
  inFlight = 0;
  maxInFlight = 0;

  /** Counts the request in while it waits out the latency (the handlers run synchronously after). */
  async admit(): Promise<void> {
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    try {
      if (this.latencyMs > 0) await delay(this.latencyMs);
    } finally {
      this.inFlight--;
    }
  }

  reset(): void {
    this.latencyMs = 0;
    this.maxInFlight = 0;
  }
}
