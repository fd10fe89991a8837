import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './app-config';

describe('LOG_FORMAT', () => {
  it('is JSON unless stdout is a terminal, where it is pretty; a value given wins', () => {
    expect(loadConfig({}, false).LOG_FORMAT).toBe('json');
    expect(loadConfig({}, undefined).LOG_FORMAT).toBe('json');
    expect(loadConfig({}, true).LOG_FORMAT).toBe('pretty');
    expect(loadConfig({ LOG_FORMAT: 'json' }, true).LOG_FORMAT).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }, false).LOG_FORMAT).toBe('pretty');
  });

  it('refuses another format, naming the variable', () => {
    expect(() => loadConfig({ LOG_FORMAT: 'logfmt' }, false)).toThrow(ConfigError);
    expect(() => loadConfig({ LOG_FORMAT: 'logfmt' }, false)).toThrow(/LOG_FORMAT/);
  });
});
