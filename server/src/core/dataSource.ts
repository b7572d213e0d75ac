// The data source of the core: where the generated data files (data/index/*.json, data/plans/*.txt,
// data/agencies/agency.schema.json) come from. The core only declares it; the Node host (server/src/node/data.ts)
// reads data/ on disk, tests may hand in files from memory. Nothing here is cached: a host that wants one load per
// process keeps the engines it built (node/data.ts loadEngines()).

/** A data file that cannot be read or parsed (the hosts show its message as is: it names the file). */
export class DataLoadError extends Error {
  override readonly name = 'DataLoadError';
}

/** Data files by their path under data/ ('index/plans.json', 'plans/2021-2030.txt'). */
export interface DataSource {
  /** The text of a data file; throws a DataLoadError that names the file when it cannot be read. */
  read(path: string): string;
}

/** A data source over files held in memory (tests, embedders). A missing file is an error that names it. */
export function inMemoryDataSource(files: Readonly<Record<string, string>>): DataSource {
  return {
    read(path) {
      if (!Object.prototype.hasOwnProperty.call(files, path))
        throw new DataLoadError(`数据文件缺失 / data file missing: ${path}`);
      return files[path];
    },
  };
}

/** Reads and parses a JSON data file; a parse error names the file. */
export function readJson<T>(data: DataSource, path: string): T {
  const text = data.read(path);
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new DataLoadError(`数据文件不是有效的 JSON / data file is not valid JSON: ${path}: ${(e as Error).message}`);
  }
}
