import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { MailConfig } from '../../../src-shared/delivery/mail-settings';
import { DeliveryError, type DeliveryChannel, type SendHooks } from '../channel';
import type { MailSource } from './mail-source';
import { buildMime } from './mime';

export interface SmtpTimeouts {
  connectionMs: number;
  greetingMs: number;
  /** Silence on an open connection (a server that stopped answering mid-message). */
  socketMs: number;
}

const defaultTimeouts: SmtpTimeouts = { connectionMs: 30_000, greetingMs: 30_000, socketMs: 120_000 };

/**
 * E-mail over the company's SMTP server, with the settings `source` gives at each attempt (a fixed password or host
 * applies to what is still queued). One connection per message: MAIL FROM, RCPT TO, DATA, QUIT.
 *
 * The body goes through SMTPConnection directly, not nodemailer's transport, for one reason: the "." that ends DATA
 * is where the server takes the message on, and this channel must tell the outbox right before it (SendHooks). The
 * connection starts reading the message stream only after the server's 354, and appends the "." only when the stream
 * ends; the stream below ends only once the outbox has recorded `committing`.
 */
export function createSmtpChannel(source: MailSource, now: () => Date, timeouts: SmtpTimeouts = defaultTimeouts): DeliveryChannel {
  return {
    kind: 'email',
    async send(message, resolveAttachment, hooks) {
      const stored = await source.read();
      const raw = await buildMime(stored.config, message, resolveAttachment, now());
      const connection = new SMTPConnection(connectionOptions(stored.config, timeouts));
      try {
        await new Promise<void>((resolve, reject) => {
          connection.once('error', reject);
          connection.connect(() => {
            connection.removeListener('error', reject);
            resolve();
          });
        });
        // A connection that errors later (while sending) reports through the callbacks below; keep it from throwing.
        connection.on('error', () => {});
        if (stored.config.user) {
          await new Promise<void>((resolve, reject) =>
            connection.login({ user: stored.config.user!, pass: stored.password ?? '' }, (err) => (err ? reject(err) : resolve())),
          );
        }
        const info = await new Promise<{ response?: string; serverMessageId?: string }>((resolve, reject) =>
          connection.send({ from: stored.config.fromAddress, to: [message.to] }, endsAfterCommit(raw, hooks), (err, result) => (err ? reject(err) : resolve(result ?? {}))),
        );
        connection.quit();
        return { providerMessageId: info.serverMessageId ?? info.response };
      } catch (error) {
        connection.close();
        throw classify(error);
      }
    },
  };
}

function connectionOptions(config: MailConfig, timeouts: SmtpTimeouts): ConstructorParameters<typeof SMTPConnection>[0] {
  return {
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls',
    ignoreTLS: config.security === 'none',
    // The certificate is always checked (nodemailer's default); a company CA replaces the public roots when given.
    tls: { rejectUnauthorized: true, ...(config.trustedCaPem ? { ca: config.trustedCaPem } : {}) },
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    // After QUIT or a failure, do not wait for the server to close first: the next message opens its own connection.
    socketCloseTimeout: 0,
  };
}

/** The message, then — only once the outbox has recorded that the "." is about to go — the end of the stream. */
function endsAfterCommit(raw: Buffer, hooks: SendHooks | undefined): Readable {
  let bodyPushed = false;
  return new Readable({
    read() {
      if (!bodyPushed) {
        bodyPushed = true;
        this.push(raw);
        return;
      }
      if (!hooks) {
        this.push(null);
        return;
      }
      hooks.committing().then(
        () => this.push(null),
        (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
}

interface SmtpError extends Error {
  /** nodemailer's own: ETLS for a failed upgrade, ECONNECTION, EAUTH, … */
  code?: string;
  response?: string;
  responseCode?: number;
  rejectedErrors?: SmtpError[];
}

/**
 * The server's reply decides: 5xx is permanent (a bad recipient, a refused login, a message the server will not
 * take) except 503 (bad sequence, a protocol hiccup); 4xx and anything without a reply (refused connection, timeout,
 * TLS failure, DNS) are temporary. The reason is the server's own line, e.g. "550 5.1.1 <x@y>: Recipient address
 * rejected", else the socket's error.
 */
function classify(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const e = error as SmtpError;
  const rejected = e.rejectedErrors?.find((r) => r.response) ?? e;
  const response = rejected.response ?? e.response;
  const code = rejected.responseCode ?? e.responseCode;
  // The server's words alone ("500 command not recognized") would not tell anyone that it was STARTTLS it refused.
  if (response && code && e.code === 'ETLS') return new DeliveryError(code >= 500, `the server refused STARTTLS (${response.trim()}): check the port and the security mode`, String(code));
  if (response && code) return new DeliveryError(code >= 500 && code !== 503, response.trim(), String(code));
  const reason = e.message || String(error);
  return new DeliveryError(false, reason);
}
