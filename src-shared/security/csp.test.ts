import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, portalCsp, rendererCsp, rendererMetaCsp } from './csp';

/** Each directive of a policy by name, so a test can ask what one of them allows. */
function directives(policy: string): Map<string, string> {
  return new Map(policy.split('; ').map((directive) => {
    const [name = '', ...sources] = directive.split(' ');
    return [name, sources.join(' ')];
  }));
}

describe('the pages\' Content-Security-Policy', () => {
  it('gives the renderer nothing by default, no plugins, no framing, no <base> and no form posts', () => {
    expect(rendererCsp).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('gives the portal the same policy but for its forms, which may post back to its server', () => {
    const portal = directives(portalCsp);
    const renderer = directives(rendererCsp);
    expect(portal.get('default-src')).toBe("'none'");
    expect(portal.get('object-src')).toBe("'none'");
    expect(portal.get('frame-ancestors')).toBe("'none'");
    expect(portal.get('base-uri')).toBe("'none'");
    expect(portal.get('form-action')).toBe("'self'");
    portal.delete('form-action');
    renderer.delete('form-action');
    expect(portal).toEqual(renderer);
  });

  it('takes the difference as a parameter and allows nothing inline, remote or evaluated', () => {
    const policy = contentSecurityPolicy({ formAction: "'self'" });
    expect(policy).toBe(portalCsp);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it("is written into the renderer's index.html as a <meta>, the same policy but the frame-ancestors a <meta> cannot carry", () => {
    const html = readFileSync(new URL('../../src-renderer/index.html', import.meta.url), 'utf8');
    const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/g)].map((m) => m[1]);
    expect(metas).toEqual([rendererMetaCsp]);
    const meta = directives(rendererMetaCsp);
    const header = directives(rendererCsp);
    expect(meta.has('frame-ancestors')).toBe(false);
    header.delete('frame-ancestors');
    expect(meta).toEqual(header);
  });
});
