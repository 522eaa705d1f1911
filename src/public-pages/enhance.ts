/**
 * The only script on the public pages (under 1 KB). With JavaScript off, each glossary term is a
 * link to its meaning in the "Words used on this page" list. This turns each one into the same
 * button the app uses: pressing it opens (or closes) the meaning in place, in the sentence.
 * The meaning is already in the page, hidden, next to the term.
 */
for (const link of document.querySelectorAll<HTMLAnchorElement>('a.app-term[data-meaning]')) {
  const meaning = document.getElementById(link.dataset.meaning ?? '');
  if (!meaning) continue;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'app-term';
  button.textContent = link.textContent;
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', meaning.id);
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    meaning.hidden = !open;
  });
  link.replaceWith(button);
}
