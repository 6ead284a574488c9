/**
 * Why this file exists: @hello-pangea/dnd writes its few rules into two `<style>` elements it adds to <head>. The CSP
 * (src-shared/security/csp.ts) has `style-src 'self'`, which refuses inline style blocks, so every drag would log a
 * violation and the rules would not apply anyway. The alternatives were worse: its `nonce` prop needs a fresh nonce
 * in every response's CSP (both hosts send one static policy), a fixed nonce or `'unsafe-inline'` would let any
 * injected <style> in as well, and hashes would depend on React's useId values. The rules themselves are small and
 * static, so app.css carries them ("Board: drag and drop" section) and this keeps the library's two elements out of
 * the document: they are created and filled as the library expects, only never connected.
 *
 * Only elements carrying the library's own markers are diverted; every other append to <head> goes through.
 */
const markers = ['data-rfd-always', 'data-rfd-dynamic'];
const isDndStyle = (node: Node): node is HTMLStyleElement =>
  node instanceof HTMLStyleElement && markers.some((m) => node.hasAttribute(m));

let installed = false;

export function keepDndStylesOutOfDocument(): void {
  if (installed) return;
  installed = true;
  const head = document.head;
  const append = head.appendChild.bind(head);
  const remove = head.removeChild.bind(head);
  const detached = new Set<Node>();
  head.appendChild = <T extends Node>(node: T): T => {
    if (!isDndStyle(node)) return append(node);
    detached.add(node);
    return node;
  };
  head.removeChild = <T extends Node>(node: T): T => {
    if (!detached.delete(node)) return remove(node);
    return node;
  };
}
