interface ImportMetaEnv {
  /** True in the single-file build (npm run build:single). */
  readonly DECK_SINGLE_FILE: boolean;
}
