/** Byte sizes: limits are written in KiB and MiB (problem.yaml `memory: 256` means 256 MiB), runs take bytes. */
export const KiB = 1024;
export const MiB = 1024 * KiB;

/** Bytes in `mib` mebibytes. */
export function mibToBytes(mib: number): number {
  return mib * MiB;
}

/** Whole mebibytes in `bytes`, rounded down (what `{memoryMb}` in a language's command line gets). */
export function bytesToMib(bytes: number): number {
  return Math.floor(bytes / MiB);
}
