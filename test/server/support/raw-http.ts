import { connect, type Socket } from 'node:net';

/** A response as it came off the wire: every status line seen (a 100 Continue first, if one was sent), the last response's headers and body. */
export type RawResponse = { statusLines: string[]; status: number; headers: Record<string, string>; body: string; closed: boolean };

/** Opens a TCP connection to 127.0.0.1:port; resolves once connected. */
export function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Splits what was received into responses; the last one is returned with its headers and body. */
export function parseRaw(text: string, closed: boolean): RawResponse {
  const statusLines: string[] = [];
  let rest = text;
  let headers: Record<string, string> = {};
  let body = '';
  while (rest.startsWith('HTTP/')) {
    const end = rest.indexOf('\r\n\r\n');
    if (end === -1) break;
    const [statusLine = '', ...lines] = rest.slice(0, end).split('\r\n');
    statusLines.push(statusLine);
    headers = Object.fromEntries(
      lines.map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
      }),
    );
    rest = rest.slice(end + 4);
    const length = headers['content-length'] === undefined ? (statusLine.includes(' 100 ') ? 0 : rest.length) : Number(headers['content-length']);
    body = rest.slice(0, length);
    rest = rest.slice(length);
  }
  const status = Number(statusLines.at(-1)?.split(' ')[1] ?? 0);
  return { statusLines, status, headers, body, closed };
}

/** True once a whole final answer (not a 100 Continue) has arrived. */
function complete(response: RawResponse): boolean {
  const length = response.headers['content-length'];
  return response.status >= 200 && length !== undefined && Buffer.byteLength(response.body) === Number(length);
}

/**
 * Sends bytes as they are (no client library to tidy them up) and collects the answer until it is
 * whole, the server closes the connection, or `waitMs` passes with nothing more.
 */
export async function sendRaw(port: number, request: string | Buffer, options: { waitMs?: number; socket?: Socket } = {}): Promise<RawResponse> {
  const socket = options.socket ?? (await openSocket(port));
  const waitMs = options.waitMs ?? 1500;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout;
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.removeAllListeners('data');
      if (!closed) socket.destroy();
      resolve(parseRaw(Buffer.concat(chunks).toString('utf8'), closed));
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(false), waitMs);
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // Wait a moment more after a whole answer, to see whether the server then closes.
      if (complete(parseRaw(Buffer.concat(chunks).toString('utf8'), false))) {
        clearTimeout(timer);
        timer = setTimeout(() => finish(false), 100);
      } else arm();
    });
    socket.once('close', () => finish(true));
    socket.on('error', () => undefined);
    arm();
    socket.write(request);
  });
}
