import { LanguageSupport } from '@codemirror/language';
import { describe, expect, it } from 'vitest';
import { EDITOR_MODES, type EditorMode } from '@judge/contract';
import { modeSupport } from './modes';

describe('editor modes', () => {
  it('every mode but plain loads a grammar', async () => {
    for (const mode of EDITOR_MODES.filter((m) => m !== 'plain')) {
      const support = await modeSupport(mode);
      expect(support, mode).toBeInstanceOf(LanguageSupport);
    }
  });

  it('plain, and a name this build does not know (an API newer than the page), highlight nothing', async () => {
    expect(await modeSupport('plain')).toEqual([]);
    expect(await modeSupport('kotlin' as EditorMode)).toEqual([]);
    expect(await modeSupport('toString' as EditorMode)).toEqual([]);
  });

  it('typescript is JavaScript with types', async () => {
    const ts = (await modeSupport('typescript')) as LanguageSupport;
    const js = (await modeSupport('javascript')) as LanguageSupport;
    expect(ts.language.name).toBe('typescript');
    expect(js.language.name).toBe('javascript');
  });
});
