/**
 * The size of a crash or fuzz run: the short one in the suite, the long one with CHARLA_SOAK=1
 * (`npm run test:soak`). The short one still kills and restarts at the same points of the run,
 * so what it proves is the same; the long one adds volume, for a change to those paths.
 */
export const soak = <T>(short: T, long: T): T => (process.env.CHARLA_SOAK === '1' ? long : short);
