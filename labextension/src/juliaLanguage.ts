/**
 * The editor language of metapoly's Julia cells: JupyterLab's own Julia (CodeMirror's Julia mode, with
 * its indentation, brackets and `#` comments) with the cell's magic lines marked as magics. It has a MIME
 * type of its own so that only metapoly's cells get the magic-line marks.
 */

import { LanguageSupport } from '@codemirror/language';
import { IEditorLanguageRegistry } from '@jupyterlab/codemirror';

import { magicLines } from './magicLines';

/** The MIME type a Julia cell's editor is given. */
export const JULIA_CELL_MIME = 'text/x-metapoly-julia';
const JULIA_MIME = 'text/x-julia';

/** Add the language of Julia cells to JupyterLab's editor languages. */
export function registerJuliaCellLanguage(languages: IEditorLanguageRegistry): void {
  languages.addLanguage({
    name: 'metapoly-julia',
    displayName: 'Julia (metapoly cell)',
    mime: JULIA_CELL_MIME,
    async load() {
      const julia = await languages.getLanguage(JULIA_MIME);
      if (!julia?.support) {
        throw new Error(`metapoly: JupyterLab has no editor language for ${JULIA_MIME}`);
      }
      return new LanguageSupport(julia.support.language, [julia.support.support, magicLines]);
    }
  });
}
