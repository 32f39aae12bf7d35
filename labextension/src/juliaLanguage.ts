/**
 * The editor language of metapoly's Julia cells: Julia's grammar (Pluto's Lezer grammar,
 * `@plutojl/lang-julia`: keywords, strings with their interpolations told apart, `#= =#` comments,
 * macros, symbols, numbers like `3n`, brackets, `#` comments), Julia's indentation while a block is typed
 * (juliaIndent.ts), and the cell's magic lines marked as magics. It has a MIME type of its own so that
 * only metapoly's cells get it.
 */

import { LanguageSupport } from '@codemirror/language';
import { IEditorLanguageRegistry } from '@jupyterlab/codemirror';

import { juliaIndent } from './juliaIndent';
import { magicLines } from './magicLines';

/** The MIME type a Julia cell's editor is given. */
export const JULIA_CELL_MIME = 'text/x-metapoly-julia';

/** Add the language of Julia cells to JupyterLab's editor languages. */
export function registerJuliaCellLanguage(languages: IEditorLanguageRegistry): void {
  languages.addLanguage({
    name: 'metapoly-julia',
    displayName: 'Julia (metapoly cell)',
    mime: JULIA_CELL_MIME,
    async load() {
      // (Loaded the first time a metapoly notebook shows a Julia cell: the grammar is most of the bundle.)
      const { julia } = await import('@plutojl/lang-julia');
      const support = julia();
      return new LanguageSupport(support.language, [support.support, juliaIndent, magicLines]);
    }
  });
}
