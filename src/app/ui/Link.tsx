import type { AnchorHTMLAttributes, MouseEvent, Ref } from 'react';
import { type To, useHref, useLinkClickHandler } from 'react-router';

type Props = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  to: To;
  replace?: boolean;
  state?: unknown;
  ref?: Ref<HTMLAnchorElement>;
};

/**
 * A link to a page of the app: a plain `<a href>` that moves within the app without reloading
 * (the router's own click handling: a modified or middle click still opens a new tab). The app
 * uses this, not the router's `Link`: that one carries page-prefetching code for server-rendered
 * sites, about 2.5 kB gzip the first page would load and never use (an ESLint rule keeps it out).
 */
export function Link({ to, replace, state, target, onClick, ref, children, ...rest }: Props) {
  const href = useHref(to);
  const navigate = useLinkClickHandler<HTMLAnchorElement>(to, { ...(replace !== undefined ? { replace } : {}), state, ...(target ? { target } : {}) });
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (!event.defaultPrevented) navigate(event);
  };
  return (
    <a {...rest} ref={ref} href={href} target={target} onClick={handleClick}>
      {children}
    </a>
  );
}
