/** Filled in by the build (rollup.config.mjs): tag → its element chunk first, then every chunk that one imports. */
declare module 'homecoming:chunks' {
  const chunks: Record<string, string[]>;
  export default chunks;
}
