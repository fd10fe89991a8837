/**
 * Splits the multiplexed output of a `docker exec` without a TTY: frames of an 8-byte header (stream type,
 * three zero bytes, big-endian length) and the payload. Chunks from the socket may cut frames anywhere.
 */
export class ExecDemuxer {
  private pending: Buffer = Buffer.alloc(0);

  constructor(
    private readonly onStdout: (chunk: Buffer) => void,
    private readonly onStderr: (chunk: Buffer) => void,
  ) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) return;
      const type = this.pending[0];
      const payload = this.pending.subarray(8, 8 + size);
      this.pending = this.pending.subarray(8 + size);
      if (type === 2) this.onStderr(payload);
      else if (type === 1) this.onStdout(payload);
    }
  }
}
