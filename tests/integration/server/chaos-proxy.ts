// A TCP proxy the fault tests control: cut every open connection and refuse new ones for a while.
import net from 'node:net';

export class ChaosProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private downUntil = 0;
  /** Bytes from the server still allowed through before the armed stall (null: none armed). */
  private stallBudget: number | null = null;
  cuts = 0;

  constructor(private readonly targetPort: () => number) {
    this.server = net.createServer((client) => this.accept(client));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as net.AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  private accept(client: net.Socket): void {
    if (Date.now() < this.downUntil) {
      client.destroy();
      return;
    }
    const upstream = net.connect(this.targetPort(), '127.0.0.1');
    this.sockets.add(client).add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    client.pipe(upstream);
    // Server to client by hand (with backpressure), so an armed stall can stop it mid-answer.
    upstream.on('data', (chunk: Buffer) => {
      const pass = this.pass(chunk);
      if (pass.length > 0 && !client.write(pass)) upstream.pause();
    });
    client.on('drain', () => upstream.resume());
    upstream.on('end', () => client.end());
  }

  /** What of a chunk from the server goes on: all of it, or what the armed stall still allows. */
  private pass(chunk: Buffer): Buffer {
    if (this.stallBudget === null) return chunk;
    const part = chunk.subarray(0, Math.max(0, this.stallBudget));
    this.stallBudget -= part.length;
    return part;
  }

  /**
   * After `bytes` more bytes from the server, nothing more reaches the client: the connection
   * hangs midway through an answer until `cut` drops it (as a failing link does).
   */
  stallAfter(bytes: number): void {
    this.stallBudget = bytes;
  }

  /** Drops every connection now and refuses new ones for `ms`. */
  cut(ms: number): void {
    this.cuts += 1;
    this.stallBudget = null;
    this.downUntil = Date.now() + ms;
    for (const socket of [...this.sockets]) socket.destroy();
  }

  async close(): Promise<void> {
    for (const socket of [...this.sockets]) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
