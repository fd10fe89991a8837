/** Where a runner reports; the API passes its own logger when it runs the runner in-process. */
export interface RunnerLog {
  info(message: string): void;
  error(message: string): void;
}

export const consoleLog: RunnerLog = {
  info: (message) => process.stdout.write(`${new Date().toISOString()} ${message}\n`),
  error: (message) => process.stderr.write(`${new Date().toISOString()} ${message}\n`),
};
