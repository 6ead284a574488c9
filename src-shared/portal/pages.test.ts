import { describe, expect, it } from 'vitest';
import { portalPageOf } from './pages';

describe('portalPageOf', () => {
  it('tells the portal pages apart by path, a trailing slash the same page', () => {
    expect(portalPageOf('/')).toEqual({ kind: 'home' });
    expect(portalPageOf('/verify')).toEqual({ kind: 'verify' });
    expect(portalPageOf('/verify/')).toEqual({ kind: 'verify' });
    expect(portalPageOf('/s/abc_DEF-123')).toEqual({ kind: 'signing', token: 'abc_DEF-123' });
    expect(portalPageOf('/s/')).toEqual({ kind: 'notFound' });
    expect(portalPageOf('/s/a/b')).toEqual({ kind: 'notFound' });
    expect(portalPageOf('/verify/x')).toEqual({ kind: 'notFound' });
  });
});
