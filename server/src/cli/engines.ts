// The engines for the CLI (main thread or worker): the shared loader plus the --config file's custom agencies.
import type { Engines } from '../core/analysis';
import { loadEngines } from '../node/data';
import { createActionPlanService, fixedClock, type ActionPlanService } from '../core/service';

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

/** The core service for one CLI run (main thread or worker): every file is checked against the same `today`. */
export function cliService(
  custom: CustomAgencies | undefined,
  today: string,
): { service: ActionPlanService; problems: string[] } {
  const { engines, problems } = cliEngines(custom);
  return { service: createActionPlanService({ clock: fixedClock(today), engines: () => engines }), problems };
}
