import { useContext } from 'react';
import { useSession } from '../session/session-context.ts';
import { StaticPage } from './static-page.ts';

/**
 * An address outside the product (see outside-addresses.ts): a link on families' devices and
 * their prerendered pages, plain text on prison tablets and kiosks (and before the mode is known).
 */
export function OutsideAddress({ text, href }: { text: string; href: string }) {
  const { deviceMode } = useSession();
  const isStatic = useContext(StaticPage);
  if (isStatic || deviceMode === 'public') {
    return (
      <a className="govuk-link" href={href} rel="noreferrer">
        {text}
      </a>
    );
  }
  return <span className="app-outside-address">{text}</span>;
}
