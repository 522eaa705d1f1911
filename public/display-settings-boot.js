// Runs before the first paint: applies the display settings and language saved on this device,
// so the page never flashes in the wrong size, colours or language. A damaged entry is ignored.
// Keep in step with src/app/settings/display-settings.ts (same storage key, same classes) and
// src/app/settings/kiosk-defaults.ts (same mark).
(function () {
  var root = document.documentElement;
  root.classList.add('js-enabled');
  try {
    // A kiosk sign-in ended without sign-out (reload, crash, power cut): the choices made during it
    // were for that person only, so the next person starts with the kiosk's defaults.
    if (localStorage.getItem('spc.resetChoicesAtStart') !== null) {
      localStorage.removeItem('spc.displaySettings');
      localStorage.removeItem('spc.language');
      localStorage.removeItem('spc.resetChoicesAtStart');
    }
  } catch {
    // No storage: nothing was saved.
  }
  try {
    var saved = JSON.parse(localStorage.getItem('spc.displaySettings') || 'null');
    if (saved && typeof saved === 'object') {
      if (saved.textSize === 150 || saved.textSize === 200) root.classList.add('app-text-' + saved.textSize);
      if (saved.highContrast === true) root.classList.add('app-high-contrast');
      if (saved.readableFont === true) root.classList.add('app-readable-font');
      if (saved.reduceMotion === true) root.classList.add('app-reduce-motion');
    }
  } catch {
    // Damaged settings: keep the defaults.
  }
  // The family pages (data-lang-fixed) are in the language of their address, whatever was chosen in the app.
  if (root.hasAttribute('data-lang-fixed')) return;
  try {
    var lang = localStorage.getItem('spc.language');
    if (lang === 'en' || lang === 'cy') root.lang = lang;
    else if ((navigator.language || '').toLowerCase().indexOf('cy') === 0) root.lang = 'cy';
  } catch {
    // No storage: keep English.
  }
})();
