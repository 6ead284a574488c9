import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from './sse-parser';

/** Every message the parser completes when `text` arrives cut into pieces at each of `cuts`. */
function parsedInPieces(text: string | Uint8Array, cuts: number[]): SseMessage[] {
  const parser = createSseParser();
  const out: SseMessage[] = [];
  let from = 0;
  for (const at of [...cuts, text.length]) {
    out.push(...parser.push(text.slice(from, at)));
    from = at;
  }
  return out;
}

const stream = 'id: 1\nevent: signet\ndata: {"seq":1}\n\n: keep-alive\n\nid: 2\nevent: signet\ndata: {"seq":2}\n\n';
const expected = [
  { event: 'signet', data: '{"seq":1}', id: '1' },
  { event: 'signet', data: '{"seq":2}', id: '2' },
];

describe('the Server-Sent Events parser', () => {
  it('gives the same messages however the stream is cut, at every single point and into single characters', () => {
    expect(parsedInPieces(stream, [])).toEqual(expected);
    for (let cut = 1; cut < stream.length; cut++) expect(parsedInPieces(stream, [cut])).toEqual(expected);
    expect(parsedInPieces(stream, [...stream].map((_, i) => i + 1))).toEqual(expected);
  });

  it('reads CRLF and lone CR line ends, a CRLF split between two pieces included', () => {
    const crlf = stream.replace(/\n/g, '\r\n');
    for (let cut = 1; cut < crlf.length; cut++) expect(parsedInPieces(crlf, [cut])).toEqual(expected);
    const cr = stream.replace(/\n/g, '\r');
    // A lone CR ends the line too; the last one is known as such only when more comes (or never: the stream ended).
    expect(parsedInPieces(`${cr}: more`, [])).toEqual(expected);
    for (let cut = 1; cut < cr.length; cut++) expect(parsedInPieces(`${cr}: more`, [cut])).toEqual(expected);
  });

  it('counts comments, sends no message for them or for an event without data, and keeps the last id across messages', () => {
    const parser = createSseParser();
    expect(parser.push(': keep-alive\n\n:another\n\nevent: signet\n\n')).toEqual([]);
    expect(parser.comments).toBe(2);
    expect(parser.push('id: 7\ndata: a\n\ndata: b\n\n')).toEqual([
      { event: 'message', data: 'a', id: '7' },
      { event: 'message', data: 'b', id: '7' },
    ]);
  });

  it('joins multi-line data with newlines and drops only one space after the colon', () => {
    const parser = createSseParser();
    expect(parser.push('data: first\ndata:second\ndata:  third\ndata\n\n')).toEqual([{ event: 'message', data: 'first\nsecond\n third\n', id: undefined }]);
  });

  it('decodes UTF-8 cut inside a character, and drops a byte order mark at the start', () => {
    const bytes = new TextEncoder().encode('\ufeffid: 3\ndata: {"reason":"Zażółć gęślą jaźń"}\n\n');
    for (let cut = 1; cut < bytes.length; cut++) expect(parsedInPieces(bytes, [cut])).toEqual([{ event: 'message', data: '{"reason":"Zażółć gęślą jaźń"}', id: '3' }]);
  });
});
