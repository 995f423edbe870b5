// ESLint: typescript-eslint's recommended-type-checked rules over the whole code base, with the few
// choices below (docs/architecture.md "Checks"). `npm run lint`; CI runs it with the type check.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.data/', 'web/dist/', 'coverage/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A leading underscore marks a binding kept on purpose (a rest sibling that drops a field, a
      // parameter an interface requires): the usual convention.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Many functions are async because their interface returns a promise (a handler, an object store,
      // a page renderer), not because they await: the rule would force wrapping in Promise.resolve.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The store maps DynamoDB items, which the SDK's document client types as `Record<string, any>`
    // (NativeAttributeValue is `any`): each mapper names the attributes it reads, after checkItem has
    // verified the entity and schema version (shared/store/items.ts).
    files: ['shared/store/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    // Tests and benchmarks read JSON answers and fixtures as untyped data and assert on them: the
    // assertion is the check. Production code keeps every no-unsafe rule.
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
