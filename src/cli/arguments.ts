export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ParsedArguments {
  readonly positional: string[];
  readonly flags: Map<string, string | true>;
}

/**
 * Splits `--flag`, `--flag value` and `--flag=value` from positional words. `valueFlags` lists the
 * flags that take values (a multi-word value, as for `--weekly mon 09:00`, takes `arity` words).
 */
export function parseArguments(argv: readonly string[], valueFlags: Readonly<Record<string, number>>, booleanFlags: readonly string[]): ParsedArguments {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (!word.startsWith('--') || word === '--') {
      if (word !== '--') positional.push(word);
      continue;
    }
    const [name, inline] = word.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (booleanFlags.includes(name)) {
      flags.set(name, true);
    } else if (name in valueFlags) {
      const arity = valueFlags[name] ?? 1;
      const values = inline !== undefined ? [inline] : argv.slice(i + 1, i + 1 + arity);
      if (values.length < arity || values.some((value) => value.startsWith('--'))) throw new UsageError(`--${name} needs ${arity === 1 ? 'a value' : `${arity} values`}`);
      if (inline === undefined) i += arity;
      flags.set(name, values.join(' '));
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { positional, flags };
}
