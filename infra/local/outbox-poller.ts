/**
 * The local stand-in for the table's stream (docs/architecture.md): every half second it reads the outbox
 * partitions and does each piece of work with the same code the stream functions run in AWS
 * (shared/services/outbox-work.ts): documents rendered into the local documents folder, notifications
 * written as files into the local outbox folder. Done work leaves the outbox; failed work stays and is
 * tried again on the next round (its done-mark keeps it from being done twice).
 */
import { deleteOutboxItem, listOutbox } from '../../shared/store/outbox.js';
import type { Db } from '../../shared/store/client.js';
import { folderDocumentStorage } from '../../shared/store/document-storage.js';
import { doWork, type Performer } from '../../shared/services/outbox-work.js';
import { notifyWork } from '../../shared/services/notify-work.js';
import { renderWork } from '../../shared/services/render-work.js';
import { renderDocx } from '../../shared/documents/render-docx.js';
import { folderNotifier, type Notifier } from '../../shared/services/notify.js';
import { log } from '../../shared/log.js';

export interface OutboxPoller {
  /** Does all the work present now (tests call it to wait for documents and messages). */
  drain(): Promise<{ done: number; skipped: number; failed: number }>;
  stop(): Promise<void>;
  documentsDir: string;
  outboxDir: string;
}

export function startOutboxPoller(db: Db, options: { documentsDir: string; outboxDir: string; intervalMs?: number; notifier?: Notifier }): OutboxPoller {
  const storage = folderDocumentStorage(options.documentsDir);
  const notifier = options.notifier ?? folderNotifier(options.outboxDir);
  const render = renderWork({ db, storage, docx: renderDocx });
  const send = notifyWork({ db, notifier });
  const perform: Performer = (work) => (work.kind === 'notify' ? send(work) : render(work));
  let running: Promise<{ done: number; skipped: number; failed: number }> | undefined;
  let stopped = false;

  const round = async () => {
    const counts = { done: 0, skipped: 0, failed: 0 };
    for (const work of await listOutbox(db)) {
      try {
        counts[await doWork({ db, now: () => new Date(), perform }, work)]++;
        await deleteOutboxItem(db, work.id);
      } catch (error) {
        counts.failed++;
        log.warn('outbox work failed; tried again on the next round', { workId: work.id, error: (error as Error).message });
      }
    }
    return counts;
  };
  const drain = async () => {
    while (running) await running.catch(() => undefined);
    running = round();
    try {
      return await running;
    } finally {
      running = undefined;
    }
  };
  // intervalMs 0: no polling, only drain() on demand.
  const interval = options.intervalMs ?? 500;
  const timer =
    interval > 0
      ? setInterval(() => {
          if (!running && !stopped) void drain().catch(() => undefined);
        }, interval)
      : undefined;
  timer?.unref();
  return {
    drain,
    documentsDir: storage.location,
    outboxDir: options.outboxDir,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      while (running) await running.catch(() => undefined);
    },
  };
}
