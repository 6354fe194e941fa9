/**
 * Whether a write failed on a unique constraint, on either engine: two registrations racing for
 * the same email or document end here instead of in a generic error.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // PostgreSQL: unique_violation; better-sqlite3: the extended result code.
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
