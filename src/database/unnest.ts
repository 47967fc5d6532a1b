/** One column of rows sent as an array parameter: its name, its PostgreSQL type, its value. */
export type UnnestColumn<R> = readonly [column: string, type: string, value: (row: R) => unknown];

/**
 * `unnest($n::type[], …)` over one array parameter per column (appended to `params`), so a
 * statement that reads rows from it has the same text for any number of rows.
 */
export function unnestArrays<R>(
  columns: ReadonlyArray<UnnestColumn<R>>,
  rows: readonly R[],
  params: unknown[],
): string {
  const arrays = columns.map(([, type, value]) => {
    params.push(rows.map(value));
    return `$${params.length}::${type}[]`;
  });
  return `unnest(${arrays.join(', ')})`;
}

/**
 * A CTE `name` inserting `rows` into `table` from one array parameter per column (appended to
 * `params`), unnested together: the statement's text is the same for any number of rows.
 */
export function unnestInsertCte<R>(
  name: string,
  table: string,
  columns: ReadonlyArray<UnnestColumn<R>>,
  rows: readonly R[],
  params: unknown[],
): string {
  return `${name} AS (
    INSERT INTO ${table} (${columns.map(([column]) => column).join(', ')})
    SELECT * FROM ${unnestArrays(columns, rows, params)})`;
}
