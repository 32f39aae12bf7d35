/**
 * The languages of one notebook's code cells, kept current: each code cell of a metapoly notebook gets
 * the editor language of its language (Julia cells JULIA_CELL_MIME, Python cells the notebook's own),
 * its label and its metadata, again whenever a cell's text, the list of cells or the kernel changes.
 *
 * A cell's language is decided from its magic lines and the `%default` lines above it (cellLanguage.ts),
 * top to bottom, as Run All runs them. Once a cell has run, the kernel's reply says what it ran as and
 * the default it left (kernelReplies.ts): that holds for the cell, and for the default below it, while
 * the cell's text is the text that ran and the kernel is the one that ran it.
 */

import { Cell, CodeCell, ICellModel } from '@jupyterlab/cells';
import { IEditorLanguageRegistry } from '@jupyterlab/codemirror';
import { NotebookPanel } from '@jupyterlab/notebook';
import { Kernel } from '@jupyterlab/services';
import { IDisposable } from '@lumino/disposable';

import { decide, IDecision, Language } from './cellLanguage';
import { storeLanguage } from './cellMetadata';
import { JULIA_CELL_MIME } from './juliaLanguage';
import { IRun, KernelReplies } from './kernelReplies';
import { showLanguage } from './languageLabel';

// How a metapoly kernel names itself: its kernelspec's name, and its kernel_info's implementation.
const METAPOLY = 'metapoly';
// The MIME type JupyterLab gives a metapoly notebook's code cells once the kernel's language_info (Python,
// CodeMirror mode "ipython") is known.
const PYTHON_CELL_MIME = 'text/x-ipython';

/** Keeps the languages of `panel`'s code cells current while it is open. */
export class NotebookLanguages implements IDisposable {
  constructor(panel: NotebookPanel, languages: IEditorLanguageRegistry) {
    this._panel = panel;
    this._languages = languages;
    void panel.context.ready.then(() => this._start());
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._replies?.dispose();
  }

  private _start(): void {
    if (this._disposed) {
      return;
    }
    const { sessionContext, model } = this._panel;
    // (Any change of a cell's text, of the list of cells or of the notebook's metadata.)
    model?.contentChanged.connect(this._schedule, this);
    sessionContext.kernelChanged.connect(this._onKernelChanged, this);
    sessionContext.statusChanged.connect(this._onStatusChanged, this);
    this._onKernelChanged();
  }

  private _onKernelChanged(): void {
    this._replies?.dispose();
    this._replies = null;
    this._runs.clear();
    this._implementation = null;
    const kernel = this._panel.sessionContext.session?.kernel;
    if (kernel) {
      this._replies = new KernelReplies(kernel);
      this._replies.ran.connect(this._onRan, this);
      void kernel.info.then(info => {
        if (kernel === this._panel.sessionContext.session?.kernel) {
          this._implementation = info.implementation;
          this._schedule();
        }
      });
    }
    this._schedule();
  }

  private _onStatusChanged(_: unknown, status: Kernel.Status): void {
    // A restarted kernel starts from Python again: what the cells ran as before no longer holds.
    if (status === 'restarting' || status === 'autorestarting') {
      this._runs.clear();
      this._schedule();
    }
  }

  private _onRan(_: KernelReplies, run: IRun): void {
    this._runs.set(run.cellId, run);
    this._schedule();
  }

  private _isMetapoly(): boolean {
    const kernel = this._panel.sessionContext.session?.kernel;
    if (kernel) {
      return kernel.name === METAPOLY || this._implementation === METAPOLY;
    }
    const spec = this._panel.model?.getMetadata('kernelspec') as { name?: unknown } | undefined;
    return spec?.name === METAPOLY;
  }

  // One refresh for all the changes of one turn of the event loop (a paste changes many cells).
  private _schedule(): void {
    if (this._scheduled || this._disposed) {
      return;
    }
    this._scheduled = true;
    void Promise.resolve().then(() => {
      this._scheduled = false;
      if (!this._disposed) {
        this._refresh();
      }
    });
  }

  private _refresh(): void {
    // A cell's editor loads the language of each MIME type it is given and applies whichever load ends
    // last: a Julia cell whose MIME type the notebook sets to its own, and this sets back, would end up
    // in the notebook's language if that one loaded after Julia. With both loaded first, the last one set
    // is the one applied.
    const mimes = [JULIA_CELL_MIME, PYTHON_CELL_MIME, this._panel.content.codeMimetype];
    const loading = mimes.filter(mime => !this._loaded.has(mime));
    if (loading.length) {
      void Promise.all(loading.map(mime => this._languages.getLanguage(mime))).then(() => {
        loading.forEach(mime => this._loaded.add(mime));
        this._schedule();
      });
      return;
    }
    const active = this._isMetapoly();
    let current: Language = 'python';
    for (const cell of this._panel.content.widgets) {
      if (!(cell instanceof CodeCell)) {
        continue;
      }
      this._follow(cell);
      if (!active) {
        this._apply(cell, null);
        continue;
      }
      const decision = this._decide(cell.model, current);
      this._apply(cell, decision.language);
      current = decision.defaultAfter;
    }
  }

  private _decide(model: ICellModel, current: Language): IDecision {
    const source = model.sharedModel.getSource();
    const decision = decide(source, current);
    const run = this._runs.get(model.id);
    if (run?.source === source) {
      return { ...decision, language: run.language, defaultAfter: run.defaultAfter };
    }
    return decision;
  }

  private _apply(cell: CodeCell, language: Language | null): void {
    const julia = language === 'julia';
    if (julia) {
      this._juliaCells.add(cell.model);
    } else {
      this._juliaCells.delete(cell.model);
    }
    const mime = julia ? JULIA_CELL_MIME : this._panel.content.codeMimetype;
    if (cell.model.mimeType !== mime) {
      cell.model.mimeType = mime;
    }
    if (!showLanguage(cell, language)) {
      void cell.ready.then(() => this._schedule());
    }
    if (language !== null && !this._panel.context.model.readOnly) {
      storeLanguage(cell.model, language);
    }
  }

  // The notebook sets every code cell's MIME type to its own when the kernel's language is known, and a
  // new cell's when it is made: a Julia cell's is set back (the others keep the notebook's).
  private _follow(cell: Cell): void {
    if (this._followed.has(cell.model)) {
      return;
    }
    this._followed.add(cell.model);
    cell.model.mimeTypeChanged.connect(() => {
      if (!this._disposed && this._juliaCells.has(cell.model) && cell.model.mimeType !== JULIA_CELL_MIME) {
        cell.model.mimeType = JULIA_CELL_MIME;
      }
    });
  }

  private _panel: NotebookPanel;
  private _languages: IEditorLanguageRegistry;
  private _loaded = new Set<string>();
  private _replies: KernelReplies | null = null;
  private _implementation: string | null = null;
  private _runs = new Map<string, IRun>();
  private _juliaCells = new WeakSet<ICellModel>();
  private _followed = new WeakSet<ICellModel>();
  private _scheduled = false;
  private _disposed = false;
}
