/**
 * Java and Kotlin sources as far as the judge needs to read them: which class a file must be saved as, and which
 * classes have a main method. Comments and strings are blanked first so that text in them cannot mislead.
 */

/** The source with comments and string and character literals blanked (same structure, no misleading text). */
export function withoutCommentsAndStrings(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/"""[\s\S]*?"""/g, '""')
    .replace(/"(?:\\.|[^"\\\n])*"/g, '""')
    .replace(/'(?:\\.|[^'\\\n])'/g, "''");
}

const PUBLIC_TYPE =
  /\bpublic\s+(?:(?:final|abstract|strictfp|static|sealed)\s+)*(?:class|record|enum|interface)\s+([A-Za-z_$][\w$]*)/;
const ANY_TYPE = /\b(?:class|record|enum|interface|object)\s+([A-Za-z_$][\w$]*)/g;

/** The public top-level class of a Java source (javac wants the file named after it), else null. */
export function javaPublicClass(source: string): string | null {
  return PUBLIC_TYPE.exec(withoutCommentsAndStrings(source))?.[1] ?? null;
}

/**
 * The class a Java (or Kotlin-on-JVM) source must be saved as: its public top-level class,
 * else the first class declaring main.
 */
export function javaClassName(source: string): string | null {
  const code = withoutCommentsAndStrings(source);
  const publicClass = PUBLIC_TYPE.exec(code);
  if (publicClass) return publicClass[1];
  const anyClass = new RegExp(ANY_TYPE.source).exec(code);
  return anyClass ? anyClass[1] : null;
}

/** The `package a.b;` of a JVM source, or null. */
export function jvmPackage(source: string): string | null {
  return (
    /^\s*package\s+([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*;?\s*$/m.exec(withoutCommentsAndStrings(source))?.[1] ??
    null
  );
}

/**
 * The top-level classes of a source whose bodies match `main`, with their package (`a.b.C`). A class's body is the
 * braces after its declaration at nesting depth zero.
 */
export function declaredMainClasses(source: string, main: RegExp): string[] {
  const code = withoutCommentsAndStrings(source);
  const pkg = jvmPackage(source);
  const found: string[] = [];
  let depth = 0;
  let headerStart = 0;
  let bodyStart = -1;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '{') {
      if (depth === 0) bodyStart = i;
      depth++;
    } else if (c === '}' && depth > 0) {
      depth--;
      if (depth === 0 && bodyStart >= 0) {
        const header = code.slice(headerStart, bodyStart);
        const names = [...header.matchAll(ANY_TYPE)];
        const name = names.length ? names[names.length - 1][1] : null;
        if (name && main.test(code.slice(bodyStart + 1, i))) found.push(pkg ? `${pkg}.${name}` : name);
        headerStart = i + 1;
        bodyStart = -1;
      }
    } else if (c === ';' && depth === 0) {
      headerStart = i + 1;
    }
  }
  return found;
}

/**
 * The class Kotlin compiles a file's top-level functions into (`main.kt` gives MainKt, `a-b.kt` A_bKt), with the
 * file's package, when the file's top level matches `main`; else null.
 */
export function kotlinFileClass(fileName: string, source: string, main: RegExp): string | null {
  if (!main.test(withoutCommentsAndStrings(source))) return null;
  const base = fileName.slice(fileName.lastIndexOf('/') + 1).replace(/\.kts?$/, '');
  const name = `${base.charAt(0).toUpperCase()}${base.slice(1)}`.replace(/[^\w$]/g, '_') + 'Kt';
  const pkg = jvmPackage(source);
  return pkg ? `${pkg}.${name}` : name;
}
