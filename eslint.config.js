// @ts-check
import { readdirSync, existsSync } from 'node:fs';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const dirs = (path) => (existsSync(path) ? readdirSync(path, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : []);

const backendModules = dirs('backend/src/modules');
const frontendFeatures = dirs('frontend/src/features');

/**
 * The layout rules of DESIGN.md §2 and STYLE.md, enforced:
 * - a backend module reaches another module only through its service (or its schemas, the public contract);
 *   tables may reference other tables for foreign keys;
 * - lib/ and db/ know no domain (db/schema.ts aggregates the tables for the ORM, nothing else);
 * - the payment sandbox is imported by nothing but app.ts;
 * - frontend features never import each other; app/ composes them.
 */
const backendZones = [
  ...backendModules.map((name) => ({
    target: `./backend/src/modules/${name}/!(*.tables|*.test).ts`,
    from: './backend/src/modules',
    except: [`./${name}`, ...backendModules.filter((m) => m !== name).flatMap((m) => [`./${m}/${m}.service.ts`, `./${m}/${m}.schemas.ts`, `./${m}/index.ts`])],
    message: 'Use the other module through its service (or schemas), never its tables or routes.',
  })),
  { target: './backend/src/lib', from: './backend/src/modules', message: 'lib/ knows no domain.' },
  { target: './backend/src/db/!(schema).ts', from: './backend/src/modules', message: 'db/ knows no domain.' },
  { target: './backend/src/modules', from: './backend/src/sandbox', message: 'Reach the sandbox over HTTP through the gateway adapter only.' },
];

const frontendZones = frontendFeatures.map((name) => ({
  target: `./frontend/src/features/${name}`,
  from: './frontend/src/features',
  except: [`./${name}`],
  message: 'Features do not import each other; compose them in app/.',
}));

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', 'data/**', 'backend/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['backend/tsconfig.json', 'frontend/tsconfig.json'], noWarnOnMultipleProjects: true })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-restricted-paths': ['error', { zones: [...backendZones, ...frontendZones] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['backend/**/*.ts', 'scripts/**/*.mjs', 'bench/**/*.{ts,mjs}', '*.js'],
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
);
