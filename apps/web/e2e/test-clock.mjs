// Loaded with `node --import` into the server a browser test starts with `testClock: true` (never in production):
// the process's clock (Date.now, new Date()) runs ahead by an offset the test sets over the IPC channel, so a post
// scheduled a few minutes ahead is due at once and the real worker publishes it, without the test waiting for
// the wall clock. Timers and performance.now() are left alone: the job loop polls, and reads Date.now each time.
const RealDate = Date;
let offsetMs = 0;

class TestClockDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offsetMs);
    else super(...args);
  }

  static now() {
    return RealDate.now() + offsetMs;
  }
}

globalThis.Date = TestClockDate;

if (process.send) {
  process.on('message', (message) => {
    if (typeof message?.clockOffsetMs !== 'number') return;
    offsetMs = message.clockOffsetMs;
    process.send?.({ clockOffsetMs: offsetMs });
  });
  // The channel must not keep the server alive once it is told to stop.
  process.channel?.unref();
}
