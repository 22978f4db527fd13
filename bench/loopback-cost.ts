/**
 * What one small round trip over a loopback TCP socket costs this machine: a byte written, echoed
 * and read back, one after another. Every send in the broadcast bench is at least one such round
 * trip (Charla to the simulator) plus its webhooks back, so the figure says how much of a run's
 * CPU goes to the kernel on this machine, and lets runs on different machines be compared.
 */
import { connect, createServer } from 'node:net';

export type LoopbackCost = { round_trip_wall_us: number; round_trip_cpu_us: number };

export async function measureLoopbackCost(roundTrips = 20_000): Promise<LoopbackCost> {
  const server = createServer((socket) => socket.on('data', (chunk) => socket.write(chunk)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const client = connect(port, '127.0.0.1');
  try {
    await new Promise<void>((resolve, reject) => client.once('connect', resolve).once('error', reject));
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await new Promise<void>((resolve) => {
      let done = 0;
      client.on('data', () => {
        done += 1;
        if (done >= roundTrips) resolve();
        else client.write('x');
      });
      client.write('x');
    });
    const wallUs = (performance.now() - started) * 1000;
    const cpu = process.cpuUsage(cpuBefore);
    return {
      round_trip_wall_us: Math.round((wallUs / roundTrips) * 10) / 10,
      round_trip_cpu_us: Math.round(((cpu.user + cpu.system) / roundTrips) * 10) / 10,
    };
  } finally {
    client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
