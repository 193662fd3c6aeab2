import { workersPool } from "../workers-pool.js";

/**
 * Runtime tests: the real Worker and session Durable Object in workerd, with local D1 and R2.
 * The app is a fixture whose hooks each test installs itself (tests/workers/harness.ts).
 */
export default workersPool({ name: "workers", dir: "workers" });
