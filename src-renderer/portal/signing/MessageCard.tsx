import type { ReactNode, RefObject } from 'react';

/** A page that says where the link stands: its heading (focused when the page changes to it), what it means, the way on. */
export function MessageCard({ title, headingRef, children }: { title: string; headingRef?: RefObject<HTMLHeadingElement | null>; children: ReactNode }) {
  return (
    <section className="section portal-message" aria-labelledby="portal-message-title">
      <div className="card">
        <h1 id="portal-message-title" ref={headingRef} tabIndex={-1}>
          {title}
        </h1>
        {children}
      </div>
    </section>
  );
}
