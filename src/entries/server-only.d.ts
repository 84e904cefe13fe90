// `server-only` has no types and is resolved by Next.js itself (src/entries/next.ts): declare it
// so that the side-effect import type-checks without the package installed.
declare module 'server-only';
