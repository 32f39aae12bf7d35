/**
 * The look of a cell's leading magic lines (`%%julia`, `%default julia`...): marked so that they read as
 * magics rather than as code of the cell's language (style/index.css gives the mark its colour).
 */

import { Text } from '@codemirror/state';
import { Decoration, DecorationSet, EditorView, ViewPlugin, ViewUpdate } from '@codemirror/view';

import { decide } from './cellLanguage';

const MAGIC_MARK = Decoration.mark({ class: 'cm-metapoly-magic' });

/** How many of the document's first lines are magic lines of metapoly's. */
function magicLineCount(doc: Text): number {
  // Only the leading `%` lines (and the first line after them) decide it: the body is never read.
  const head: string[] = [];
  for (let number = 1; number <= doc.lines; number++) {
    const text = doc.line(number).text;
    head.push(text);
    if (!text.startsWith('%')) {
      break;
    }
  }
  return decide(head.join('\n'), 'python').magicLines;
}

function marks(doc: Text): DecorationSet {
  const ranges = [];
  for (let number = 1; number <= magicLineCount(doc); number++) {
    const line = doc.line(number);
    if (line.to > line.from) {
      ranges.push(MAGIC_MARK.range(line.from, line.to));
    }
  }
  return Decoration.set(ranges);
}

/** A CodeMirror extension that marks the leading magic lines of the document. */
export const magicLines = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;

    constructor(view: EditorView) {
      this.decorations = marks(view.state.doc);
    }

    update(update: ViewUpdate): void {
      if (update.docChanged) {
        this.decorations = marks(update.state.doc);
      }
    }
  },
  { decorations: plugin => plugin.decorations }
);
