// @ts-check
import { existsSync, readdirSync } from 'node:fs';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const dirs = (path) => (existsSync(path) ? readdirSync(path, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : []);
const backendModules = dirs('backend/src/modules');
const frontendFeatures = dirs('frontend/src/features');

/**
 * The layout rules of DESIGN.md §2 and STYLE.md, enforced (import cycles are checked by scripts/check-cycles.mjs,
 * raw SQL across modules, writers of bookings and the gateway SDK by scripts/check-layout.mjs):
 * - a backend module reaches another module only through its service (or its schemas, the public contract, or
 *   the context type it is wired with), never its tables, routes or other files; tables may reference other
 *   tables for foreign keys, and tests may read any table;
 * - payments knows nothing of bookings: it tells what happened to the money through the reactions app.ts wires;
 * - lib/ and db/ know no domain (src/schema.ts, beside the app's composition, aggregates the tables for drizzle-kit);
 * - the payment sandbox is imported by nothing but app.ts;
 * - frontend features never import each other; app/ composes them.
 */
const restricted = (patterns) => ['error', { patterns }];
/** `../<module>/<file>.js` where the file is not that module's service, schemas or context type. */
const OTHER_MODULE_INNER_FILE = '^\\.\\./[^./][^/]*/(?![^/]+\\.(service|schemas|context)\\.js$)';

const layoutConfigs = [
  {
    files: ['backend/src/modules/**/*.ts'],
    ignores: ['backend/src/modules/**/*.tables.ts', 'backend/src/modules/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restricted([
        { regex: OTHER_MODULE_INNER_FILE, message: 'Use the other module through its service (or schemas, or its context type), never its tables, routes or inner files.' },
        { group: ['**/sandbox/**'], message: 'Reach the sandbox over HTTP through the gateway adapter only.' },
      ]),
    },
  },
  {
    files: ['backend/src/modules/payments/**/*.ts'],
    ignores: ['backend/src/modules/payments/**/*.tables.ts', 'backend/src/modules/payments/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restricted([
        { group: ['../bookings/*'], message: 'Payments knows nothing of bookings: it reports captures and refunds through PaymentReactions, wired in app.ts.' },
        { regex: OTHER_MODULE_INNER_FILE, message: 'Use the other module through its service (or schemas, or its context type).' },
        { group: ['**/sandbox/**'], message: 'Reach the sandbox over HTTP through the gateway adapter only.' },
      ]),
    },
  },
  {
    files: ['backend/src/lib/**/*.ts', 'backend/src/db/**/*.ts'],
    ignores: ['backend/src/**/*.test.ts'],
    rules: { 'no-restricted-imports': restricted([{ group: ['**/modules/**'], message: 'lib/ and db/ know no domain.' }]) },
  },
  ...frontendFeatures.map((name) => ({
    files: [`frontend/src/features/${name}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': restricted(
        frontendFeatures
          .filter((other) => other !== name)
          .map((other) => ({ group: [`**/features/${other}`, `**/features/${other}/**`, `../${other}/**`, `../../${other}/**`, `../../../${other}/**`], message: 'Features do not import each other; compose them in app/.' })),
      ),
    },
  })),
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', 'data/**', 'backend/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['backend/**/*.ts', 'scripts/**/*.mjs', 'frontend/scripts/**/*.mjs', 'bench/**/*.{ts,mjs}', '*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['frontend/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['frontend/e2e/**/*.ts', 'frontend/*.config.ts'],
    languageOptions: { globals: globals.node },
  },
  ...layoutConfigs,
);
