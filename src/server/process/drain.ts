import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/store.ts';

/** How often, while draining, connections that have gone idle are closed. */
const idleSweepMs = 50;

export type DrainOutcome = {
  /** True when every request already started had finished within the grace period. */
  drained: boolean;
  /** Milliseconds from the start of the drain to the store being closed. */
  tookMs: number;
};

/**
 * Stops a service process gently: the listeners stop accepting connections at once (a load
 * balancer moves on to another process), idle kept-alive connections are closed, and requests
 * already started may finish (Fastify answers any new request on an open connection 503 with
 * `Connection: close`). After `graceMs` the connections still open are cut, so a stuck client
 * cannot hold the stop up. A connection is closed as soon as its answer is sent. Then the store is closed (the PostgreSQL pool ends).
 */
export async function drainAndClose(listeners: readonly FastifyInstance[], store: Store, graceMs: number): Promise<DrainOutcome> {
  const started = performance.now();
  const closing = Promise.all(listeners.map((listener) => listener.close()));
  // A connection whose request has just been answered is idle now: close it at once rather than
  // after the keep-alive time-out.
  const sweeper = setInterval(() => {
    for (const listener of listeners) listener.server.closeIdleConnections();
  }, idleSweepMs);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), graceMs);
  });
  const outcome = await Promise.race([closing.then(() => 'drained' as const), late]);
  clearTimeout(timer);
  if (outcome === 'late') {
    for (const listener of listeners) listener.server.closeAllConnections();
    await closing;
  }
  clearInterval(sweeper);
  await store.close();
  return { drained: outcome === 'drained', tookMs: Math.round(performance.now() - started) };
}
