import { useCallback, useLayoutEffect, useRef } from 'react';

/** The part of the Navigation API (Chromium, so Electron too) this needs; TypeScript 5.9's DOM library lacks it. */
interface NavigateEventLike extends Event {
  readonly navigationType: 'push' | 'replace' | 'reload' | 'traverse';
  readonly hashChange: boolean;
  readonly destination: { readonly url: string; readonly key: string; readonly sameDocument: boolean };
}
interface NavigationLike extends EventTarget {
  traverseTo(key: string): unknown;
}

/**
 * While `dirty`, leaving the page is asked about rather than done, so edits are not lost to a stray Back or a link.
 *
 * - A change of address within the app (Back, a `signet://sign/…` link, any `#/…` route, and the app's own
 *   `history.replaceState` leaving a view such as `closeWizard` from the side navigation) is cancelled before it
 *   happens, through the Navigation API's `navigate` event: the address never changes, so no view does (a
 *   `hashchange` listener would come too late, after the routes had already switched views). `ask` gets the way to
 *   carry it out after all (for the history calls: the same call, then the `hashchange` the app's routes follow, as
 *   `closeWizard` sends it). A browser's own Back may not be cancellable; that one goes through.
 * - Closing the window or reloading gets the browser's own question (`beforeunload`). Electron asks nothing and just
 *   keeps the window open, so there `ask` is called as well, with closing the window as the way out.
 *
 * Whatever `ask` is handed stops guarding before it leaves. The function returned stops guarding at once, for a
 * caller leaving on purpose with nothing to lose (it has just saved) before `dirty` has caught up.
 */
export function useLeaveGuard(dirty: boolean, ask: (leave: () => void) => void): () => void {
  const askRef = useRef(ask);
  const released = useRef(false);
  useLayoutEffect(() => {
    askRef.current = ask;
  });

  // A layout effect, not a passive one: a passive effect may run a frame after the field appears, and a change of
  // address in that gap went through unasked (seen in a full e2e run). A layout effect is in place before anything
  // else can run.
  useLayoutEffect(() => {
    if (!dirty) return;
    released.current = false;
    const leaving = (go: () => void) => () => {
      released.current = true;
      go();
    };
    const navigation = (window as { navigation?: NavigationLike }).navigation;

    const onNavigate = (event: Event) => {
      const nav = event as NavigateEventLike;
      const historyCall = !nav.hashChange && nav.destination.sameDocument && nav.navigationType !== 'traverse' && nav.navigationType !== 'reload';
      if (released.current || !(nav.hashChange || historyCall) || !nav.cancelable) return;
      nav.preventDefault();
      const { url, key } = nav.destination;
      askRef.current(
        leaving(() => {
          if (historyCall) {
            if (nav.navigationType === 'push') window.history.pushState(window.history.state, '', url);
            else window.history.replaceState(window.history.state, '', url);
            window.dispatchEvent(new HashChangeEvent('hashchange'));
          } else if (nav.navigationType === 'traverse') navigation?.traverseTo(key);
          else if (nav.navigationType === 'replace') window.location.replace(url);
          else window.location.assign(url);
        }),
      );
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (released.current) return;
      event.preventDefault();
      // Chromium before 119 (and so older Electron) asks only when returnValue is set.
      event.returnValue = true;
      if (window.signet) askRef.current(leaving(() => window.close()));
    };

    navigation?.addEventListener('navigate', onNavigate);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      navigation?.removeEventListener('navigate', onNavigate);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [dirty]);

  return useCallback(() => {
    released.current = true;
  }, []);
}
