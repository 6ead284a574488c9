import { describe, expect, it } from 'vitest';
import { encodeStamp } from './hlc';
import { beats, mergeEvents, mergeFields, mergeFrozen, type StampedFields } from './merge';

const at = (wall: number, node: string, counter = 0) => ({ wall, counter, node });

/** A small deterministic generator, so the laws are checked on many cases without a library. */
function* randomRecords(seed: number, n: number): Generator<StampedFields> {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < n; i++) {
    const record: Record<string, { value: string; stamp: ReturnType<typeof at> }> = {};
    for (const field of ['email', 'phone', 'city', 'note']) if (next() % 3 !== 0) record[field] = { value: `v${next() % 5}`, stamp: at(next() % 4, `n${next() % 3}`, next() % 2) };
    yield record;
  }
}

describe('merging editable fields', () => {
  it('keeps both offline edits of different fields, and the later of two edits of the same field', () => {
    const base = { email: { value: 'biuro@drukarnia.pl', stamp: at(1, 'a') }, phone: { value: '+48 58 000 00 00', stamp: at(1, 'a') } };
    const onA = { ...base, email: { value: 'marta@drukarnia.pl', stamp: at(5, 'a') }, city: { value: 'Gdańsk', stamp: at(9, 'a') } };
    const onB = { ...base, phone: { value: '+48 601 234 567', stamp: at(6, 'b') }, city: { value: 'Gdynia', stamp: at(7, 'b') } };
    const merged = mergeFields(onA, onB);
    expect(merged.email!.value).toBe('marta@drukarnia.pl');
    expect(merged.phone!.value).toBe('+48 601 234 567');
    expect(merged.city!.value).toBe('Gdańsk');
    expect(mergeFields(onB, onA)).toEqual(merged);
  });

  it('is commutative, associative and idempotent, so devices agree whatever order changes reach them in', () => {
    const records = [...randomRecords(42, 60)];
    for (let i = 0; i + 2 < records.length; i += 3) {
      const [a, b, c] = [records[i]!, records[i + 1]!, records[i + 2]!];
      expect(mergeFields(a, b)).toEqual(mergeFields(b, a));
      expect(mergeFields(mergeFields(a, b), c)).toEqual(mergeFields(a, mergeFields(b, c)));
      expect(mergeFields(a, a)).toEqual({ ...a });
      expect(mergeFields(mergeFields(a, b), b)).toEqual(mergeFields(a, b));
    }
  });
});

describe('beats: the rule as the stores apply it, on stamps as text and values as JSON', () => {
  it('picks the same winner as mergeFields on every generated pair, and a write never beats itself', () => {
    const records = [...randomRecords(7, 80)];
    for (let i = 0; i + 1 < records.length; i += 2) {
      const [a, b] = [records[i]!, records[i + 1]!];
      const merged = mergeFields(a, b);
      for (const field of Object.keys(a)) {
        const x = a[field]!;
        const y = b[field];
        if (!y) continue;
        const text = (v: typeof x) => [encodeStamp(v.stamp), JSON.stringify(v.value)] as const;
        const winner = beats(...text(x), ...text(y)) ? x : y;
        expect(winner).toEqual(merged[field]);
        expect(beats(...text(x), ...text(x))).toBe(false);
      }
    }
  });
});

describe('merging history events', () => {
  it('is the union by id in id order, and the same on both sides', () => {
    const a = [{ id: 'e1', body: '{"type":"created"}' }, { id: 'e3', body: '{"type":"signed"}' }];
    const b = [{ id: 'e2', body: '{"type":"viewed"}' }, { id: 'e1', body: '{"type":"created"}' }];
    expect(mergeEvents(a, b)).toEqual({ events: [a[0], b[0], a[1]], conflicts: [] });
    expect(mergeEvents(b, a)).toEqual(mergeEvents(a, b));
    expect(mergeEvents(a, a).events).toEqual(a);
  });

  it('never lets a second content overwrite an event: the conflict is reported, the same one kept everywhere', () => {
    const a = [{ id: 'e1', body: '{"type":"signed","by":"A"}' }];
    const b = [{ id: 'e1', body: '{"type":"signed","by":"B"}' }];
    expect(mergeEvents(a, b)).toEqual({ events: a, conflicts: ['e1'] });
    expect(mergeEvents(b, a)).toEqual({ events: a, conflicts: ['e1'] });
  });
});

describe('a signed or sealed document under merge', () => {
  const frozen = new Set(['title', 'fileSha256']);
  const atFreeze = { title: { value: 'Umowa dostawy 7/2025', stamp: at(10, 'a') }, fileSha256: { value: 'ab12', stamp: at(10, 'a') }, tags: { value: 'pilne', stamp: at(10, 'a') } };
  const laterEdit = { title: { value: 'Umowa dostawy 7/2025 (poprawiona)', stamp: at(20, 'b') }, tags: { value: 'archiwum', stamp: at(20, 'b') }, amount: { value: 1000, stamp: at(20, 'b') } };

  it('keeps what was signed whatever stamp a change made elsewhere carries, reports it, and merges the rest', () => {
    const merged = mergeFrozen(atFreeze, laterEdit, { signed: true, sealed: false }, frozen);
    expect(merged.fields.title).toEqual(atFreeze.title);
    expect(merged.fields.fileSha256).toEqual(atFreeze.fileSha256);
    expect(merged.fields.tags!.value).toBe('archiwum');
    expect(merged.fields.amount!.value).toBe(1000);
    expect(merged.refused).toEqual(['title']);
  });

  it('refuses a frozen field that was not there when signed, and merges normally while nothing is signed', () => {
    const added = mergeFrozen({}, { fileSha256: { value: 'cd34', stamp: at(3, 'b') } }, { signed: false, sealed: true }, frozen);
    expect(added).toEqual({ fields: {}, refused: ['fileSha256'] });
    const open = mergeFrozen(atFreeze, laterEdit, { signed: false, sealed: false }, frozen);
    expect(open.fields.title!.value).toBe('Umowa dostawy 7/2025 (poprawiona)');
    expect(open.refused).toEqual([]);
  });
});
