// Lint rules for the whole workspace. The import boundary is the one rule that carries architecture:
// packages/core holds the domain and must not reach storage, connectors or the server.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// The files linted with type information (each within the TypeScript project that checks it). scripts/typecheck.ts
// imports this list to give these files the programs it has just checked (`npm run check`).
export const TYPED_FILES = ['apps/**/*.{ts,tsx}', 'packages/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'];

const USE_HTML_TAG = 'build it with html`…` from apps/web/src/ui/escape-html.ts, which escapes every interpolation';
// A function (or arrow body) under a tooltip's `formatter` or an `html:` property — the two places ECharts and
// FullCalendar render a returned string as HTML — may build strings only through the `html` tag.
const HTML_BUILDERS = ["Property[key.name='tooltip'] Property[key.name='formatter']", "Property[key.name='html']"];
const HTML_SINK_RULES = [
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message: `Render text with React instead; if markup is unavoidable, ${USE_HTML_TAG}.`,
  },
  {
    selector: 'AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML|srcdoc)$/]',
    message: 'Set textContent or build DOM nodes: innerHTML parses its string as HTML.',
  },
  {
    selector: 'CallExpression[callee.property.name=/^(insertAdjacentHTML|write|writeln|createContextualFragment)$/]',
    message: 'These parse their string as HTML: build DOM nodes or use React.',
  },
  ...HTML_BUILDERS.flatMap((sink) => [
    {
      selector: `${sink} TemplateLiteral[expressions.length>0]:not(TaggedTemplateExpression[tag.name='html'] > TemplateLiteral)`,
      message: `This string is rendered as HTML: ${USE_HTML_TAG}.`,
    },
    {
      selector: `${sink} BinaryExpression[operator='+']`,
      message: `This string is rendered as HTML: ${USE_HTML_TAG}, not concatenation.`,
    },
    {
      selector: `${sink} CallExpression[callee.property.name=/^(concat|join)$/]`,
      message: `This string is rendered as HTML: ${USE_HTML_TAG}.`,
    },
    {
      // What the function returns must come out of the `html` tag (or be a fixed string), not from a helper.
      selector: `${sink} > :function > :not(BlockStatement, TaggedTemplateExpression[tag.name='html'], Literal).body, ${sink} > :function ReturnStatement > :not(TaggedTemplateExpression[tag.name='html'], Literal).argument`,
      message: `This string is rendered as HTML: return html\`…\` (apps/web/src/ui/escape-html.ts) from the function itself.`,
    },
    {
      // A value given as a variable or a call would slip past the checks above: write the function in place.
      // (A plain string is fine: ECharts escapes what it substitutes into a string template's {a}, {b}, {c}.)
      selector: `${sink} > :not(:function, Literal, TaggedTemplateExpression[tag.name='html']).value`,
      message: `This string is rendered as HTML: write the function in place and ${USE_HTML_TAG}.`,
    },
  ]),
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '**/.vite/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Untrusted text (names members type, mentions strangers write) must never be parsed as HTML. React escapes
    // what it renders; these are the sinks that take an HTML string, and how each must be fed.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': ['error', ...HTML_SINK_RULES],
    },
  },
  {
    files: ['packages/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@rostra/store',
                '@rostra/store/*',
                '@rostra/connectors',
                '@rostra/connectors/*',
                '@rostra/server',
                '@rostra/server/*',
              ],
              message: 'core is the domain: it must not depend on adapters.',
            },
            {
              group: ['**/store/**', '**/connectors/**', '**/apps/**'],
              message: 'core is the domain: it must not depend on adapters.',
            },
            {
              group: [
                'node:*',
                'fs',
                'net',
                'http',
                'https',
                'child_process',
                'pg',
                'better-sqlite3',
                'kysely',
                'ioredis',
                'bullmq',
              ],
              message: 'core does no I/O: put this in an adapter.',
            },
          ],
        },
      ],
    },
  },
  // Server-side requests to addresses people type go through packages/connectors/src/outbound.ts, whose guard
  // refuses private and loopback addresses at connect time (SSRF). Nothing else in production code opens sockets.
  ...outboundRules(
    ['apps/server/src/**/*.ts', 'packages/connectors/src/**/*.ts'],
    ['packages/connectors/src/outbound.ts', 'packages/connectors/src/realtime.ts'],
    true,
  ),
  // realtime.ts reads WebSockets with `ws`, through the guard's socket options.
  ...outboundRules(['packages/connectors/src/realtime.ts'], [], false),
  // Rules that need the types: a promise nobody awaits or handles (a lost error, a write that may not have happened
  // when the next line runs) and a promise given where a plain value is expected. Each file is checked within the
  // TypeScript project that `npm run typecheck` checks it in.
  {
    files: TYPED_FILES,
    languageOptions: {
      parserOptions: {
        project: [
          'apps/server/tsconfig.json',
          'apps/web/tsconfig.json',
          'apps/web/e2e/tsconfig.json',
          'apps/web/tsconfig.node.json',
          'packages/connectors/tsconfig.json',
          'packages/store/tsconfig.json',
          'packages/core/tsconfig.test.json',
          'bench/tsconfig.json',
          'scripts/tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['bench/**/*.ts', '**/*.test.ts', '**/test/**/*.ts', '**/e2e/**/*.ts', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
);

/** The rules that keep outbound requests behind the guard, for production files (tests and fakes excepted). */
function outboundRules(files, alsoIgnored, forbidWs) {
  const guard = 'use outboundFetch / outboundSocketOptions from packages/connectors/src/outbound.ts (the SSRF guard)';
  const sockets = ['node:net', 'net', 'node:tls', 'tls'].map((name) => ({
    name,
    allowImportNames: ['isIP', 'isIPv4', 'isIPv6'],
    allowTypeImports: true,
    message: `Opening sockets here bypasses the outbound guard: ${guard}.`,
  }));
  const clients = ['node:http', 'http', 'node:https', 'https', 'undici', ...(forbidWs ? ['ws'] : [])].map((name) => ({
    name,
    allowTypeImports: true,
    message: `An HTTP client here bypasses the outbound guard: ${guard}.`,
  }));
  return [
    {
      files,
      ignores: ['**/*.test.ts', '**/testing/**', '**/fake-*.ts', ...alsoIgnored],
      rules: {
        'no-restricted-globals': [
          'error',
          { name: 'fetch', message: `The global fetch reaches any address: ${guard}.` },
          { name: 'WebSocket', message: `A WebSocket reaches any address: ${guard}.` },
        ],
        '@typescript-eslint/no-restricted-imports': ['error', { paths: [...sockets, ...clients] }],
      },
    },
  ];
}
