import { Inject, Injectable } from '@nestjs/common';
import semver from 'semver';
import type { LanguageDefinition, LanguageRegistry } from '@judge/judge';
import { LANGUAGES } from '../../tokens';

/** One entry of GET /api/v2/runtimes, as Piston lists its runtimes. */
export interface PistonRuntime {
  language: string;
  /** A full semver version (clients match ranges such as `3.x` against it). */
  version: string;
  aliases: string[];
  /** The package that provides the language, where Piston names one (gcc, node, mono). */
  runtime?: string;
}

/** A runtime with the language of ours it runs. */
export interface ResolvedRuntime extends PistonRuntime {
  id: string;
  definition: LanguageDefinition;
}

interface PistonName {
  /** Piston's name for the language when it differs from our id (c++ for cpp). */
  language?: string;
  aliases: string[];
  runtime?: string;
  /** Whether Piston shows a `compile` stage: it compiles to something that then runs, not a syntax check. */
  compiled: boolean;
}

/**
 * Our languages under the names Piston gives them (its packages' metadata), so that a client written for Piston
 * finds them. An alias that is another language's id is left out: ids win (`sh` is ours, not bash's alias).
 */
const PISTON_NAMES: Record<string, PistonName> = {
  c: { aliases: ['gcc'], runtime: 'gcc', compiled: true },
  cpp: { language: 'c++', aliases: ['cpp', 'g++'], runtime: 'gcc', compiled: true },
  python: { aliases: ['py', 'py3', 'python3'], compiled: false },
  java: { aliases: [], compiled: true },
  javascript: { aliases: ['node-javascript', 'node-js', 'javascript', 'js'], runtime: 'node', compiled: false },
  'javascript-module': { aliases: ['node-mjs', 'mjs'], runtime: 'node', compiled: false },
  rust: { aliases: ['rs'], compiled: true },
  go: { aliases: ['golang'], compiled: true },
  kotlin: { aliases: ['kt'], compiled: true },
  pascal: { aliases: ['freepascal', 'pp', 'pas'], compiled: true },
  bash: { aliases: [], compiled: false },
  sh: { aliases: ['dash'], compiled: false },
  perl: { aliases: ['pl'], compiled: false },
  awk: { aliases: ['gawk'], runtime: 'gawk', compiled: false },
  ruby: { aliases: ['rb'], compiled: false },
  php: { aliases: [], compiled: false },
  lua: { aliases: [], compiled: false },
  r: { language: 'rscript', aliases: ['r'], compiled: false },
  haskell: { aliases: ['hs'], compiled: true },
  ocaml: { aliases: ['ml'], compiled: true },
  prolog: { aliases: ['plg'], compiled: false },
  ada: { aliases: ['gnat'], compiled: true },
  fortran: { aliases: ['f90', 'gfortran'], runtime: 'gcc', compiled: true },
  csharp: { aliases: ['mono', 'mono-csharp', 'mono-c#', 'mono-cs', 'c#', 'cs'], runtime: 'mono', compiled: true },
  scala: { aliases: ['sc'], compiled: true },
  lisp: { aliases: ['cl', 'sbcl', 'commonlisp'], compiled: true },
};

/** A toolchain whose version could not be read still needs a semver to match `*` against. */
const UNKNOWN_VERSION = '0.0.0';

/**
 * The version a toolchain's version line names, as semver: its first dotted number ("gcc (Debian 12.2.0-14)
 * 12.2.0" is 12.2.0, not the 86 of an x86_64 in the compiler's name), with missing parts 0; else whatever semver
 * can coerce.
 */
export function semverOf(line: string): string {
  const dotted = /(?<![\d.])(\d+)\.(\d+)(?:\.(\d+))?/.exec(line);
  if (dotted) return [dotted[1], dotted[2], dotted[3] ?? '0'].map(Number).join('.');
  return semver.coerce(line)?.version ?? UNKNOWN_VERSION;
}

/**
 * The languages of this host as Piston runtimes. Versions come from each toolchain's `versionArgs`
 * (languages.yaml), read once per process and language, and taken as semver (`semverOf`).
 */
@Injectable()
export class PistonRuntimes {
  private named: Promise<Omit<ResolvedRuntime, 'version'>[]> | null = null;
  /** By language id. Read when first asked for: a JVM compiler takes seconds to say its version. */
  private readonly versions = new Map<string, Promise<string>>();

  constructor(@Inject(LANGUAGES) private readonly languages: LanguageRegistry) {}

  async list(): Promise<ResolvedRuntime[]> {
    return Promise.all((await this.names()).map(async (r) => ({ ...r, version: await this.version(r.definition) })));
  }

  /**
   * The runtime a request names, as Piston picks it: the language by name or alias, then the newest version that
   * satisfies the range (one per language here). Undefined when none does or the range is not one.
   */
  async find(language: string, range: string): Promise<ResolvedRuntime | undefined> {
    const runtimes = await this.names();
    const named =
      runtimes.find((r) => r.language === language || r.id === language) ??
      runtimes.find((r) => r.aliases.includes(language));
    if (!named || semver.validRange(range) === null) return undefined;
    const version = await this.version(named.definition);
    return semver.satisfies(version, range) ? { ...named, version } : undefined;
  }

  /** Whether Piston would show a compile stage for this language (an unknown one: when it keeps an artifact). */
  static compiled(runtime: ResolvedRuntime): boolean {
    return PISTON_NAMES[runtime.id]?.compiled ?? runtime.definition.artifact !== undefined;
  }

  private names(): Promise<Omit<ResolvedRuntime, 'version'>[]> {
    this.named ??= this.readNames();
    return this.named;
  }

  private async readNames(): Promise<Omit<ResolvedRuntime, 'version'>[]> {
    const available = new Set(await this.languages.availableIds());
    const ids = new Set(this.languages.definitions.map((d) => d.id));
    return this.languages.definitions
      .filter((d) => available.has(d.id))
      .map((definition) => {
        const names = PISTON_NAMES[definition.id] ?? { aliases: [], compiled: false };
        const language = names.language ?? definition.id;
        // Our id is always a way to name it; another language's id never is.
        const aliases = names.aliases.filter((a) => a === definition.id || !ids.has(a));
        if (language !== definition.id && !aliases.includes(definition.id)) aliases.push(definition.id);
        return {
          id: definition.id,
          definition,
          language,
          aliases,
          ...(names.runtime ? { runtime: names.runtime } : {}),
        };
      });
  }

  private version(definition: LanguageDefinition): Promise<string> {
    let version = this.versions.get(definition.id);
    if (!version) {
      version = this.languages.resolveDefinition(definition).then(async (resolved) => {
        const line = typeof resolved === 'string' ? null : await this.languages.version(resolved);
        return semverOf(line ?? '');
      });
      this.versions.set(definition.id, version);
    }
    return version;
  }
}
