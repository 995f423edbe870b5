/**
 * Sends the notifications of the outbox (e-mail with Amazon SES, SMS with Amazon SNS) that the table's
 * stream delivers, each exactly once (shared/services/outbox-work.ts): a repeated delivery finds the work
 * done, a failed send is retried by Lambda and ends in the dead-letter queue after the last attempt.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { config } from '../../shared/config.js';
import { log } from '../../shared/log.js';
import type { Notifier } from '../../shared/services/notify.js';
import { notifyWork } from '../../shared/services/notify-work.js';
import { handleStreamBatch, type StreamRecord } from '../../shared/services/outbox-stream.js';
import { db } from '../../shared/store/client.js';

let notifier: Notifier | undefined;

function awsNotifier(): Notifier {
  const ses = new SESv2Client({});
  const sns = new SNSClient({});
  const from = config().NOTIFY_FROM_EMAIL;
  return {
    async email({ to, subject, body }) {
      if (!from) throw new Error('NOTIFY_FROM_EMAIL is not set.');
      const sent = await ses.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [to] },
          Content: { Simple: { Subject: { Data: subject, Charset: 'UTF-8' }, Body: { Text: { Data: body, Charset: 'UTF-8' } } } },
        }),
      );
      return sent.MessageId ?? '';
    },
    async sms({ to, text }) {
      // Mainland numbers are stored without the country code (11 digits); SNS wants E.164.
      const phone = to.startsWith('+') ? to : `+86${to}`;
      const sent = await sns.send(
        new PublishCommand({
          PhoneNumber: phone,
          Message: text,
          MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
        }),
      );
      return sent.MessageId ?? '';
    },
  };
}

export const handler = async (event: { Records: StreamRecord[] }) => {
  notifier ??= awsNotifier();
  return handleStreamBatch(event.Records, ['notify'], { db: db(), now: () => new Date(), perform: notifyWork({ db: db(), notifier }) }, (work, error) =>
    // The error's name only: a provider's message can quote the recipient's address (personal data).
    log.error('notification failed', { workId: work.id, error: (error as Error).name }),
  );
};
