// Type-checked TypeScript rules, Lit and web-component rules, and no raw HTML sinks anywhere.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import { configs as wcConfigs } from 'eslint-plugin-wc';
import globals from 'globals';

const rawHtmlSinks = [
  { selector: "MemberExpression[property.name='innerHTML']", message: 'Render with Lit templates; innerHTML is an XSS sink.' },
  { selector: "MemberExpression[property.name='outerHTML']", message: 'Render with Lit templates; outerHTML is an XSS sink.' },
  { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'insertAdjacentHTML is an XSS sink.' },
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'coverage/**',
      'test/screenshots/**',
      'storybook-static/**',
      'demo/dist/**',
      'packages/elements/src/localization/generated/**',
      'packages/elements/custom-elements.json',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-restricted-syntax': ['error', ...rawHtmlSinks],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'lit/directives/unsafe-html.js', message: 'No unsafeHTML: user text must stay text.' },
            { name: 'lit/directives/unsafe-svg.js', message: 'No unsafeSVG.' },
            { name: 'lit-html/directives/unsafe-html.js', message: 'No unsafeHTML.' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/elements/src/**/*.ts', 'stories/**/*.ts'],
    extends: [litConfigs['flat/recommended'], wcConfigs['flat/recommended']],
    settings: { wc: { elementBaseClasses: ['LitElement', 'RlElement'] } },
    rules: {
      // false positives on LitElement lifecycle methods
      'wc/guard-super-call': 'off',
      'lit/no-template-bind': 'error',
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: {
      // chai's expect(...).to.be.true style and mocha's this
      '@typescript-eslint/no-unused-expressions': 'off',
      // chai assertions are thenable once chai-a11y-axe is loaded; the ones that matter are awaited
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { 'no-restricted-syntax': ['error', ...rawHtmlSinks] },
  },
);
