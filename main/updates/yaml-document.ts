/** A value the update files hold: scalars, lists of records, records. */
export type YamlValue = string | number | boolean | YamlValue[] | { [key: string]: YamlValue };

/**
 * Writes a small YAML document (app-update.yml, latest-linux.yml). Strings are double-quoted
 * JSON strings, which YAML reads back unchanged: a version such as `1.10` stays a string and a URL
 * with `#` or `:` stays whole, whatever parser electron-updater uses.
 */
export function yamlDocument(record: Record<string, YamlValue | undefined>): string {
  return `${yamlLines(record, '').join('\n')}\n`;
}

function yamlLines(record: Record<string, YamlValue | undefined>, indent: string): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      lines.push(`${indent}${key}:`);
      for (const item of value) lines.push(...listItem(item, `${indent}  `));
    } else if (typeof value === 'object') {
      lines.push(`${indent}${key}:`, ...yamlLines(value, `${indent}  `));
    } else {
      lines.push(`${indent}${key}: ${scalar(value)}`);
    }
  }
  return lines;
}

function listItem(item: YamlValue, indent: string): string[] {
  if (Array.isArray(item)) throw new Error('Lists of lists are not used in update files');
  if (typeof item !== 'object') return [`${indent}- ${scalar(item)}`];
  const [first = '', ...rest] = yamlLines(item, `${indent}  `);
  return [`${indent}- ${first.trimStart()}`, ...rest];
}

function scalar(value: string | number | boolean): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`Not a finite number: ${value}`);
  }
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
