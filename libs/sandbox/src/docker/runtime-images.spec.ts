import { describe, expect, it } from 'vitest';
import { defaultImageName, parseImageOverrides } from './runtime-images';

describe('runtime images', () => {
  it('are named after their runtime unless JUDGE_DOCKER_IMAGES names another', () => {
    expect(defaultImageName('gcc')).toBe('judge-runtime-gcc');
    expect(parseImageOverrides(undefined)).toEqual({});
    expect(parseImageOverrides(' gcc=reg.example/gcc:12.2.0 ,jvm=reg.example/jvm:17,')).toEqual({
      gcc: 'reg.example/gcc:12.2.0',
      jvm: 'reg.example/jvm:17',
    });
  });

  it('a pair without an image is refused, naming the variable', () => {
    expect(() => parseImageOverrides('gcc')).toThrow(/JUDGE_DOCKER_IMAGES/);
    expect(() => parseImageOverrides('gcc=')).toThrow(/JUDGE_DOCKER_IMAGES/);
  });
});
