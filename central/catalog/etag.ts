/** The strong ETag of a catalogue version. */
export function etagOf(version: string): string {
  return `"${version}"`;
}

/**
 * Whether an If-None-Match header matches the ETag: a list of tags, or `*`, compared weakly as
 * RFC 9110 asks for If-None-Match (a `W/` prefix is ignored).
 */
export function ifNoneMatchHits(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const tags = (Array.isArray(header) ? header.join(',') : header)
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''));
  return tags.some((tag) => tag === '*' || tag === etag);
}
