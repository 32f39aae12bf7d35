/**
 * Julia's indentation while a block is being typed, from the lines themselves: a line after one that opens
 * a block (`function`, `for`, `if`, `begin`, `do`, `else`..., an open bracket) is indented one unit more
 * than it, a line that starts with `end`, `else`, `elseif`, `catch`, `finally` or a closing bracket one
 * unit less. Julia's grammar cannot indent a block before its `end` is written (the code does not parse
 * yet), so this decides, as CodeMirror's Julia mode did. No imports: tests run it under Node.
 */

// The words that open a block `end` closes, and `end`.
const BLOCK_WORDS = /\b(function|macro|for|while|if|let|begin|quote|struct|module|baremodule|try|do|end)\b/g;
// A line that ends a block, or its middle part (`else`, `catch`...), or a closing bracket.
const CLOSES = /^\s*(end\b|else\b|elseif\b|catch\b|finally\b|[)\]}])/;
const MIDDLES = /^(else|elseif|catch|finally)\b/;

// The code of a line without its strings and comments, which may hold any word or bracket.
function code(line: string): string {
  return line
    .replace(/"(?:\\.|[^"\\])*"/g, '""')
    .replace(/'(?:\\.|[^'\\])'/g, "''")
    .replace(/#=.*?=#/g, '')
    .replace(/#.*$/, '')
    .trim();
}

// `text` without what its balanced brackets hold (`[x for x in xs]` opens no block).
function outsideBrackets(text: string): string {
  let previous;
  do {
    previous = text;
    text = text.replace(/\([^()[\]{}]*\)|\[[^()[\]{}]*\]|\{[^()[\]{}]*\}/g, '');
  } while (text !== previous);
  return text;
}

// Whether the code `text` opens a block it does not close on the same line (`if x y end` opens none).
function opensBlock(text: string): boolean {
  if (MIDDLES.test(text)) {
    return true;
  }
  if (CLOSES.test(text)) {
    return false;
  }
  const words = outsideBrackets(text).match(BLOCK_WORDS) ?? [];
  const balance = words.reduce((n, word) => n + (word === 'end' ? -1 : 1), 0);
  const brackets = (text.match(/[([{]/g) ?? []).length - (text.match(/[)\]}]/g) ?? []).length;
  return balance > 0 || brackets > 0;
}

/**
 * The indentation, in columns, of a line whose text from the cursor on is `rest`, below the line `above`
 * (the nearest that is not blank, indented `aboveIndent` columns; `null` if there is none: no opinion).
 */
export function juliaIndentation(above: string | null, aboveIndent: number, rest: string,
                                 unit: number): number | null {
  if (above === null) {
    return null;
  }
  const previous = code(above);
  if (previous.startsWith('%')) {
    return 0;  // (the first line of code after the cell's magic lines)
  }
  const indent = aboveIndent + (opensBlock(previous) ? unit : 0) - (CLOSES.test(rest) ? unit : 0);
  return Math.max(0, indent);
}
