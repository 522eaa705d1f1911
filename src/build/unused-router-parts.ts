import type { Plugin } from 'vite';

/**
 * The router's production files make their components at the top level in ways a bundler must
 * keep even when nothing uses them: `Link = React.forwardRef(…)` (a call the bundler cannot know
 * is pure) and `Link.displayName = "Link"` (a property write, for React's developer tools). So
 * every component the router has (Link, NavLink, Form, the framework's prefetching, …) came into
 * the first page whether the app used it or not. For the router's own files only, this marks those
 * `forwardRef` calls pure (they are: they only wrap a function) and drops the display names (not
 * used in production), so what the app does not use is left out.
 */
const routerFile = /node_modules[\\/]react-router[\\/]dist[\\/]production[\\/].*\.js$/;
const displayNameLine = /^[ \t]*[A-Za-z_$][\w$]*\.displayName = "[^"\n]*";[ \t]*$/gm;
const topLevelPureCall = /^(const [A-Za-z_$][\w$]* = )(React(?:\$1)?\.(?:forwardRef|createContext|memo)\()/gm;

export function dropUnusedRouterParts(): Plugin {
  return {
    name: 'drop-unused-router-parts',
    apply: 'build',
    transform(code, id) {
      if (!routerFile.test(id)) return null;
      const changed = code.replace(displayNameLine, '').replace(topLevelPureCall, '$1/* @__PURE__ */ $2');
      return changed === code ? null : { code: changed, map: null };
    },
  };
}
