// Vitest global setup for the files that start `rostra` processes: builds the compiled server once per run, so
// they run what production runs (bin/rostra.js picks dist/server when it is newer than the sources).
// A build that fails (sources being edited) is reported in one line; bin/rostra.js then runs the sources via tsx.
import { buildServer } from '../../scripts/build.js';

export default async function setup(): Promise<void> {
  try {
    await buildServer({ quiet: true });
  } catch (error) {
    console.warn(`server build failed, tests run the TypeScript sources: ${(error as Error).message.split('\n')[0]}`);
  }
}
