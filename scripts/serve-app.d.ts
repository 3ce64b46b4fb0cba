/** Types of scripts/serve-app.js for the tests that start it. */
import type { Server } from "http";

export function startServer(options?: { root?: string; port?: number; host?: string }): Promise<{
  server: Server;
  url: string;
  close: () => Promise<void>;
}>;
