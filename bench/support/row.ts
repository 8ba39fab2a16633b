/** One line of the results table (bench/run.ts and every section under bench/sections/). */
export interface BenchRow {
  /** Sort key; the PostgreSQL rows sit beside their SQLite figure (3.5 after 3). */
  id: number;
  /** Shown instead of id. */
  label?: string;
  what: string;
  figure: string;
  floor: string;
  ratio: string;
  target: string;
  met: boolean;
  notes?: string;
}
