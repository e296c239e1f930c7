/**
 * For long work on the site server's one thread (reading a release's content back, indexing a
 * whole language for search: about a second each at 20,000 pages): `await` the function this
 * returns between steps, and once the work has run `sliceMs` since it last let go, it lets the
 * server answer what waits (readers' requests) before it goes on.
 */
export const timeSlices = (sliceMs = 10): (() => Promise<void>) => {
  let sliceStarted = performance.now();
  return async () => {
    if (performance.now() - sliceStarted <= sliceMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    sliceStarted = performance.now();
  };
};
