/** GET /openapi.json — the contract, generated once per container from the route table. */
import { httpHandler, json } from '../../shared/http/handler.js';
import { openApiDocument, type OpenApiDocument } from '../../shared/http/openapi.js';
import { openApi as route, routeList } from '../../shared/http/routes.js';

let document: OpenApiDocument | undefined;

export const handler = httpHandler(route, async () => {
  document ??= openApiDocument(routeList);
  return json(200, document, { 'cache-control': 'public, max-age=300' });
});
