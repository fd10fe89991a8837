import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { extname, join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { DEFAULT_EDITOR_MODE, EDITOR_MODES, LEXER_FAMILIES, type EditorMode } from '@judge/contract';
import { realpathUnder, type BoxOptions, type Mount } from '@judge/sandbox';
import { JudgeRequestError } from '../errors';

/** A regular expression as text: checked when languages.yaml is read, not when a submission meets it. */
const regexText = z.string().refine(
  (text) => {
    try {
      new RegExp(text, 'm');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

const isSlashed = (pattern: string): boolean => pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/');

function isRegex(text: string): boolean {
  try {
    new RegExp(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The flags of `options` that the language's `compilerOptions` do not allow (all of them when it allows none).
 * A pattern between slashes must match a flag whole.
 */
export function disallowedCompilerOptions(language: LanguageDefinition, options: readonly string[]): string[] {
  const allowed = language.compilerOptions ?? [];
  return options.filter(
    (flag) =>
      !allowed.some((pattern) =>
        isSlashed(pattern) ? new RegExp(`^(?:${pattern.slice(1, -1)})$`).test(flag) : pattern === flag,
      ),
  );
}

/** How the program of a submission is found among its files (documented at the top of languages.yaml). */
const entrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all'), folders: z.boolean().optional() }),
  z.object({ kind: z.literal('file'), names: z.array(z.string()).default([]), folders: z.boolean().optional() }),
  z.object({
    kind: z.literal('class'),
    className: z.enum(['declared', 'file']),
    main: regexText,
    folders: z.boolean().optional(),
  }),
]);

export type EntryRule = z.infer<typeof entrySchema>;

const languageSchema = z.object({
  id: z.string().regex(/^[a-z0-9+_-]+$/),
  name: z.string(),
  runtime: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]*$/)
    .optional(),
  extensions: z.array(z.string()).min(1),
  tools: z.record(z.string(), z.array(z.string()).min(1)),
  mounts: z.array(z.string()).optional(),
  /** Other names of the language in problem packages (include/<code>/), besides its id. */
  codes: z.array(z.string()).optional(),
  source: z.string(),
  entry: entrySchema.optional(),
  compile: z.array(z.string()).optional(),
  compileEach: z.boolean().optional(),
  artifact: z.string().optional(),
  run: z.array(z.string()).min(1),
  env: z.record(z.string(), z.string()).optional(),
  /** Tells this language's sources apart from another's with the same extension (see languages.yaml). */
  recognize: z.string().optional(),
  processes: z.number().int().positive().optional(),
  /**
   * Compiler flags a run may add (the Judge0 face's `compiler_options`): each an exact flag, or a regular
   * expression between slashes that the whole flag must match. None: a run may add none.
   */
  compilerOptions: z
    .array(
      z.string().refine((p) => !isSlashed(p) || isRegex(p.slice(1, -1)), { message: 'not a valid regular expression' }),
    )
    .optional(),
  memoryErrorPatterns: z.array(z.string()).optional(),
  /**
   * Runs (POST /api/runs) that ask for no limit: this language's CPU time and memory, when above the server's
   * defaults (a JVM starts slowly and needs more); the server's maxima still apply.
   */
  runDefaults: z
    .object({ timeMs: z.number().int().positive().optional(), memoryMb: z.number().int().positive().optional() })
    .strict()
    .optional(),
  versionArgs: z.array(z.string()).optional(),
  /** Debian packages that provide the tools (read by scripts/setup.sh, which installs them). */
  packages: z.array(z.string().regex(/^[a-z0-9][a-z0-9+.-]*$/)).optional(),
  /** Installed by a plain `npm run setup`; the others with `--languages`. */
  installByDefault: z.boolean().optional(),
  /** The web editor's highlighting (default `plain`). */
  editor: z.enum(EDITOR_MODES).optional(),
  /** The plagiarism check's tokenizer family (default: a generic one, compared within the language only). */
  plagiarism: z.enum(LEXER_FAMILIES).optional(),
});

export type LanguageDefinition = z.infer<typeof languageSchema>;

/** A language whose tools were found on this host. */
export interface ResolvedLanguage extends LanguageDefinition {
  toolPaths: Record<string, string>;
}

/** A version command is a start-up and a print; a JVM-based compiler takes a second or two. */
const VERSION_TIMEOUT_MS = 15_000;

/** Folders of the host a box sees anyway; a tool elsewhere must come with a mount. */
const ALWAYS_VISIBLE = ['/usr/'];

export const DEFAULT_LANGUAGES_FILE = join(__dirname, '..', '..', 'languages.yaml');

export class LanguageRegistry {
  private readonly resolved = new Map<string, Promise<ResolvedLanguage | string>>();
  private readonly toolchains = new Map<string, Promise<string>>();

  /**
   * `hostRoot`: where this process sees the root of the machine whose toolchains the boxes use; `/` but for a
   * docker-engine runner in a container, which sees the daemon host's root where it is bound (JUDGE_HOST_ROOT).
   */
  constructor(
    readonly definitions: readonly LanguageDefinition[],
    private readonly hostRoot = '/',
  ) {}

  static async load(file = DEFAULT_LANGUAGES_FILE, hostRoot = '/'): Promise<LanguageRegistry> {
    const parsed = z.array(languageSchema).safeParse(parse(await fs.readFile(file, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
    }
    return new LanguageRegistry(parsed.data, hostRoot);
  }

  find(id: string): LanguageDefinition | undefined {
    return this.definitions.find((l) => l.id === id);
  }

  /**
   * The language of a file by its extension; where languages share one, the first whose `recognize` pattern the
   * content matches, else the first without a pattern.
   */
  byFileName(fileName: string, content?: string): LanguageDefinition | undefined {
    const ext = extname(fileName).slice(1).toLowerCase();
    const candidates = this.definitions.filter((l) => l.extensions.includes(ext));
    if (candidates.length <= 1) return candidates[0];
    const recognized =
      content === undefined
        ? undefined
        : candidates.find((l) => l.recognize !== undefined && new RegExp(l.recognize, 'm').test(content));
    return recognized ?? candidates.find((l) => l.recognize === undefined) ?? candidates[0];
  }

  /** The language ready to use, or a JudgeRequestError naming what is available. */
  async resolve(id: string): Promise<ResolvedLanguage> {
    const definition = this.find(id);
    if (!definition) {
      const available = await this.availableIds();
      throw new JudgeRequestError(
        'UNKNOWN_LANGUAGE',
        `unknown language "${id}"; available here: ${available.join(', ') || 'none'}`,
      );
    }
    const result = await this.resolveDefinition(definition);
    if (typeof result === 'string') {
      const available = await this.availableIds();
      throw new JudgeRequestError(
        'LANGUAGE_UNAVAILABLE',
        `language "${id}" is not available on this machine (${result}); available here: ${available.join(', ') || 'none'}`,
      );
    }
    return result;
  }

  async availableIds(): Promise<string[]> {
    const ids: string[] = [];
    for (const d of this.definitions) if (typeof (await this.resolveDefinition(d)) !== 'string') ids.push(d.id);
    return ids;
  }

  /**
   * The first line the language's `versionArgs` print, or null when it has none or they fail. Run on this host,
   * outside any box: the host's own toolchain with fixed arguments, nothing a user wrote. Only where the boxes'
   * toolchains are this machine's (not for a runner that sees the daemon host's root elsewhere).
   */
  async version(language: ResolvedLanguage): Promise<string | null> {
    if (!language.versionArgs || this.hostRoot !== '/') return null;
    const [command, ...args] = expandCommand(language.versionArgs, language, { sources: [], memoryMb: 0 });
    return new Promise((resolve) => {
      execFile(
        command,
        args,
        { env: languageEnv(language), timeout: VERSION_TIMEOUT_MS, maxBuffer: 1 << 20, cwd: '/' },
        (error, stdout, stderr) => {
          // Some print it on stderr (java -version), some after a warning of the JVM's (kotlinc): the first line
          // with a version number in it, else the first line.
          const lines = `${stdout}\n${stderr}`
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean);
          const line = lines.find((l) => /\d+\.\d+/.test(l)) ?? lines[0];
          resolve(line && !(error && 'killed' in error && error.killed) ? line.replace(/\s+/g, ' ') : null);
        },
      );
    });
  }

  /**
   * What tells this host's toolchain of a language apart from another's (the compile cache's key): its version line
   * and each tool's file (size, modification time), found where the boxes see it. Once per language and process.
   */
  toolchainId(language: ResolvedLanguage): Promise<string> {
    let pending = this.toolchains.get(language.id);
    if (!pending) {
      pending = (async () => {
        const tools: string[] = [];
        for (const [name, path] of Object.entries(language.toolPaths).sort(([a], [b]) => (a < b ? -1 : 1))) {
          const stat = await fs.stat(join(this.hostRoot, path)).catch(() => null);
          tools.push(`${name}=${path}:${stat ? `${stat.size}:${stat.mtimeMs}` : 'absent'}`);
        }
        return JSON.stringify([await this.version(language), tools]);
      })();
      this.toolchains.set(language.id, pending);
    }
    return pending;
  }

  /** A resolved language, or why it is unavailable. */
  resolveDefinition(definition: LanguageDefinition): Promise<ResolvedLanguage | string> {
    let pending = this.resolved.get(definition.id);
    if (!pending) {
      pending = resolveTools(definition, this.hostRoot);
      this.resolved.set(definition.id, pending);
    }
    return pending;
  }
}

async function resolveTools(definition: LanguageDefinition, hostRoot: string): Promise<ResolvedLanguage | string> {
  const toolPaths: Record<string, string> = {};
  const visible = [...ALWAYS_VISIBLE, ...(definition.mounts ?? []).map((m) => `${m}/`)];
  for (const [name, candidates] of Object.entries(definition.tools)) {
    let found: string | null = null;
    for (const candidate of candidates) {
      const real = await realpathUnder(hostRoot, candidate);
      if (real && visible.some((v) => real.startsWith(v))) {
        found = real;
        break;
      }
    }
    if (!found) return `${name} not found at ${candidates.join(' or ')}`;
    toolPaths[name] = found;
  }
  return { ...definition, toolPaths };
}

/** The whole environment of a run in this language: nothing of the judge's own is passed on. */
export function languageEnv(language: ResolvedLanguage): Record<string, string> {
  const own: Record<string, string> = {};
  for (const [name, value] of Object.entries(language.env ?? {})) own[name] = expandTools(value, language);
  return { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/tmp', LANG: 'C.UTF-8', TMPDIR: '/tmp', ...own };
}

/** `{tool:NAME}` in an environment value: the tool's path (kotlinc's script finds `java` through JAVACMD). */
function expandTools(value: string, language: ResolvedLanguage): string {
  return value.replace(/\{tool:([a-zA-Z0-9_-]+)\}/g, (whole, name: string) => {
    const path = language.toolPaths[name];
    if (!path) throw new Error(`languages: ${language.id}: unknown placeholder ${whole}`);
    return path;
  });
}

/** How a program is found among a submission's files: the language's `entry`, else every source compiled together. */
export function entryRule(language: LanguageDefinition): EntryRule {
  return language.entry ?? { kind: 'all' };
}

/** The language's extra toolchain folders, mounted read-only where they exist on this host. */
export function languageMounts(language: ResolvedLanguage): Mount[] {
  return (language.mounts ?? []).map((m) => ({ hostPath: m, sandboxPath: m, optional: true, toolchain: true }));
}

/** The runtime (family) whose image a box for this language is made from: its `runtime`, else its id. */
export function languageRuntime(language: LanguageDefinition): string {
  return language.runtime ?? language.id;
}

/** The grammar the web app highlights this language's sources with: its `editor`, else `plain`. */
export function languageEditorMode(language: LanguageDefinition): EditorMode {
  return language.editor ?? DEFAULT_EDITOR_MODE;
}

/** What the sandbox needs to make a box that runs programs in this language. */
export function languageBoxOptions(
  language: ResolvedLanguage,
  sizeBytes: number,
  extraMounts: Mount[] = [],
): BoxOptions {
  return { sizeBytes, runtime: languageRuntime(language), mounts: [...extraMounts, ...languageMounts(language)] };
}

export interface CommandContext {
  sources: string[];
  /** The file that starts the program (`entry.kind: file`); {source} when absent. */
  entry?: string;
  className?: string;
  memoryMb: number;
}

/** Fills the placeholders of a command or file name. */
export function expandCommand(template: readonly string[], language: ResolvedLanguage, ctx: CommandContext): string[] {
  const out: string[] = [];
  for (const word of template) {
    if (word === '{sources}') out.push(...ctx.sources);
    else out.push(expandWord(word, language, ctx));
  }
  return out;
}

export function expandWord(word: string, language: ResolvedLanguage, ctx: CommandContext): string {
  return word.replace(/\{([a-zA-Z]+)(?::([a-zA-Z0-9_-]+))?\}/g, (whole, key: string, arg?: string) => {
    switch (key) {
      case 'tool':
        if (arg && language.toolPaths[arg]) return language.toolPaths[arg];
        break;
      case 'source':
        return ctx.sources[0] ?? '';
      case 'entry':
        return ctx.entry ?? ctx.sources[0] ?? '';
      case 'className':
        return ctx.className ?? 'Main';
      case 'classPath':
        return (ctx.className ?? 'Main').replace(/\./g, '/');
      case 'memoryMb':
        return String(ctx.memoryMb);
      case 'heapMb':
        return String(Math.max(32, ctx.memoryMb - 64));
      case 'stackMb':
        return String(Math.max(8, Math.min(ctx.memoryMb, 1024)));
    }
    throw new Error(`languages: ${language.id}: unknown placeholder ${whole}`);
  });
}
