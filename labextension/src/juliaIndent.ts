/**
 * Julia's indentation in the editor: the rule of juliaIndentRule.ts, given the nearest line above that is
 * not blank. It comes before the grammar's own indentation, which needs code that parses.
 */

import { IndentContext, indentService } from '@codemirror/language';
import { Extension } from '@codemirror/state';

import { juliaIndentation } from './juliaIndentRule';

function indentation(context: IndentContext, pos: number): number | null {
  const line = context.lineAt(pos);
  let above = line.from > 0 ? context.lineAt(line.from - 1) : null;
  while (above && !above.text.trim() && above.from > 0) {
    above = context.lineAt(above.from - 1);
  }
  const text = above && above.text.trim() ? above.text : null;
  return juliaIndentation(text, above ? context.lineIndent(above.from) : 0, line.text.slice(pos - line.from),
                          context.unit);
}

/** Julia's indentation from the lines above, for code that does not parse yet. */
export const juliaIndent: Extension = indentService.of(indentation);
