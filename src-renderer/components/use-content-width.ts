import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The element's content width in whole pixels, kept up to date as the layout changes (window, sidebar, zoom). Give it
 * the element itself (kept in state by a callback ref) when it may appear after the first render, such as inside a
 * react-pdf `Document`, which renders its children once the file has loaded: a ref object is read only once.
 */
export function useContentWidth(target: HTMLElement | null | RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = target !== null && 'current' in target ? target.current : target;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [target]);
  return width;
}
