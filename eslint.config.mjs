// ESLint flat config: typescript-eslint's recommended rules (syntax only, no type information: lint stays fast),
// a 120-character line limit that also covers comments and strings, and eslint-config-prettier last so that
// no stylistic rule fights Prettier (which formats; see .prettierrc.json).
import js from "@eslint/js";
import stylistic from "@stylistic/eslint-plugin";
import prettier from "eslint-config-prettier";
import globals from "globals";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    ignores: ["node_modules/", "artifacts/", "cache/", "typechain-types/", "coverage/", "dist/", "reports/"],
  },
  {
    files: ["src/**/*.ts", "scripts/**/*.ts", "tools/**/*.ts", "test/**/*.ts", "hardhat.config.ts"],
    extends: [js.configs.recommended, tseslint.configs.recommended, prettier],
    plugins: { "@stylistic": stylistic },
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.node, ...globals.mocha },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // After eslint-config-prettier, which turns max-len off: Prettier wraps code at 120 but leaves long
      // strings, template literals and comments alone; this catches those. URLs and regex literals are exempt, and
      // so is a line that opens a test with its title: docs cite test titles verbatim (test/docs/claims.test.ts),
      // and a one-line import, whose module path cannot be wrapped (a generated factory's deep path: see below).
      "@stylistic/max-len": [
        "error",
        {
          code: 120,
          tabWidth: 2,
          ignoreUrls: true,
          ignoreRegExpLiterals: true,
          ignorePattern:
            '^\\s*(it|describe|context)(\\.skip|\\.only)?\\(\\s*["\'`]|^import \\{ \\w+ \\} from "[^"]+";$',
        },
      ],
    },
  },
  {
    // Commands load only the contract factories they use: a value import from the typechain-types barrel loads
    // every factory (ABI and bytecode of 90 contracts, ~0.3 s of CPU per command). Types from it cost nothing.
    files: ["src/**/*.ts", "scripts/**/*.ts", "tools/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "typechain-types$",
              allowTypeImports: true,
              message: "import the factory from its own file (typechain-types/factories/...); types may come from here",
            },
          ],
        },
      ],
    },
  },
  {
    // chai's `expect(x).to.be.true` is an expression statement by design.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-unused-expressions": "off" },
  },
);
