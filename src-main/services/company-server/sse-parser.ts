/** One Server-Sent Events message: its `event` name ('message' when none was given), `data` lines joined, and `id`. */
export interface SseMessage {
  event: string;
  data: string;
  /** The stream's last event id as of this message (an `id:` line here or in an earlier one); undefined if none yet. */
  id: string | undefined;
}

export interface SseParser {
  /** A piece of the stream as it arrived: bytes (decoded as UTF-8 across pieces) or text. Returns the messages it completed. */
  push(chunk: Uint8Array | string): SseMessage[];
  /** Comment lines (`: keep-alive`) seen so far; a reader's sign of life from a quiet stream. */
  readonly comments: number;
}

/**
 * The event stream format as the HTML standard defines it (text/event-stream): lines end in CRLF, LF or CR, a line
 * starting with ':' is a comment, `field: value` (one space after the colon dropped), an empty line ends a message;
 * `data` lines are joined with '\n', a message without data is not one. A piece may end anywhere: in a line, between
 * CR and LF, inside a UTF-8 sequence. `retry:` is read and ignored: the follower keeps its own backoff.
 */
export function createSseParser(): SseParser {
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  let first = true;
  let lastId: string | undefined;
  let event = '';
  let data: string[] = [];
  let comments = 0;

  const line = (text: string, out: SseMessage[]) => {
    if (text === '') {
      if (data.length > 0) out.push({ event: event || 'message', data: data.join('\n'), id: lastId });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) {
      comments++;
      return;
    }
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\0')) lastId = value;
  };

  return {
    push(chunk) {
      buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      if (first && buffer.length > 0) {
        if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
        first = false;
      }
      const out: SseMessage[] = [];
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer[i];
        if (c !== '\n' && c !== '\r') continue;
        // A CR last in the piece may be the first half of a CRLF: wait for the next piece to tell.
        if (c === '\r' && i === buffer.length - 1) break;
        line(buffer.slice(start, i), out);
        if (c === '\r' && buffer[i + 1] === '\n') i++;
        start = i + 1;
      }
      buffer = buffer.slice(start);
      return out;
    },
    get comments() {
      return comments;
    },
  };
}
