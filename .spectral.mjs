// Spectral: the OWASP API Security Top 10 2023 ruleset on the OpenAPI document (scripts/openapi.ts lint).
// Loaded from node_modules, never fetched. Its remaining findings and the reason for each: docs/api.md.
import owasp from '@stoplight/spectral-owasp-ruleset';

export default { extends: [owasp] };
