/**
 * A cell's language, kept in its metadata so that the saved notebook says it: `metapoly.language` for
 * metapoly, and for Julia cells `magics_language`, which nbconvert's highlighter reads (it then highlights
 * the cell with Pygments' Julia lexer).
 */

import { ICodeCellModel } from '@jupyterlab/cells';
import { JSONObject } from '@lumino/coreutils';

import { Language } from './cellLanguage';

/** Record `language` in `model`'s metadata, touching only what changes (a write marks it unsaved). */
export function storeLanguage(model: ICodeCellModel, language: Language): void {
  const found: unknown = model.getMetadata('metapoly');
  // (Other keys a later version may keep there stay; anything but an object is replaced.)
  const stored = found && typeof found === 'object' && !Array.isArray(found) ? (found as JSONObject) : {};
  if (stored.language !== language) {
    model.setMetadata('metapoly', { ...stored, language });
  }
  const magics = model.getMetadata('magics_language');
  if (language === 'julia' && magics !== 'julia') {
    model.setMetadata('magics_language', 'julia');
  } else if (language === 'python' && magics === 'julia') {
    model.deleteMetadata('magics_language');
  }
}
