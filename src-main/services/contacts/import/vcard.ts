/**
 * A vCard reader for what address books export: vCard 2.1 (Outlook, older phones: QUOTED-PRINTABLE, CHARSET, bare TYPE
 * parameters), 3.0 (macOS, Google) and 4.0. Written here because the maintained libraries cover 3.0/4.0 only, and 2.1 is
 * still what many Polish offices export from Outlook.
 */
export interface VCardProperty {
  name: string;
  params: Map<string, string[]>;
  /** Structured value components (split on unescaped `;`), unescaped. */
  components: string[];
}

export interface VCard {
  properties: VCardProperty[];
}

export function parseVCards(text: string): VCard[] {
  const cards: VCard[] = [];
  let current: VCardProperty[] | null = null;
  for (const line of unfold(text)) {
    const prop = parseLine(line);
    if (!prop) continue;
    const value = prop.components.join(';').toUpperCase();
    if (prop.name === 'BEGIN' && value === 'VCARD') current = [];
    else if (prop.name === 'END' && value === 'VCARD') {
      if (current) cards.push({ properties: current });
      current = null;
    } else if (current) current.push(prop);
  }
  return cards;
}

/** Joins folded lines (a leading space or tab continues the previous line) and QUOTED-PRINTABLE soft breaks (`=` at the end). */
function unfold(text: string): string[] {
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  const lines: string[] = [];
  for (const line of raw) {
    const last = lines.length - 1;
    const previous = lines[last];
    // A soft break is checked first: the continuation of a quoted-printable value is taken literally, spaces and all.
    if (previous !== undefined && previous.endsWith('=') && /QUOTED-PRINTABLE/i.test(previous.split(':')[0] ?? '')) lines[last] = previous.slice(0, -1) + line;
    else if (previous !== undefined && (line.startsWith(' ') || line.startsWith('\t'))) lines[last] = previous + line.slice(1);
    else lines.push(line);
  }
  return lines.filter((l) => l.trim() !== '');
}

function parseLine(line: string): VCardProperty | null {
  const colon = indexOfUnquoted(line, ':');
  if (colon < 0) return null;
  const [nameWithGroup, ...paramParts] = splitUnquoted(line.slice(0, colon), ';');
  const name = (nameWithGroup ?? '').split('.').pop()!.toUpperCase();
  const params = new Map<string, string[]>();
  for (const part of paramParts) {
    const eq = part.indexOf('=');
    // vCard 2.1 writes bare types: `TEL;CELL;VOICE:`.
    const key = eq < 0 ? 'TYPE' : part.slice(0, eq).toUpperCase();
    const values = (eq < 0 ? part : part.slice(eq + 1)).split(',').map((v) => v.replace(/^"|"$/g, '').toUpperCase());
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  let value = line.slice(colon + 1);
  if (params.get('ENCODING')?.includes('QUOTED-PRINTABLE')) value = decodeQuotedPrintable(value, params.get('CHARSET')?.[0]);
  const components = splitUnescaped(value).map(unescapeValue);
  return { name, params, components };
}

function indexOfUnquoted(text: string, ch: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === ch && !quoted) return i;
  }
  return -1;
}

function splitUnquoted(text: string, sep: string): string[] {
  const parts: string[] = [];
  let rest = text;
  for (let i = indexOfUnquoted(rest, sep); i >= 0; i = indexOfUnquoted(rest, sep)) {
    parts.push(rest.slice(0, i));
    rest = rest.slice(i + 1);
  }
  parts.push(rest);
  return parts;
}

function splitUnescaped(value: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '\\') i++;
    else if (value[i] === ';') {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

function unescapeValue(text: string): string {
  return text.replace(/\\([nN,;\\:])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function decodeQuotedPrintable(text: string, charset = 'UTF-8'): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...new TextEncoder().encode(text[i]!));
    }
  }
  try {
    return new TextDecoder(charset.toLowerCase()).decode(new Uint8Array(bytes));
  } catch {
    return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
  }
}

/** The first property of a name, preferring one marked preferred (`TYPE=PREF` in 2.1/3.0, `PREF=1` in 4.0) or of a wanted type. */
export function pick(card: VCard, name: string, preferType?: string): VCardProperty | undefined {
  const all = card.properties.filter((p) => p.name === name);
  const isPref = (p: VCardProperty) => p.params.get('TYPE')?.includes('PREF') || p.params.has('PREF');
  return (
    (preferType ? all.find((p) => p.params.get('TYPE')?.includes(preferType)) : undefined) ?? all.find(isPref) ?? all[0]
  );
}
