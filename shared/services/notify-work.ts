/**
 * Notifying the applicant (outbox work `notify`): the message of its topic (shared/documents/messages.ts)
 * by e-mail or SMS to the address read from the case item, where it is sealed (the notifier's function
 * alone among the workers opens applicant fields).
 */
import { getAgency } from '../store/agencies.js';
import { getCase } from '../store/cases.js';
import type { Db } from '../store/client.js';
import { getDocument } from '../store/documents.js';
import type { OutboxWork } from '../store/outbox.js';
import { notificationMessage, type Notifier } from './notify.js';
import type { Performer } from './outbox-work.js';

export interface NotifyDeps {
  db: Db;
  notifier: Notifier;
}

/** The performer of `notify` work. */
export function notifyWork(deps: NotifyDeps): Performer {
  return async (work) => {
    if (work.kind !== 'notify') throw new Error(`Work ${work.id} is not notification work.`);
    return notify(deps, work);
  };
}

async function notify(deps: NotifyDeps, work: Extract<OutboxWork, { kind: 'notify' }>): Promise<Record<string, unknown>> {
  const record = await getCase(deps.db, work.caseId);
  if (!record) throw new Error(`Case ${work.caseId} is missing.`);
  const [agency, document] = await Promise.all([
    getAgency(deps.db, record.agencyId),
    work.documentId ? getDocument(deps.db, work.caseId, work.documentId) : undefined,
  ]);
  const message = notificationMessage(work.topic, {
    record,
    agencyName: agency?.name ?? record.agencyId,
    number: document?.number ?? '',
    downloads: record.delivery.form === 'electronic',
  });
  if (work.channel === 'email') {
    const to = record.applicant.email;
    if (!to) return { skipped: 'no e-mail address' };
    const id = await deps.notifier.email({ workId: work.id, to, subject: message.subject, body: message.email });
    return { channel: 'email', messageId: id };
  }
  const to = record.applicant.phone;
  if (!to) return { skipped: 'no phone number' };
  const id = await deps.notifier.sms({ workId: work.id, to, text: message.sms });
  return { channel: 'sms', messageId: id };
}
