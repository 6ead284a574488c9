/*
 * `signet://` links, parsed without Electron so the rules are unit-tested. A link arrives from outside the app (a browser,
 * a mail client, another program's argv), so it is treated as untrusted input: bounded, decoded once, no dot segments,
 * no credentials or ports, no control characters.
 *
 * For now a parsed link is only logged and kept (see `main.ts`); later issues route it (e.g. `signet://documents/<id>`
 * opens a document) through the contract, not through a side channel to the renderer.
 */

export const deepLinkScheme = 'signet';

/** Longer links are refused outright (Windows caps a command line near 32k; nothing we route needs more than this). */
export const maxDeepLinkLength = 2048;
const maxSegments = 16;
const maxParams = 20;

export interface DeepLink {
  /** The path as segments, host first: `signet://documents/42` → `['documents', '42']`. */
  readonly segments: readonly string[];
  /** Query parameters; a repeated key keeps its first value. */
  readonly params: Readonly<Record<string, string>>;
}

const dotSegment = /(?:^|[/\\])(?:\.|%2e){1,2}(?:[/\\?#]|$)/i;

function hasControlChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export function parseDeepLink(raw: unknown): DeepLink | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > maxDeepLinkLength) return null;
  // The URL parser would silently resolve `.`/`..` (also `%2e%2e`); a link that contains them is refused instead.
  if (dotSegment.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol.toLowerCase() !== `${deepLinkScheme}:`) return null;
  if (url.username !== '' || url.password !== '' || url.port !== '') return null;

  // `signet://documents/42`: the first segment parses as the host. `signet:documents/42` has none; both are accepted.
  const rawSegments = [url.hostname, ...url.pathname.split('/')].filter((s) => s !== '');
  if (rawSegments.length === 0 || rawSegments.length > maxSegments) return null;
  const segments: string[] = [];
  for (const rawSegment of rawSegments) {
    const segment = decode(rawSegment);
    if (segment === null || !isSafeSegment(segment)) return null;
    segments.push(segment);
  }

  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  let count = 0;
  for (const [key, value] of url.searchParams) {
    if (key === '' || hasControlChar(key) || hasControlChar(value)) return null;
    if (++count > maxParams) return null;
    if (!(key in params)) params[key] = value;
  }
  return { segments, params: Object.freeze(params) };
}

/**
 * The link among a process's arguments: on Windows and Linux the OS starts the app (or, through the single-instance
 * lock, a second instance whose argv reaches the first) with the URL as one argument.
 */
export function findDeepLinkArg(argv: readonly string[]): string | undefined {
  const prefix = `${deepLinkScheme}:`;
  return argv.find((arg) => typeof arg === 'string' && arg.slice(0, prefix.length).toLowerCase() === prefix);
}

/** For logs: the route without its parameters, which may one day carry tokens. */
export function describeDeepLink(link: DeepLink): string {
  return `${deepLinkScheme}://${link.segments.map(encodeURIComponent).join('/')}`;
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function isSafeSegment(segment: string): boolean {
  if (segment === '.' || segment === '..' || segment.length > 200) return false;
  return !hasControlChar(segment) && !segment.includes('/') && !segment.includes('\\');
}
