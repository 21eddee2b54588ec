// Runs the crash-safety loop outside the unit suite and prints its figures:
//   npx tsx test/crash/run-crash-loop.ts [kills=1000]
import { runCrashLoop } from './crash-harness';

const kills = Number(process.argv[2] ?? 1000);
const figures = await runCrashLoop({
  kills,
  onProgress: (done) => {
    if (done % 100 === 0) process.stdout.write(`  ${done} kills…\n`);
  },
});
const { failures, elapsedMs, ...rest } = figures;
console.log(`Crash loop: ${figures.kills} SIGKILLs in ${(elapsedMs / 1000).toFixed(1)} s`);
for (const [key, value] of Object.entries(rest)) console.log(`  ${key.padEnd(24)} ${Number.isInteger(value) ? value : value.toFixed(0)}`);
if (failures.length > 0) {
  console.log('FAILURES:');
  for (const f of failures) console.log(`  ${f}`);
  process.exit(1);
}
console.log('Every acknowledged edit was found after every kill.');
