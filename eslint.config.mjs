// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The direction of dependencies (house review §3.7, issue 11 item 7):
 *
 *   apps → referrals → cases → {deadlines, notifications, reports} → {audit, auth, reference} → {platform, domain}
 *
 * A lib may import only the libs listed for it below; everything else under `@haven/*`, and any
 * relative path into another lib's `src/` or into `apps/`, fails lint. Apps may import anything;
 * specs, `test/` and `bench/` are exempt.
 *
 * One refinement the code forces: `auth` uses `reference` (`PlacesService` in
 * libs/auth/src/users/users.service.ts, `ReferenceModule` in libs/auth/src/auth.module.ts), so `reference` sits one step below `auth` and `audit`
 * rather than beside them. `auth` and `audit` stay siblings and may not import each other; if
 * `audit` needs `Actor`, move the type down into `domain` instead of adding an edge.
 */
/** @type {Record<string, string[]>} */
const LIB_MAY_IMPORT = {
  domain: [],
  platform: ['domain'],
  reference: ['platform', 'domain'],
  auth: ['reference', 'platform', 'domain'],
  audit: ['reference', 'platform', 'domain'],
  deadlines: ['audit', 'auth', 'reference', 'platform', 'domain'],
  notifications: ['audit', 'auth', 'reference', 'platform', 'domain'],
  reports: ['audit', 'auth', 'reference', 'platform', 'domain'],
  cases: ['deadlines', 'notifications', 'reports', 'audit', 'auth', 'reference', 'platform', 'domain'],
  referrals: ['cases', 'deadlines', 'notifications', 'reports', 'audit', 'auth', 'reference', 'platform', 'domain'],
};
const LIBS = Object.keys(LIB_MAY_IMPORT);
const DIRECTION = 'apps → referrals → cases → {deadlines, notifications, reports} → {audit, auth, reference} → {platform, domain}';

/** One `no-restricted-imports` block per lib, built from the table above. */
const layerBlocks = LIBS.map((lib) => {
  const allowed = LIB_MAY_IMPORT[lib];
  const forbidden = LIBS.filter((other) => other !== lib && !allowed.includes(other));
  const why = `Layering (eslint.config.mjs, LIB_MAY_IMPORT): libs/${lib} may import ${
    allowed.length ? allowed.map((a) => `@haven/${a}`).join(', ') : 'nothing of ours'
  }. Direction: ${DIRECTION}.`;
  const toApps = `Layering: libs/${lib} may not import from apps/. Direction: ${DIRECTION}.`;
  const patterns = [
    // Alias imports of a lib higher up or beside it; for domain, any @haven/* at all.
    ...(lib === 'domain' ? [{ regex: '^@haven(/|$)', message: why }] : []),
    ...(forbidden.length && lib !== 'domain' ? [{ regex: `^@haven/(${forbidden.join('|')})(/|$)`, message: why }] : []),
    // Relative paths that climb out into another lib (../../../cases/src/…, ../../../libs/cases/src/…).
    ...(forbidden.length ? [{ regex: `^(\\.\\./)+(libs/)?(${forbidden.join('|')})/src(/|$)`, message: why }] : []),
    // Libs never reach into apps.
    { regex: '^(\\.\\./)+(apps/)?(api|worker|cli)/src(/|$)|^(\\.\\./)+apps(/|$)', message: toApps },
  ];
  return {
    files: [`libs/${lib}/src/**/*.ts`],
    ignores: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'eslint.config.mjs', 'jest.config.js', 'test/support/babel-import-meta.js'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      // The project's own rules (see the before-stop checks): logs go through the logger.
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='forwardRef']", message: 'No forwardRef: move the shared part down a layer.' },
        { selector: "Property[key.name='synchronize'][value.value=true]", message: 'Schema changes go through migrations.' },
      ],
    },
  },
  ...layerBlocks,
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
