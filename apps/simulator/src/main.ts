import { createSimulator } from './index';

// The only file that reads argv/env: `tsx src/main.ts [port]`, state kept in SIMULATOR_STATE_FILE if set.
const port = Number.parseInt(process.argv[2] ?? process.env.SIMULATOR_PORT ?? '4010', 10);
const host = process.env.SIMULATOR_HOST ?? '127.0.0.1';
const stateFile = process.env.SIMULATOR_STATE_FILE;

const simulator = createSimulator({ logger: true, ...(stateFile && { stateFile }) });
const baseUrl = await simulator.listen({ host, port });
simulator.app.log.info(
  `WhatsApp Cloud API simulator on ${baseUrl} (phone page: ${baseUrl}/phone/<phoneNumberId>)`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void simulator.close().then(() => process.exit(0));
  });
}
