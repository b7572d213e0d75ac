// The narrow views of the knowledge base that its helpers need (completion, unknown-name scan). They live here,
// not in knowledgeBase.ts, so that the helpers do not import the class that imports them (no module cycle).
import type { AgencyInfo, AgencyStatus } from './api';
import type { Folder } from './fold';
import type { Places } from './places';
import type { Level, LocalTemplate, Registry } from './registry';

/** A place written in a document, resolved for naming local bodies. */
export interface PlaceRef {
  text: string;
  /** As written in the document (may be traditional), when different from `text`. */
  written?: string;
  level: Level;
  municipality: boolean;
}

/** What the unknown-name scan (unknowns.ts) reads from the knowledge base. */
export interface UnknownsHost {
  readonly folder: Folder;
  suggest(name: string, limit?: number, referenceDate?: string): string[];
  /** Whether an unlisted name is another local way of naming the local body of `suggestion` (both folded). */
  localVariant(written: string, suggestion: string): boolean;
  /**
   * Whether a listed place in its full form (和平区, 和田地区, 和龙市) is written from `at` in the folded text `f`: its
   * first character (和) is then no lead-in word.
   */
  placeFrom(f: string, at: number): boolean;
  /** Look up one name (as written, any form the matcher accepts), with its status on the date. */
  lookup(name: string, referenceDate: string): { info: AgencyInfo; status: AgencyStatus } | undefined;
}

/** What the completer (complete.ts) reads from the knowledge base. */
export interface CompleterHost {
  readonly places: Places;
  readonly registry: Registry;
  readonly pinyin: Record<string, [string, string]>;
  localName(t: LocalTemplate, place: PlaceRef, short: boolean): string;
  lookup(name: string, referenceDate: string): { info: AgencyInfo; status: AgencyStatus } | undefined;
  resolvePlace(locality: string): PlaceRef | undefined;
  /**
   * The templates whose name the province of `place` (written as `place.text`) kept after the reform on `date`
   * (内蒙古: 农牧局), and the ids of the templates that replaced them elsewhere (农业农村局), not offered there.
   */
  keptAt(place: PlaceRef, date: string): { kept: LocalTemplate[]; replaced: Set<string> };
}
