import { randomBytes } from 'node:crypto';
import { countSmsSegments } from '../../../../src-shared/delivery/sms-segments';
import { formOf, startStandIn, takeOutage, type Outage, type StandIn, type StandInReply } from './stand-in-server';

export interface SmsapiStandInOptions {
  /** The OAuth token the account has. */
  token: string;
  /** Sender names registered (and approved) in the panel. */
  senders?: string[];
  /** Points on the account; a part costs `pointsPerPart`. */
  points?: number;
  pointsPerPart?: number;
  /** Numbers SMSAPI refuses (blacklisted, or no network it can route to), without "+". */
  refusedNumbers?: string[];
}

export interface SmsapiSent {
  id: string;
  number: string;
  message: string;
  from?: string;
  idx?: string;
  parts: number;
}

export interface SmsapiStandIn extends StandIn {
  /** Messages the stand-in accepted, in order: what would have reached phones. */
  sent: SmsapiSent[];
  outages: Outage[];
  points(): number;
}

const encodings = new Set(['iso-8859-1', 'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-5', 'iso-8859-7', 'windows-1250', 'windows-1251', 'utf-8']);

const error = (status: number, code: number, message: string, extra: Record<string, unknown> = {}): StandInReply => ({ status, json: { ...extra, error: code, message } });

/**
 * SMSAPI's `POST /sms.do` as its documentation describes it: OAuth Bearer token, form parameters, `format=json`
 * answers; `idx` with `check_idx=1` refuses a second message with the same idx (error 53); errors as
 * `{"error": code, "message": …}` — with HTTP 200, as SMSAPI sends them, except a refused token (401).
 */
export async function startSmsapiStandIn(options: SmsapiStandInOptions): Promise<SmsapiStandIn> {
  const sent: SmsapiSent[] = [];
  const outages: Outage[] = [];
  const idxUsed = new Set<string>();
  let points = options.points ?? 100;
  const pointsPerPart = options.pointsPerPart ?? 0.17;

  const standIn = await startStandIn((request, problem) => {
    const outage = takeOutage(outages);
    if (outage) return outage;
    if (request.path !== '/sms.do') return { status: 404, json: { message: 'Not found' } };
    if (request.method !== 'POST') problem(`sms.do called with ${request.method}`);
    if ([...request.query.keys()].length > 0) problem('parameters in the query string (numbers and text belong in the body)');
    if (request.headers.authorization !== `Bearer ${options.token}`) return error(401, 101, 'Authorization failed');
    const form = formOf(request, problem);
    if (form.get('format') !== 'json') problem(`format=${form.get('format') ?? '(none)'}: the answer would not be JSON`);
    const encoding = form.get('encoding');
    if (encoding !== null && !encodings.has(encoding)) problem(`unknown encoding ${encoding}`);

    const message = form.get('message') ?? '';
    if (!message) return error(200, 11, 'Message too long or there is no message');
    const from = form.get('from') ?? undefined;
    if (from !== undefined && !(options.senders ?? []).includes(from)) return error(200, 14, 'Invalid sender name');
    const numbers = (form.get('to') ?? '').split(',').filter(Boolean);
    const invalid = numbers.filter((n) => !/^\d{9,15}$/.test(n) || (options.refusedNumbers ?? []).includes(n));
    if (numbers.length === 0 || invalid.length === numbers.length) {
      return error(200, 13, 'No correct phone numbers', { invalid_numbers: invalid.map((n) => ({ number: n, submitted_number: n, message: 'Invalid phone number' })) });
    }
    const idx = form.get('idx') ?? undefined;
    if (idx !== undefined && idx.length > 255) return error(200, 27, 'Too long idx parameter');
    if (idx !== undefined && form.get('check_idx') === '1' && idxUsed.has(idx)) return error(200, 53, 'Not unique idx parameter, message with the same idx has been already sent');
    const parts = countSmsSegments(message).segments;
    const maxParts = Number(form.get('max_parts') ?? 10);
    if (parts > maxParts) return error(200, 12, 'Message has more parts than defined in max_parts parameter');
    const cost = Math.round(parts * pointsPerPart * numbers.length * 100) / 100;
    if (cost > points) return error(200, 103, 'Insufficient credits on your account');

    points = Math.round((points - cost) * 100) / 100;
    if (idx !== undefined) idxUsed.add(idx);
    const dateSent = Math.floor(Date.now() / 1000);
    const list = numbers.map((number) => {
      const entry: SmsapiSent = { id: randomBytes(12).toString('hex').toUpperCase(), number, message, parts, ...(from ? { from } : {}), ...(idx ? { idx } : {}) };
      sent.push(entry);
      return { id: entry.id, points: parts * pointsPerPart, number, date_sent: dateSent, submitted_number: number, status: 'QUEUE', error: null, idx: idx ?? null };
    });
    return { status: 200, json: { count: list.length, list } };
  });
  return { ...standIn, sent, outages, points: () => points };
}
