const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/**
 * A byte count in binary units: `812 B`, `1.5 GiB`. `decimals: 'below-ten'` keeps the decimal only
 * where it says something (`1.5 GiB`, but `12 MiB`), for totals in a summary line.
 */
export function formatBytes(bytes: number, decimals: 'always' | 'below-ten' = 'always'): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${value.toFixed(0)} B`;
  return `${value.toFixed(decimals === 'always' || value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}
