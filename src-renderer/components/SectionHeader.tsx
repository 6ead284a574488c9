import type { RefObject } from 'react';

/** A section's title (focused when the section is chosen, for keyboard and screen-reader users) and its lead line. */
export function SectionHeader({ headingRef, title, lead }: { headingRef: RefObject<HTMLHeadingElement | null>; title: string; lead: string }) {
  return (
    <header className="section-header">
      <h1 id="section-title" ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      <p className="section-lead">{lead}</p>
    </header>
  );
}
