/**
 * A client of the API as an outside developer writes it: typed by openapi-typescript from the OpenAPI
 * document (gongkai-api.d.ts beside this file, `npm run openapi:types`) and calling with openapi-fetch.
 * It lists the agencies of the public form, submits an application, tracks it with its query code, and
 * tries a wrong code. tests/unit/http/openapi-client.test.ts type-checks it against freshly generated
 * types; tests/e2e/contract.test.ts runs it against the local stack.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './gongkai-api.js';

type SubmitResult = components['schemas']['SubmitResult'];
type ApplicationView = components['schemas']['ApplicationView'];

export async function submitAndTrack(
  baseUrl: string,
  agencyId: string,
): Promise<{ submitted: SubmitResult; view: ApplicationView; wrongCode: number }> {
  const client = createClient<paths>({ baseUrl, headers: { 'accept-language': 'en' } });

  const agencies = await client.GET('/public/agencies');
  if (!agencies.data) throw new Error(`agencies: ${agencies.response.status}`);
  const agency = agencies.data.items.find((a) => a.id === agencyId);
  if (!agency) throw new Error(`no agency ${agencyId} on the public form`);

  const submit = await client.POST('/applications', {
    params: { header: { 'idempotency-key': `client-${Date.now()}-${Math.random().toString(36).slice(2)}` } },
    body: {
      agencyId: agency.id,
      applicant: {
        type: 'natural_person',
        name: '王五',
        idDocument: { type: 'resident_id', number: '110101199003077774' },
        email: 'wangwu@example.com',
      },
      request: { description: `${agency.name}2025年政府信息公开工作年度报告的编制说明 ${Math.random().toString(36).slice(2)}` },
      delivery: { form: 'electronic', method: 'online' },
    },
  });
  if (!submit.data) throw new Error(`submit: ${submit.response.status} ${submit.error?.title ?? ''}`);
  const submitted: SubmitResult = submit.data;

  const tracked = await client.GET('/applications/{id}', {
    params: { path: { id: submitted.id }, header: { 'x-query-code': submitted.queryCode } },
  });
  if (!tracked.data) throw new Error(`track: ${tracked.response.status} ${tracked.error?.title ?? ''}`);

  const wrong = await client.GET('/applications/{id}', {
    params: { path: { id: submitted.id }, header: { 'x-query-code': 'WRONG-CODE' } },
  });
  // A wrong code is a problem (404), typed as the document's Problem.
  const problem: components['schemas']['Problem'] | undefined = wrong.error;
  return { submitted, view: tracked.data, wrongCode: problem?.status ?? wrong.response.status };
}
