import type { ReactNode } from 'react';
import { Link } from './Link.tsx';

export type LinkItem = { to: string; text: ReactNode };

/** Links on their own lines, each a full-size touch target (never squeezed inside a sentence). */
export function LinkList({ links }: { links: readonly LinkItem[] }) {
  return (
    <ul className="govuk-list app-link-list">
      {links.map((link) => (
        <li key={link.to}>
          <Link className="govuk-link" to={link.to}>
            {link.text}
          </Link>
        </li>
      ))}
    </ul>
  );
}
