import { describe, expect, it } from 'vitest';
import { AppError } from '../common/app-error';
import { runLimits, type RunSettings } from './run-limits';

const settings: RunSettings = {
  RUN_DEFAULT_TIME_MS: 2000,
  RUN_MAX_TIME_MS: 10_000,
  RUN_DEFAULT_MEMORY_KB: 262_144,
  RUN_MAX_MEMORY_KB: 1_048_576,
  RUN_DEFAULT_OUTPUT_KB: 1024,
  RUN_MAX_OUTPUT_KB: 65_536,
  RUN_OUTPUT_CHARS: 65_536,
};

describe('run limits', () => {
  it('default to the settings, the wall clock to 2 × the CPU time + 1 s', () => {
    expect(runLimits(undefined, settings)).toEqual({
      cpuTimeMs: 2000,
      wallTimeMs: 5000,
      memoryBytes: 262_144 * 1024,
      outputBytes: 1024 * 1024,
      outputChars: 65_536,
    });
  });

  it('take what is asked for up to the maximum', () => {
    expect(runLimits({ timeMs: 10_000, memoryKb: 1024, outputKb: 1 }, settings)).toMatchObject({
      cpuTimeMs: 10_000,
      wallTimeMs: 21_000,
      memoryBytes: 1024 * 1024,
      outputBytes: 1024,
    });
  });

  it('refuse more than the maximum, naming it', () => {
    for (const limits of [{ timeMs: 10_001 }, { memoryKb: 2_000_000 }, { wallTimeMs: 30_000 }, { outputKb: 70_000 }]) {
      expect(() => runLimits(limits, settings)).toThrow(AppError);
    }
    expect(() => runLimits({ timeMs: 20_000 }, settings)).toThrow('limits.timeMs: 20000 is above the maximum, 10000');
  });

  it("default to the language's when higher, never above the maximum", () => {
    const jvm = { timeMs: 4000, memoryMb: 512 };
    expect(runLimits({}, settings, jvm)).toMatchObject({ cpuTimeMs: 4000, memoryBytes: 512 << 20 });
    expect(runLimits({}, settings, { timeMs: 100 }).cpuTimeMs).toBe(2000);
    expect(runLimits({ timeMs: 500 }, settings, jvm).cpuTimeMs).toBe(500);
    expect(runLimits({}, { ...settings, RUN_MAX_TIME_MS: 3000 }, jvm).cpuTimeMs).toBe(3000);
  });

  it('never default above a lower maximum', () => {
    expect(runLimits({}, { ...settings, RUN_MAX_TIME_MS: 1000 }).cpuTimeMs).toBe(1000);
  });

  it('leave the compiler to the runner unless asked, then fill the rest and refuse more than the maximum', () => {
    expect(runLimits({}, settings)).not.toHaveProperty('compileCpuTimeMs');
    // A CPU time alone: twice it on the wall clock, the memory the runner's default (2 GiB).
    expect(runLimits({ compileTimeMs: 5000 }, settings)).toMatchObject({
      compileCpuTimeMs: 5000,
      compileWallTimeMs: 10_000,
      compileMemoryBytes: 2048 * 1024 * 1024,
    });
    // A wall clock alone: at most as much CPU time.
    expect(runLimits({ compileWallTimeMs: 3000, compileMemoryKb: 65_536 }, settings)).toMatchObject({
      compileCpuTimeMs: 3000,
      compileWallTimeMs: 3000,
      compileMemoryBytes: 65_536 * 1024,
    });
    expect(() => runLimits({ compileTimeMs: 60_001 }, settings)).toThrow(
      'limits.compileTimeMs: 60001 is above the maximum, 60000',
    );
  });
});
