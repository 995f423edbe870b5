/**
 * `npm run bench [-- name ...]`: the benchmarks of docs/architecture.md "Budgets". Each prints its figures as ratios
 * against a baseline measured in the same run. Not tests: they report, they do not pass or fail.
 */
import { benchBundles } from './bundle.js';
import { benchCost } from './cost.js';
import { benchDeadline } from './deadline.js';
import { benchReports } from './reports.js';
import { benchRoundTrips } from './round-trip.js';
import { benchScale } from './scale.js';

const suites: Record<string, () => Promise<string[]>> = {
  deadline: () => benchDeadline(),
  bundles: () => benchBundles(),
  'round-trips': () => benchRoundTrips(),
  reports: () => benchReports(),
  // Province scale (docs/deployment.md, a few minutes): run by name only, not with the budgets.
  scale: () => benchScale(),
  // Cost per case (docs/deployment.md): run by name.
  cost: () => benchCost(),
};
const BY_NAME_ONLY = new Set(['scale', 'cost']);

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of wanted.length > 0 ? wanted : Object.keys(suites).filter((n) => !BY_NAME_ONLY.has(n))) {
  const suite = suites[name];
  if (!suite) {
    console.error(`unknown benchmark ${name}; known: ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n# ${name}`);
  for (const line of await suite()) console.log(line);
}
