/**
 * What the kernel says of each cell it ran: the `metapoly` entry of its `execute_reply` metadata,
 * `{"language": ..., "default": ...}` (the language the cell is written in, given the kernel's default
 * when it ran, and the default it left), matched to the cell through the request's `cellId`.
 */

import { Kernel, KernelMessage } from '@jupyterlab/services';
import { ISignal, Signal } from '@lumino/signaling';

import { Language, LANGUAGES } from './cellLanguage';

/** A cell's run, as the kernel reports it: the source that ran, and the languages of the reply. */
export interface IRun {
  cellId: string;
  source: string;
  language: Language;
  defaultAfter: Language;
}

function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** Follows one kernel connection's execute requests and replies; `ran` signals each cell's run. */
export class KernelReplies {
  constructor(kernel: Kernel.IKernelConnection) {
    this._kernel = kernel;
    kernel.anyMessage.connect(this._onMessage, this);
  }

  /** Emitted for each reply (to a request a cell made) that carries metapoly's languages. */
  get ran(): ISignal<this, IRun> {
    return this._ran;
  }

  /** Stop following the kernel. */
  dispose(): void {
    this._kernel.anyMessage.disconnect(this._onMessage, this);
    this._requests.clear();
  }

  private _onMessage(_: Kernel.IKernelConnection, args: Kernel.IAnyMessageArgs): void {
    const { msg, direction } = args;
    if (direction === 'send' && msg.header.msg_type === 'execute_request') {
      const request = msg as KernelMessage.IExecuteRequestMsg;
      const cellId = (request.metadata as { cellId?: unknown }).cellId;
      if (typeof cellId === 'string') {
        this._requests.set(request.header.msg_id, { cellId, source: request.content.code });
      }
    } else if (direction === 'recv' && msg.header.msg_type === 'execute_reply') {
      const requestId = (msg.parent_header as { msg_id?: string }).msg_id ?? '';
      const request = this._requests.get(requestId);
      if (!request) {
        return;
      }
      this._requests.delete(requestId);
      const reported = (msg.metadata as { metapoly?: { language?: unknown; default?: unknown } }).metapoly;
      if (reported && isLanguage(reported.language) && isLanguage(reported.default)) {
        this._ran.emit({ ...request, language: reported.language, defaultAfter: reported.default });
      }
    }
  }

  private _kernel: Kernel.IKernelConnection;
  private _requests = new Map<string, { cellId: string; source: string }>();
  private _ran = new Signal<this, IRun>(this);
}
