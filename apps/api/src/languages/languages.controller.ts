import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { LanguageView } from '@judge/contract';
import { languageEditorMode, type LanguageRegistry } from '@judge/judge';
import { Public } from '../auth/auth.decorators';
import { LANGUAGES } from '../tokens';

@ApiTags('languages')
@Controller('languages')
export class LanguagesController {
  constructor(@Inject(LANGUAGES) private readonly languages: LanguageRegistry) {}

  /** The languages this judge can run, with ids as in `judge languages` and the web editor's grammar of each. */
  @Public()
  @Get()
  async list(): Promise<LanguageView[]> {
    const available = await this.languages.availableIds();
    return this.languages.definitions
      .filter((d) => available.includes(d.id))
      .map((d) => ({ id: d.id, name: d.name, extensions: d.extensions, editor: languageEditorMode(d) }));
  }
}
