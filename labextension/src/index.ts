/**
 * metapoly's JupyterLab (and Notebook 7) extension: in notebooks of the metapoly kernel, Julia cells are
 * edited as Julia and Python cells as Python, each labelled, with the language kept in the cell's
 * metadata.
 */

import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { IEditorLanguageRegistry } from '@jupyterlab/codemirror';
import { INotebookTracker } from '@jupyterlab/notebook';

import { registerJuliaCellLanguage } from './juliaLanguage';
import { NotebookLanguages } from './notebookLanguages';

const plugin: JupyterFrontEndPlugin<void> = {
  id: 'metapoly:cell-languages',
  description: 'Julia cells of metapoly notebooks edited, highlighted and labelled as Julia.',
  autoStart: true,
  requires: [INotebookTracker, IEditorLanguageRegistry],
  activate: (_: JupyterFrontEnd, notebooks: INotebookTracker, languages: IEditorLanguageRegistry) => {
    registerJuliaCellLanguage(languages);
    notebooks.widgetAdded.connect((__, panel) => {
      const languagesOfCells = new NotebookLanguages(panel, languages);
      panel.disposed.connect(() => languagesOfCells.dispose());
    });
  }
};

export default plugin;
