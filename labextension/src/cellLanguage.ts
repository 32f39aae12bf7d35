/**
 * Which language a cell is written in, read from its leading magic lines as the kernel reads them: the
 * same rule as metapoly/cell_language.py (tests/cell_language_cases.json holds the cases both pass).
 * Kept free of JupyterLab so that it runs under plain Node in that test.
 */

export type Language = 'python' | 'julia';

export const LANGUAGES: readonly Language[] = ['python', 'julia'];

/** A cell's language, the default it leaves for the cells below, and how many first lines are magics. */
export interface IDecision {
  language: Language;
  defaultAfter: Language;
  magicLines: number;
}

// A leading line: `%name args`, `%%name args` or `%%%name args` (MetaKernel's sticky form).
const MAGIC = /^(%{1,3})([A-Za-z_]\w*)(.*)$/;
// metapoly's magics that run no code of their own and leave the rest of the cell to run.
const PASSING = new Set(['py2jl', 'jl2py', 'vars', 'help', 'lsmagic']);

function asLanguage(word: string): Language | null {
  return (LANGUAGES as readonly string[]).includes(word) ? (word as Language) : null;
}

/** The language of the cell `source` in a notebook whose default, above it, is `fallback`. */
export function decide(source: string, fallback: Language): IDecision {
  const lines = source.split('\n');
  let current = fallback;
  let lineLanguage: Language | null = null; // that of the last `%julia CODE` / `%python CODE` line
  for (let index = 0; index < lines.length; index++) {
    const match = MAGIC.exec(lines[index]);
    if (!match) {
      // The rest runs in the default language.
      const rest = lines.slice(index).join('\n');
      const language = rest.trim() || lineLanguage === null ? current : lineLanguage;
      return { language, defaultAfter: current, magicLines: index };
    }
    const [, percents, name, args] = match;
    const named = asLanguage(name);
    if (named !== null) {
      if (percents === '%%%') {
        return { language: named, defaultAfter: named, magicLines: index + 1 };
      }
      if (percents === '%%' || !args.trim()) {
        return { language: named, defaultAfter: current, magicLines: index + 1 };
      }
      lineLanguage = named;
    } else if (percents !== '%') {
      // Another cell magic: IPython's, run in the default language.
      return { language: current, defaultAfter: current, magicLines: index };
    } else if (name === 'default') {
      current = asLanguage(args.trim().toLowerCase()) ?? current;
    } else if (name === 'restart') {
      current = 'python';
    } else if (!PASSING.has(name)) {
      return { language: current, defaultAfter: current, magicLines: index };
    }
  }
  return { language: lineLanguage ?? current, defaultAfter: current, magicLines: lines.length };
}
