/** The job bucket (JOB_BUCKET) through the two-call S3 client: the plans, map results and summaries of runs. */
import { config } from '../../shared/config.js';
import { s3ObjectClient } from '../../shared/store/s3-objects.js';

export function jobBucket() {
  const { JOB_BUCKET: bucket, AWS_REGION: region } = config();
  if (!bucket) throw new Error('JOB_BUCKET is not set: the fan-out steps run in the state machine only.');
  const s3 = s3ObjectClient({ region });
  return {
    put: (key: string, body: string) => s3.putObject(bucket, key, body, 'application/json; charset=utf-8'),
    read: async (key: string): Promise<string> => {
      const text = await s3.getObject(bucket, key);
      if (text === undefined) throw new Error(`s3://${bucket}/${key} does not exist.`);
      return text;
    },
  };
}
