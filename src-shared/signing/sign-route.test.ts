import { describe, expect, it } from 'vitest';
import { parseSignRoute, signRouteHash } from './sign-route';

const id = '0b6f1c1e-4a55-4c3e-9d43-2f1f6f0a9b10';

describe('sign route', () => {
  it('reads the document from the hash route and from a signet:// link', () => {
    expect(parseSignRoute(`#/sign/${id}`)).toBe(id);
    expect(parseSignRoute(`/sign/${id}/`)).toBe(id);
    expect(parseSignRoute(`signet://sign/${id}`)).toBe(id);
    expect(parseSignRoute(`#/sign/${id.toUpperCase()}`)).toBe(id);
    expect(parseSignRoute(signRouteHash(id))).toBe(id);
  });

  it('refuses anything that is not one document id', () => {
    for (const bad of ['', '#', '#kanban', '#/sign/', '#/sign/abc', `#/sign/${id}/extra`, `#/sign/${id}&token=00`, `signet://open/${id}`, `#/sign/%E0%A4%A`, `https://x/sign/${id}`]) {
      expect(parseSignRoute(bad), bad).toBeNull();
    }
  });
});
