// Structural equality over plain data (objects, arrays, bigint, primitives) so an unchanged task
// keeps its object identity across polls and selectors see no change.
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** Shallow-first equality for flat records (tasks): primitives compared inline, nested values deeply. */
export function recordEqual(a: object, b: object): boolean {
  let n = 0;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k in ra) {
    n++;
    const x = ra[k];
    const y = rb[k];
    if (x === y) {
      if (x === undefined && !(k in rb)) return false;
      continue;
    }
    if (typeof x !== 'object' || x === null || typeof y !== 'object' || y === null) return false;
    if (!deepEqual(x, y)) return false;
  }
  for (const _k in rb) n--;
  return n === 0;
}
