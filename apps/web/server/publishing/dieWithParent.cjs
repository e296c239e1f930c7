// Preloaded into the code build's child process (see codeBuild.ts). The child runs in a process
// group of its own; when the site server goes away, even by `kill -9`, the IPC channel closes,
// and this ends the whole group (Astro's build and whatever it started), so no build outlives
// the server and writes into a releases folder that a new server has already cleaned up.
process.on('disconnect', () => {
  try {
    process.kill(-process.pid, 'SIGKILL');
  } catch {
    process.exit(1);
  }
});
