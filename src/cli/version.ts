// Replaced at bundle time would be nicer; kept in sync with package.json by test/unit/cli-version.test.ts.
export const VERSION = '0.1.0';
