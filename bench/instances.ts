/**
 * How many Durable Object instances this benchmark Worker has constructed, for
 * `npm run bench:idle`'s eviction probe: a session that wakes as a new instance was evicted while
 * idle. workerd runs a Worker's objects and its fetch handler in one isolate, so a module
 * counter sees them all; `GET /bench-instances` reads it.
 */
export const instances = { made: 0 };

export function instancesResponse(): Response {
  return Response.json(instances);
}
