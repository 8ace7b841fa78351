// ESLint for the lecture page's JavaScript (relu_anim/lecture/static/): its recommended
// rules, on classic browser scripts (each an IIFE, "use strict", loaded by <script src>).
// ./run test runs it after ruff (`npx eslint relu_anim/lecture/static` by hand); tsc checks
// the same files' JSDoc types (tsconfig.json).
import js from "@eslint/js";
import globals from "globals";

export default [
    // Not ours, or not source: a bare `npx eslint` skips them.
    { ignores: [".venv/", ".cache/", "media/", "build/", "dist/"] },
    {
        files: ["relu_anim/lecture/static/**/*.js"],
        ...js.configs.recommended,
        languageOptions: {
            ecmaVersion: 2022,
            sourceType: "script",
            globals: { ...globals.browser },
        },
        linterOptions: { reportUnusedDisableDirectives: "error" },
    },
];
