// Preloaded into a desk under test (NODE_OPTIONS=--require …) to give it a wrong wall clock, as a
// laptop whose clock is off would have: Date.now() and `new Date()` run TASKDESK_TEST_SKEW_MS ahead.
const skew = Number(process.env.TASKDESK_TEST_SKEW_MS || 0);
if (skew) {
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  class SkewedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(realNow() + skew);
      else super(...args);
    }
    static now() {
      return realNow() + skew;
    }
  }
  globalThis.Date = SkewedDate;
}
