/**
 * The class a Java (or Kotlin-on-JVM) source must be saved as: its public top-level class,
 * else the first class declaring main. Comments and strings are skipped so that text in them cannot mislead.
 */
export function javaClassName(source: string): string | null {
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/"(?:\\.|[^"\\\n])*"/g, '""')
    .replace(/'(?:\\.|[^'\\\n])'/g, "''");
  const publicClass =
    /\bpublic\s+(?:(?:final|abstract|strictfp|static|sealed)\s+)*(?:class|record|enum|interface)\s+([A-Za-z_$][\w$]*)/.exec(
      code,
    );
  if (publicClass) return publicClass[1];
  const anyClass = /\b(?:class|record|enum|interface)\s+([A-Za-z_$][\w$]*)/.exec(code);
  return anyClass ? anyClass[1] : null;
}
