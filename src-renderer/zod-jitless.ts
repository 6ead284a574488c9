import { config } from 'zod';

// The CSP has no 'unsafe-eval': keep zod from probing `new Function` (it would log a CSP violation and fall back).
// A module of its own, imported first by main.tsx: ES modules run in import order, and the contract's schemas (pulled in
// by the App's imports) must not be built before this has run.
config({ jitless: true });
