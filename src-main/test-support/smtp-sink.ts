import net from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
  raw: Buffer;
  /** The message came over TLS (implicit or after STARTTLS). */
  secure?: boolean;
}

export interface SmtpSinkOptions {
  /** 0: any free port. Pass the same port to "bring the server back up". */
  port?: number;
  /** Recipients refused at RCPT TO with 550 5.1.1, as a real server refuses an unknown mailbox. */
  rejectRecipients?: Set<string>;
  /**
   * TLS as a company server does it: `implicit` from the first byte (port 465), `starttls` offered after EHLO (587).
   * Without it the sink speaks plain SMTP and refuses STARTTLS.
   */
  tls?: { mode: 'implicit' | 'starttls'; keyPem: string; certPem: string };
}

/**
 * A real SMTP server on loopback (the `smtp-server` package, no TLS, no auth required) that keeps every message it
 * took on, parsed by `mailparser`. A message counts as received when its DATA ended (the final "." arrived), as a
 * real MTA queues it then, whatever happens to the reply. Hooks let a test hold the greeting or the reply to DATA,
 * or cut the connection instead of replying, to put a sender at a chosen point.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  readonly rejectRecipients: Set<string>;
  /** Called when a client connects; the greeting waits for the promise it returns. */
  onConnect: () => Promise<void> | void = () => {};
  /** Called once a whole message arrived (it is already counted); the reply to DATA waits for the promise. */
  onMessage: (mail: ReceivedMail) => Promise<void> | void = () => {};
  /** Called when the first bytes of a message body arrive (the sender is in DATA, the "." not yet sent). */
  onDataStart: () => void = () => {};
  /** Instead of replying to DATA, drop the connection (a server that crashed after taking the message). */
  dropAfterData = false;
  /** Messages whose DATA was cut off before its end: not received. */
  aborted = 0;
  port = 0;
  private server: SMTPServer | undefined;

  constructor(private readonly options: SmtpSinkOptions = {}) {
    this.rejectRecipients = options.rejectRecipients ?? new Set();
  }

  async start(port = this.options.port ?? this.port): Promise<this> {
    const tls = this.options.tls;
    const server = new SMTPServer({
      disabledCommands: tls?.mode === 'starttls' ? ['AUTH'] : ['STARTTLS', 'AUTH'],
      ...(tls ? { secure: tls.mode === 'implicit', key: tls.keyPem, cert: tls.certPem } : {}),
      authOptional: true,
      disableReverseLookup: true,
      logger: false,
      onConnect: (_session, callback) => {
        Promise.resolve(this.onConnect()).then(() => callback(), callback);
      },
      onRcptTo: (address, _session, callback) => {
        if (this.rejectRecipients.has(address.address.toLowerCase())) {
          const error = new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`) as Error & { responseCode: number };
          error.responseCode = 550;
          callback(error);
          return;
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        let started = false;
        stream.on('data', (chunk: Buffer) => {
          if (!started) {
            started = true;
            this.onDataStart();
          }
          chunks.push(chunk);
        });
        stream.on('error', () => this.aborted++);
        stream.on('end', () => {
          if (stream.sizeExceeded) return callback(new Error('too large'));
          const raw = Buffer.concat(chunks);
          const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
          void simpleParser(raw).then(async (parsed) => {
            const mail = { ...toReceived(parsed, to, raw), secure: Boolean(session.secure) };
            this.received.push(mail);
            await this.onMessage(mail);
            if (this.dropAfterData) {
              destroyClient(server, session.id);
              return;
            }
            callback(null, `2.0.0 Ok: queued as ${mail.messageId.replace(/[<>]/g, '')}`);
          });
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    server.on('error', () => {});
    this.server = server;
    this.port = (server.server.address() as net.AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    // Cut open connections too: "the server went down", not "the server stopped accepting new ones".
    for (const connection of (server as unknown as { connections: Set<{ _socket: net.Socket }> }).connections) connection._socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** How many times each Message-ID arrived. */
  counts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.received) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
    return counts;
  }
}

function destroyClient(server: SMTPServer, sessionId: string): void {
  for (const connection of (server as unknown as { connections: Set<{ id: string; _socket: net.Socket }> }).connections) {
    if (connection.id === sessionId) connection._socket.destroy();
  }
}

function toReceived(parsed: ParsedMail, to: string, raw: Buffer): ReceivedMail {
  return {
    messageId: parsed.messageId ?? '',
    to,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, content: a.content })),
    raw,
  };
}

/** A port nothing listens on (for "the server is down"), free at the moment of asking. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
