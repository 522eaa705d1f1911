import js from '@eslint/js';
import i18next from 'eslint-plugin-i18next';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const formatMessage = 'Format dates, numbers and plurals with src/format (formatDate, formatNumber, pluralCategory…): Intl lacks some languages on some devices.';

export default tseslint.config(
  { ignores: ['dist/', 'dist-staff/', 'node_modules/', 'coverage/', 'data/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    // The app, the family pages drawn with its components, the staff console and the shared components.
    files: ['src/app/**/*.{ts,tsx}', 'src/public-pages/**/*.{ts,tsx}', 'src/staff/**/*.{ts,tsx}', 'src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y, i18next },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // Every word a person sees comes from locales/ through i18next, never from the code.
      // Attributes a person can see or hear are checked too; technical ones are not.
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            include: ['alt', 'aria-label', 'aria-description', 'title', 'placeholder', 'label', 'legend', 'hint', 'heading'],
            exclude: ['.*'],
          },
        },
      ],
    },
  },
  {
    // The router's Link and NavLink carry prefetching code for server-rendered sites into the
    // first page: the app's own Link (src/app/ui/Link.tsx) does what the app needs. (The staff
    // console, a desktop tool with its own build, uses the router's.)
    files: ['src/app/**/*.{ts,tsx}', 'src/public-pages/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'react-router', importNames: ['Link', 'NavLink'], message: 'Use Link from src/app/ui/Link.tsx: the router\'s Link makes the first page heavier.' }] },
      ],
    },
  },
  {
    // Every date, number and plural goes through src/format, which carries its own CLDR data: the
    // browser's Intl and toLocale*String lack languages on some devices (Welsh in Debian's Chromium).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/format/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'Intl', message: formatMessage }],
      'no-restricted-properties': [
        'error',
        ...['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'].map((property) => ({ property, message: formatMessage })),
        ...['globalThis', 'window', 'self'].map((object) => ({ object, property: 'Intl', message: formatMessage })),
      ],
    },
  },
  {
    files: ['public/**/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'script' },
  },
  {
    files: ['src/sw/**/*.ts'],
    languageOptions: { globals: globals.serviceworker },
  },
);
