import type { Section } from '../state/app-store';

/** Simple line icons drawn as SVG (no icon font: system fonts lack several symbols, and the CSP allows no remote fonts). */
const paths: Record<Section, string> = {
  kanban: 'M4 5h4v14H4zM10 5h4v9h-4zM16 5h4v6h-4z',
  toSign: 'M4 20h16M6 16c2-6 4-9 6-9s1 5-1 7 3 0 5-3M15 5l4 4',
  contacts: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 20c0-3.3 3.6-6 8-6s8 2.7 8 6',
  automation: 'M13 3 5 14h6l-1 7 8-11h-6z',
  permissions: 'M7 11V8a5 5 0 0 1 10 0v3M5 11h14v10H5zM12 15v2',
  verify: 'M12 3 5 6v6c0 4.2 3 7.7 7 9 4-1.3 7-4.8 7-9V6zM9 12l2 2 4-4',
  settings: 'M4 7h10M18 7h2M4 17h2M10 17h10M14 5v4M6 15v4',
};

export function NavIcon({ section }: { section: Section }) {
  return (
    <svg className="nav-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path d={paths[section]} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
