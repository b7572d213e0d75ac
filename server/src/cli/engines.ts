// The engines for the CLI (main thread or worker): the shared loader plus the --config file's custom agencies.
import type { Engines } from '../core/analysis';
import { loadEngines } from '../core/engines';

export interface CustomAgencies {
  json: unknown;
  /** Absolute path of the custom agency file (for messages). */
  source: string;
}

/** Loads the engines once per thread; returns the problems of the custom agency file (empty when valid). */
export function cliEngines(custom: CustomAgencies | undefined): { engines: Engines; problems: string[] } {
  const engines = loadEngines();
  const problems = custom ? engines.agencies.addCustom(custom.json, custom.source) : [];
  return { engines, problems };
}
