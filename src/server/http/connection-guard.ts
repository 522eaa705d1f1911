import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { ApiError } from '../../domain/sync.ts';
import { defaultMaxConnectionsPerAddress, defaultMaxRequestsInFlight } from '../config.ts';
import { rawErrorResponse, type HeaderList } from './protocol-errors.ts';

/**
 * How long a connection may take, and how many one address may hold. Without these a device (or
 * someone) that opens connections and never finishes its requests holds them for ever.
 */
export type ConnectionLimits = {
  /** The whole request, headers and body, must arrive within this (answered 408, then closed). */
  requestTimeoutMs: number;
  /** The request's headers must arrive within this. */
  headersTimeoutMs: number;
  /** A kept-alive connection with no request in flight is closed after this. */
  keepAliveTimeoutMs: number;
  /** A connection on which nothing at all moves (for example a reader that stopped reading) is closed after this. */
  idleTimeoutMs: number;
  /** How often Node looks for requests past their time-out. */
  checkIntervalMs: number;
  /** Open connections from one address (proxies in TRUST_PROXY excepted); the next is refused with 429. */
  maxPerAddress: number;
  /** API requests the listener works on at once; the next is answered 503 `busy` (in-flight-cap.ts). */
  maxRequestsInFlight: number;
};

/**
 * A push body is at most 256 KB: 60 s to send it is about 35 kbit/s, slower than a poor wing
 * network. Headers are small: 15 s. Kept-alive connections are closed after 10 s idle (a proxy in
 * front that keeps connections to the service open must time out sooner than that).
 */
export const defaultConnectionLimits: ConnectionLimits = {
  requestTimeoutMs: 60_000,
  headersTimeoutMs: 15_000,
  keepAliveTimeoutMs: 10_000,
  idleTimeoutMs: 60_000,
  checkIntervalMs: 1000,
  maxPerAddress: defaultMaxConnectionsPerAddress,
  maxRequestsInFlight: defaultMaxRequestsInFlight,
};

/** How long a refused client is asked to wait before it connects again. */
export const refusedRetryAfterSeconds = 5;

const tooManyConnections: ApiError = {
  code: 'tooManyConnections',
  message: 'Too many connections are open from this device or network. Please wait a moment and try again.',
};

/**
 * Counts open connections per client address and refuses one over the cap before the HTTP server
 * sees it: it gets a 429 (`{code, message}`, the security headers, Retry-After) and is closed,
 * and no request on it is ever read. `isExempt` says which addresses are trusted proxies: at
 * connection time the device behind a proxy is not known yet, and one proxy carries many
 * devices, so its connections are not counted (the proxy limits its own clients).
 */
export function guardConnections(server: Server, limits: Pick<ConnectionLimits, 'maxPerAddress'>, isExempt: (address: string | undefined) => boolean, securityHeaders: HeaderList): void {
  const open = new Map<string, number>();
  const refusal = rawErrorResponse(429, tooManyConnections, securityHeaders, [['retry-after', String(refusedRetryAfterSeconds)]]);
  // The HTTP server's own 'connection' listeners run only for the connections let through.
  const httpListeners = server.listeners('connection') as Array<(socket: Socket) => void>;
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    if (!isExempt(address)) {
      const count = open.get(address) ?? 0;
      if (count >= limits.maxPerAddress) {
        refuse(socket, refusal);
        return;
      }
      open.set(address, count + 1);
      socket.once('close', () => {
        const left = (open.get(address) ?? 1) - 1;
        if (left > 0) open.set(address, left);
        else open.delete(address);
      });
    }
    for (const listener of httpListeners) listener.call(server, socket);
  });
}

function refuse(socket: Socket, response: string): void {
  socket.on('error', () => undefined);
  socket.end(response);
  // Read and drop whatever the client sends, so closing does not reset the answer away.
  socket.resume();
  socket.once('end', () => socket.destroy());
  setTimeout(() => socket.destroy(), 1000).unref();
}
