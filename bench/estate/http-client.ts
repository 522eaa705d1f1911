/**
 * The bench's tablets' HTTP: node:http over kept-alive connections, with the JSON body read whole.
 * The load generator shares the box with the service and PostgreSQL, so what it spends on each
 * request is taken from them; node:http costs it less than fetch (WHATWG streams and headers
 * objects for every call). The service sees the same requests either way.
 */
import { Agent, request } from 'node:http';

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export type JsonAnswer = { status: number; body: unknown };

export function requestJson(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<JsonAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = Buffer.byteLength(init.body);
    const sent = request(url, { method: init.method ?? 'GET', headers, agent }, (response) => {
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
    sent.on('error', reject);
    sent.end(init.body);
  });
}
