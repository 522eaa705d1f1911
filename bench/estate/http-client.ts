/**
 * The bench's tablets' HTTP: node:http over kept-alive connections, with the JSON body read whole.
 * The load generator shares the box with the service and PostgreSQL, so what it spends on each
 * request is taken from them; node:http costs it less than fetch (WHATWG streams and headers
 * objects for every call). The service sees the same requests either way.
 */
import { Agent, request } from 'node:http';

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export type JsonAnswer = { status: number; body: unknown };

type Init = { method?: string; headers?: Record<string, string>; body?: string };

/**
 * One request. When a kept-alive connection turns out to have been closed by the service (its
 * 10 s idle time-out) just as the request went out, and nothing came back, the request is sent
 * once more on a new connection, as browsers do; pushes are safe to send twice by design.
 */
export async function requestJson(url: string, init: Init = {}): Promise<JsonAnswer> {
  try {
    return await once(url, init);
  } catch (error) {
    if (!(error as { reusedSocket?: boolean }).reusedSocket) throw error;
    resent++;
    return once(url, init);
  }
}

let resent = 0;
/** Requests sent again because their kept-alive connection had just been closed (the bench reports it). */
export const requestsResent = () => resent;

function once(url: string, init: Init): Promise<JsonAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = Buffer.byteLength(init.body);
    let answered = false;
    const sent = request(url, { method: init.method ?? 'GET', headers, agent }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: response.statusCode ?? 0, body: text === '' ? null : JSON.parse(text) });
        } catch {
          reject(new Error(`${init.method ?? 'GET'} ${new URL(url).pathname} answered ${response.statusCode} with a body that is not JSON`));
        }
      });
    });
    sent.on('error', (error: NodeJS.ErrnoException & { reusedSocket?: boolean }) => {
      // Only a connection reset or hang-up on a reused socket, before any answer, is sent again.
      if (sent.reusedSocket && !answered && (error.code === 'ECONNRESET' || error.message === 'socket hang up')) error.reusedSocket = true;
      reject(error);
    });
    sent.end(init.body);
  });
}
