/**
 * The label that shows a code cell's language ("Julia" or "Python") in the corner of its editor.
 */

import { CodeCell } from '@jupyterlab/cells';

import { Language } from './cellLanguage';

const LABEL_CLASS = 'jp-metapoly-LanguageLabel';
const CELL_CLASS = 'jp-metapoly-cell';
const NAMES: Record<Language, string> = { python: 'Python', julia: 'Julia' };

/**
 * Show `language` on `cell`, or no label for `null`. Returns false if the cell's editor is not made yet
 * (a cell is rendered lazily): call again once `cell.ready` resolves.
 */
export function showLanguage(cell: CodeCell, language: Language | null): boolean {
  const host = cell.inputArea?.editorWidget?.node;
  if (!host) {
    return language === null;
  }
  let label = host.querySelector<HTMLElement>(`:scope > .${LABEL_CLASS}`);
  cell.toggleClass(CELL_CLASS, language !== null);
  if (language === null) {
    label?.remove();
    return true;
  }
  if (!label) {
    label = document.createElement('div');
    label.className = LABEL_CLASS;
    label.setAttribute('aria-label', 'cell language');
    host.appendChild(label);
  }
  label.textContent = NAMES[language];
  label.dataset.language = language;
  return true;
}
