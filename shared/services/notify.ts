/**
 * Notifications: the message of a topic filled from the case (shared/documents/messages.ts), and where it
 * goes — a local folder (one JSON file per message, `.data/outbox` or OUTBOX_DIR) or, in AWS, the
 * notifier of functions/stream/send-notifications.ts (SES e-mail, SNS SMS).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { formatDate, fill } from '../documents/compose.js';
import { MESSAGES } from '../documents/messages.js';
import { yuan } from '../domain/fees.js';
import type { CaseRecord } from '../store/cases.js';
import type { NotificationTopic } from '../store/outbox.js';

export interface Notifier {
  /** Sends an e-mail; returns the provider's message id. */
  email(message: { workId: string; to: string; subject: string; body: string }): Promise<string>;
  /** Sends an SMS; returns the provider's message id. */
  sms(message: { workId: string; to: string; text: string }): Promise<string>;
}

export interface FilledMessage {
  subject: string;
  email: string;
  sms: string;
}

export function notificationMessage(
  topic: NotificationTopic,
  input: { record: CaseRecord; agencyName: string; number: string; downloads: boolean },
): FilledMessage {
  const s = input.record.state;
  const fields: Record<string, string | undefined> = {
    applicant: input.record.applicant.name,
    agency: input.agencyName,
    caseId: input.record.id,
    number: input.number,
    downloads: input.downloads ? '，并下载有关文书' : '',
    downloadsEn: input.downloads ? ' and download its documents' : '',
    amount: s.fee ? yuan(s.fee.amountFen) : '',
  };
  const dates = { receivedDate: s.receivedDate, dueDate: s.dueDate, correctionDueDate: s.correction?.correctionDueDate, closedDate: s.closedDate };
  for (const [name, date] of Object.entries(dates)) {
    fields[name] = date ? formatDate(date, 'zh') : '';
    fields[`${name}En`] = date ? formatDate(date, 'en') : '';
  }
  const t = MESSAGES[topic];
  return {
    subject: `${fill(t.subject.zh, fields)} / ${fill(t.subject.en, fields)}`,
    email: `${fill(t.email.zh, fields)}\n\n---\n\n${fill(t.email.en, fields)}\n`,
    sms: fill(t.sms, fields),
  };
}

/** The local notifier: each message a file in the outbox folder, named by its work id (written once). */
export function folderNotifier(folder: string): Notifier & { location: string } {
  const root = resolve(folder);
  const write = async (workId: string, message: Record<string, unknown>) => {
    await mkdir(root, { recursive: true });
    const path = join(root, `${workId}.json`);
    await writeFile(path, `${JSON.stringify({ ...message, sentAt: new Date().toISOString() }, null, 2)}\n`, { flag: 'wx' });
    return path;
  };
  return {
    location: root,
    email: async (m) => write(m.workId, { channel: 'email', to: m.to, subject: m.subject, body: m.body }),
    sms: async (m) => write(m.workId, { channel: 'sms', to: m.to, text: m.text }),
  };
}

export function localOutboxDir(): string {
  return resolve(process.env.OUTBOX_DIR ?? join('.data', 'outbox'));
}
