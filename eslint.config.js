// One ESLint configuration for the whole repository; `npm run lint` runs it, then Prettier.
// A rule is off for a line only by `eslint-disable-next-line <rule> -- <reason>`: a directive
// without its reason, or one that no longer silences anything, is an error.
import comments from "@eslint-community/eslint-plugin-eslint-comments/configs";
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import { defineConfig, globalIgnores } from "eslint/config";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores(["build/", "public/build/", "app/generated/", "bench/", ".cache/", "data/", "backups/"]),
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  comments.recommended,
  { rules: { "@eslint-community/eslint-comments/require-description": "error" } },
  js.configs.recommended,
  // Type-aware: promises passed where nothing awaits them are how a server loses errors.
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `const { secret: _, ...rest } = row` is how a field is left out of what is sent on.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
      // Escapes (`\uFFA0\uFE00`) cannot mislead a reader the way combined glyphs in the source can.
      "no-misleading-character-class": ["error", { allowEscape: true }],
      // Remix answers from loaders and actions by throwing a Response (404, redirect).
      "@typescript-eslint/only-throw-error": [
        "error",
        {
          allow: [
            { from: "lib", name: "Response" },
            { from: "package", package: "@remix-run/server-runtime", name: "TypedResponse" },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.tsx"],
    extends: [
      react.configs.flat.recommended,
      react.configs.flat["jsx-runtime"],
      reactHooks.configs.flat.recommended,
      jsxA11y.flatConfigs.recommended,
    ],
    languageOptions: { globals: globals.browser },
    settings: { react: { version: "detect" } },
    rules: {
      // Our components' `autoFocus` props are checked where they reach an element.
      "jsx-a11y/no-autofocus": ["error", { ignoreNonDOM: true }],
    },
  },
  {
    // Plain JavaScript files are outside the TypeScript project: lint them without types.
    files: ["**/*.{js,mjs,cjs}"],
    extends: [tseslint.configs.disableTypeChecked],
  },
  prettier,
);
