import { createContext } from 'react';

/**
 * True while a page is rendered to static HTML at build time for the public pages
 * (src/public-pages/), which families may read with JavaScript off and which never load the app.
 * A component that needs the app's script to do anything renders a plain alternative, or nothing:
 * a glossary term becomes a link to its meaning, and read-aloud is left out.
 */
export const StaticPage = createContext(false);
