/**
 * Loaded with `node --require` into the language server by a robustness test: logs to the console
 * the way a chatty dependency might, from the first turn of the event loop on. On stdio, anything
 * that reached stdout would corrupt the protocol stream.
 */
const timer = setInterval(() => {
  console.log('chatter from a dependency', { at: Date.now() });
  console.info('info chatter');
  console.warn('warning chatter');
}, 5);
timer.unref();
