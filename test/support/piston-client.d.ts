/** piston-client ships no types: the part of its API the client test uses (its readme documents it). */
declare module 'piston-client' {
  interface PistonClient {
    runtimes(): Promise<unknown>;
    execute(language: string, code: string, config?: Record<string, unknown>): Promise<unknown>;
    execute(config: Record<string, unknown>): Promise<unknown>;
  }
  export default function piston(options?: { server?: string }): PistonClient;
}
