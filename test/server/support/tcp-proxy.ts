import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay on 127.0.0.1 in front of another address, which can be cut off as a network
 * partition is: nothing is refused or reset, bytes simply stop moving both ways (each side's
 * socket is paused, so what was sent waits, as in a retransmitting network) until `heal()`.
 * Connections made during the partition are accepted and then hear nothing, and a side that
 * closes during it is heard of on the other side only once it heals.
 */
export type TcpProxy = { port: number; partition(): void; heal(): void; close(): Promise<void> };

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  /** Ends that happened during the partition: the far side hears of them only when it heals. */
  const endsToDeliver: Array<() => void> = [];
  let cut = false;
  const server: Server = createServer((client) => {
    const upstream = connect(target);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      if (cut) {
        endsToDeliver.push(end);
        return;
      }
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of pair) {
      socket.on('error', end);
      socket.on('close', end);
      if (cut) socket.pause();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The relay is not on a TCP port.');
  return {
    port: address.port,
    partition() {
      cut = true;
      for (const pair of pairs) for (const socket of pair) socket.pause();
    },
    heal() {
      cut = false;
      for (const pair of pairs) for (const socket of pair) socket.resume();
      for (const end of endsToDeliver.splice(0)) end();
    },
    async close() {
      for (const pair of pairs) for (const socket of pair) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
