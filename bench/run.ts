/**
 * `npm run bench [-- name ...]`: the benchmarks of docs/architecture.md "Budgets". Each prints its figures as ratios
 * against a baseline measured in the same run. Not tests: they report, they do not pass or fail.
 */
import { benchBundles } from './bundle.js';
import { benchDeadline } from './deadline.js';
import { benchReports } from './reports.js';
import { benchRoundTrips } from './round-trip.js';

const suites: Record<string, () => Promise<string[]>> = {
  deadline: () => benchDeadline(),
  bundles: () => benchBundles(),
  'round-trips': () => benchRoundTrips(),
  reports: () => benchReports(),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of wanted.length > 0 ? wanted : Object.keys(suites)) {
  const suite = suites[name];
  if (!suite) {
    console.error(`unknown benchmark ${name}; known: ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n# ${name}`);
  for (const line of await suite()) console.log(line);
}
